package dev.reparse.runtime.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.Json;
import dev.reparse.runtime.core.QueryBounds;
import dev.reparse.runtime.livequery.QueryMatcher;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import dev.reparse.runtime.storage.QueryOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strongest oracle for LiveQuery's matcher: each where clause runs as a find through the real
 * storage adapter (translation to Mongo, then mongo-java-server's own matching), and the matcher must
 * pick the same objects out of the REST form that the find answers with. Geo and {@code $text} are
 * missing from mongo-java-server; {@code QueryMatcherGeoTest} covers geo against known distances.
 */
class QueryMatcherStoreAgreementTest {
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    static final String U1 = "{'__type': 'Pointer', 'className': '_User', 'objectId': 'u1'}";
    static final String U2 = "{'__type': 'Pointer', 'className': '_User', 'objectId': 'u2'}";

    static MongoStorageAdapter adapter;
    static ClassSchema schema;
    static List<Map<String, Object>> objects;

    static Map<String, Object> json(String text) {
        return Json.asObject(Json.parse(text.replace('\'', '"')), 107, "bad test JSON");
    }

    static Stream<String> objectsToStore() {
        return Stream.of(
                "{'objectId': 'a', 'createdAt': '2024-01-01T00:00:00.000Z', 'score': 1, 'name': 'Ann', 'player': " + U1
                        + ", 'tags': ['x', 'y'], 'flag': true, 'playedAt': {'__type': 'Date', 'iso': '2024-04-30T13:00:00.000Z'},"
                        + " 'meta': {'level': 3, 'by': " + U1 + ", 'items': [{'sku': 'p', 'qty': 1}, {'sku': 'q', 'qty': 7}]}}",
                "{'objectId': 'b', 'createdAt': '2024-02-01T00:00:00.000Z', 'score': 2.5, 'name': 'bob', 'player': " + U2
                        + ", 'tags': ['y', " + U1 + "], 'flag': false, 'meta': {'level': 'high', 'when': {'__type': 'Date',"
                        + " 'iso': '2020-01-01T00:00:00.000Z'}}}",
                "{'objectId': 'c', 'createdAt': '2024-03-01T00:00:00.000Z', 'score': 30, 'name': 'Cid\\nCo',"
                        + " 'tags': [], 'avatar': {'__type': 'File', 'name': 'c.png', 'url': 'http://f/c.png'},"
                        + " 'meta': {'items': [{'sku': 'q', 'qty': 2}], 'note': null}}",
                "{'objectId': 'd', 'createdAt': '2024-04-01T00:00:00.000Z', 'name': 'Dee', 'tags': [['x', 'y'], 'z'],"
                        + " 'playedAt': {'__type': 'Date', 'iso': '2024-04-01T00:00:00.000Z'}, 'meta': {}}",
                "{'objectId': 'e', 'createdAt': '2024-05-01T00:00:00.000Z', 'score': -4, 'name': 'ÉVA', 'tags': ['x', 1, 2.0],"
                        + " 'flag': true, 'meta': {'level': 3.0, 'tags': ['deep']}}",
                "{'objectId': 'f', 'createdAt': '2024-05-01T11:59:00.000Z', 'score': 7, 'tags': ['z'],"
                        + " 'avatar': {'__type': 'File', 'name': 'f.jpg', 'url': 'http://f/f.jpg'}}");
    }

    static Stream<String> whereClauses() {
        return Stream.of(
                // equality, arrays, nulls
                "{'name': 'Ann'}", "{'score': 30}", "{'score': 2.5}", "{'score': 1.0}", "{'flag': true}", "{'flag': false}",
                "{'tags': 'x'}", "{'tags': 'z'}", "{'tags': ['y', 'x']}", "{'tags': []}",
                "{'tags': 1}", "{'tags': 2}", "{'score': null}", "{'flag': null}", "{'meta.note': null}",
                "{'meta.level': 3}", "{'meta.level': 'high'}",
                // pointers
                "{'player': " + U1 + "}", "{'player': 'u2'}", "{'tags': " + U1 + "}", "{'meta.by': " + U1 + "}",
                "{'player': {'$in': [" + U1 + ", " + U2 + "]}}", "{'player': {'$ne': " + U1 + "}}",
                "{'player': {'$exists': true}}", "{'player': {'$nin': ['u1']}}",
                // dates
                "{'createdAt': {'$gt': {'__type': 'Date', 'iso': '2024-02-15T00:00:00.000Z'}}}",
                "{'createdAt': {'$lte': {'__type': 'Date', 'iso': '2024-02-01T00:00:00.000Z'}}}",
                "{'createdAt': {'__type': 'Date', 'iso': '2024-03-01T00:00:00.000Z'}}",
                "{'createdAt': '2024-03-01T00:00:00.000Z'}",
                "{'playedAt': {'$gte': '2024-04-01T00:00:00.000Z'}}",
                "{'playedAt': {'$lt': {'__type': 'Date', 'iso': '2024-04-15T00:00:00.000Z'}}}",
                "{'playedAt': {'$gt': {'$relativeTime': '1 day ago'}}}",
                "{'createdAt': {'$gte': {'$relativeTime': '2 hours ago'}, '$lt': {'$relativeTime': 'now'}}}",
                "{'meta.when': {'$lt': {'__type': 'Date', 'iso': '2021-01-01T00:00:00.000Z'}}}",
                // comparisons
                "{'score': {'$gt': 2}}", "{'score': {'$gte': 2.5}}", "{'score': {'$lt': 0}}", "{'score': {'$lte': 1}}",
                "{'score': {'$gt': 1, '$lt': 30}}", "{'score': {'$ne': 1}}", "{'score': {'$ne': null}}",
                "{'name': {'$gt': 'B'}}", "{'name': {'$lt': 'b'}}", "{'tags': {'$gt': 'x'}}", "{'score': {'$gt': 'a'}}",
                "{'flag': {'$gt': false}}", "{'meta.items.qty': {'$gt': 5}}",
                "{'meta.level': {'$gte': 3}}", "{'tags': {'$ne': 'x'}}", "{'score': {'$eq': 7}}",
                // lists
                "{'score': {'$in': [1, 30, 99]}}", "{'score': {'$nin': [1, 30]}}", "{'tags': {'$in': ['z', 'q']}}",
                "{'score': {'$in': [null]}}", "{'tags': {'$all': ['x', 'y']}}",
                "{'tags': {'$all': ['x']}}", "{'tags': {'$all': [1, 2]}}", "{'name': {'$in': []}}",
                "{'tags': {'$containedBy': ['x', 'y', 'z']}}", "{'tags': {'$containedBy': ['x', 'y']}}",
                "{'tags': {'$containedBy': ['x', 1, 2]}}", "{'tags': {'$containedBy': []}}",
                "{'tags': {'$all': [{'$regex': '^\\\\Qx\\\\E'}, {'$regex': '^\\\\Qy\\\\E'}]}}",
                "{'meta.tags': {'$containedBy': ['deep']}}", "{'name': {'$containedBy': ['Ann']}}",
                "{'meta.items.sku': {'$containedBy': ['q']}}", "{'tags': {'$all': []}}", "{'score': {'$nin': []}}",
                "{'meta.items.sku': {'$ne': 'q'}}", "{'meta.note': {'$ne': null}}", "{'meta.items': {'$exists': false}}",
                // exists
                "{'score': {'$exists': true}}", "{'score': {'$exists': false}}", "{'avatar': {'$exists': true}}",
                "{'meta.items': {'$exists': true}}", "{'meta.note': {'$exists': true}}", "{'meta.note': {'$exists': false}}",
                // regex
                "{'name': {'$regex': '^[A-C]'}}", "{'name': {'$regex': 'o'}}", "{'name': {'$regex': 'ann', '$options': 'i'}}",
                "{'name': {'$regex': '^Co', '$options': 'm'}}", "{'name': {'$regex': '^Co'}}",
                "{'name': {'$regex': 'éva', '$options': 'i'}}", "{'name': {'$regex': 'd.C', '$options': 's'}}",
                "{'name': {'$regex': 'd.C'}}", "{'tags': {'$regex': '^z'}}",
                "{'avatar': {'$regex': '\\\\.png$'}}", "{'name': {'$regex': '^\\\\QAn\\\\E'}}",
                // paths
                "{'meta.items.sku': 'q'}", "{'meta.items.sku': 'p', 'meta.items.qty': 2}", "{'tags.1': 'y'}",
                "{'meta.tags': 'deep'}", "{'meta.by.objectId': 'u1'}", "{'meta.items.qty': {'$in': [2, 7]}}",
                "{'meta.items.1.qty': 7}", "{'player.objectId': 'u1'}",
                // object ids and more dates
                "{'objectId': 'c'}", "{'objectId': {'$in': ['a', 'f']}}", "{'objectId': {'$gt': 'c'}}",
                "{'updatedAt': {'$lt': '2024-03-01T00:00:00.000Z'}}", "{'playedAt': '2024-04-01T00:00:00.000Z'}",
                "{'playedAt': {'$ne': {'__type': 'Date', 'iso': '2024-04-01T00:00:00.000Z'}}}",
                "{'playedAt': {'$in': ['2024-04-01T00:00:00.000Z']}}", "{'player': {'$in': ['u1']}}",
                "{'name': {'$exists': false}}", "{'tags': {'$in': [1]}}", "{'score': {'$in': [2.5, -4.0]}}",
                // files
                "{'avatar': {'__type': 'File', 'name': 'c.png'}}", "{'avatar': 'c.png'}", "{'avatar': {'$gt': 'd'}}",
                "{'avatar': {'$in': [{'__type': 'File', 'name': 'f.jpg'}]}}",
                // logic
                "{'$or': [{'score': 1}, {'name': 'Dee'}]}", "{'$and': [{'tags': 'x'}, {'tags': 'y'}]}",
                "{'$nor': [{'flag': true}, {'score': {'$gt': 20}}]}",
                "{'flag': true, '$or': [{'score': {'$lt': 0}}, {'$and': [{'meta.level': 3}, {'$nor': [{'name': 'Ann'}]}]}]}");
    }

    /**
     * Clauses where mongo-java-server (the local-mode store) answers differently from MongoDB (production),
     * with MongoDB's answer, which the matcher gives: an array equal to an element of an array field, an
     * empty document (it matches a missing field there), {@code $gte: null} (MongoDB matches a missing
     * field), {@code $nin} and a numeric path into a nested array (MongoDB expands arrays one level), and
     * {@code $regex} on a number (MongoDB only matches strings).
     */
    static Stream<Arguments> whereMongoJavaServerDiffers() {
        return Stream.of(
                Arguments.of("{'tags': ['x', 'y']}", List.of("a", "d")),
                Arguments.of("{'meta': {}}", List.of("d")),
                Arguments.of("{'score': {'$gte': null}}", List.of("d")),
                Arguments.of("{'tags': {'$nin': ['x']}}", List.of("b", "c", "d", "f")),
                Arguments.of("{'tags.0': 'x'}", List.of("a", "d", "e")),
                Arguments.of("{'score': {'$regex': '1'}}", List.of()));
    }

    @BeforeAll
    static void storeObjects() {
        adapter = new MongoStorageAdapter(TestMongo.freshDatabase("lq"), Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, FieldType> fields = new LinkedHashMap<>();
        fields.put("objectId", FieldType.of("String"));
        fields.put("createdAt", FieldType.of("Date"));
        fields.put("updatedAt", FieldType.of("Date"));
        fields.put("ACL", FieldType.of("ACL"));
        fields.put("score", FieldType.of("Number"));
        fields.put("name", FieldType.of("String"));
        fields.put("flag", FieldType.of("Boolean"));
        fields.put("player", FieldType.pointer("_User"));
        fields.put("tags", FieldType.of("Array"));
        fields.put("meta", FieldType.of("Object"));
        fields.put("playedAt", FieldType.of("Date"));
        fields.put("avatar", FieldType.of("File"));
        schema = new ClassSchema("Score", fields, Map.of("find", Map.of("*", true)), Map.of());
        adapter.createClass(schema);
        objectsToStore().forEach(text -> {
            Map<String, Object> object = json(text);
            object.put("updatedAt", object.get("createdAt"));
            adapter.createObject("Score", schema, object);
        });
        objects = adapter.find("Score", schema, Map.of(), new QueryOptions(0, 100, List.of("objectId"), null));
        assertEquals(6, objects.size());
    }

    @ParameterizedTest
    @MethodSource("whereClauses")
    void matcherPicksTheObjectsTheFindReturns(String whereText) {
        Map<String, Object> where = json(whereText);
        List<String> found = adapter.find("Score", schema, where, new QueryOptions(0, 100, List.of("objectId"), null))
                .stream().map(object -> (String) object.get("objectId")).toList();
        QueryMatcher matcher = QueryMatcher.compile(where, QueryBounds.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> matched = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            if (matcher.matches(object)) {
                matched.add((String) object.get("objectId"));
            }
        }
        assertEquals(found, matched, "where " + whereText);
    }

    @ParameterizedTest
    @MethodSource("whereMongoJavaServerDiffers")
    void matcherGivesMongoDbsAnswerWhereTheLocalStoreDiffers(String whereText, List<String> mongoDbAnswer) {
        QueryMatcher matcher = QueryMatcher.compile(json(whereText), QueryBounds.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> matched = objects.stream().filter(matcher::matches).map(object -> (String) object.get("objectId")).toList();
        assertEquals(mongoDbAnswer, matched, "where " + whereText);
        List<String> found = adapter.find("Score", schema, json(whereText), new QueryOptions(0, 100, List.of("objectId"), null))
                .stream().map(object -> (String) object.get("objectId")).toList();
        assertNotEquals(mongoDbAnswer, found, "mongo-java-server now agrees with MongoDB: move the clause to whereClauses");
    }

    @Test
    void mostClausesSplitTheObjects() {
        // a clause that every object or no object satisfies proves little; keep the set discriminating
        long splitting = whereClauses().filter(text -> {
            int found = adapter.find("Score", schema, json(text), QueryOptions.limit(100)).size();
            return found > 0 && found < objects.size();
        }).count();
        assertTrue(splitting >= whereClauses().count() * 8 / 10, splitting + " of " + whereClauses().count());
    }
}
