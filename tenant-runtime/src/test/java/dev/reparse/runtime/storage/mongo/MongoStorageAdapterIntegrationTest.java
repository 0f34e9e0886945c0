package dev.reparse.runtime.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.reparse.protocol.ParseException;
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
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter against mongo-java-server (H2 in memory) through the real driver. Geo, {@code $text}
 * and collation are not supported by that server; their translation is covered by {@link
 * MongoQueryTranslatorTest}.
 */
class MongoStorageAdapterIntegrationTest {
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    MongoDatabase database;
    MongoStorageAdapter adapter;
    ClassSchema schema;

    @BeforeEach
    void freshDatabase() {
        database = TestMongo.freshDatabase("app");
        adapter = new MongoStorageAdapter(database, Clock.fixed(NOW, ZoneOffset.UTC));
        schema = gameScoreSchema();
        adapter.createClass(schema);
    }

    static ClassSchema gameScoreSchema() {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        fields.put("objectId", FieldType.of("String"));
        fields.put("createdAt", FieldType.of("Date"));
        fields.put("updatedAt", FieldType.of("Date"));
        fields.put("ACL", FieldType.of("ACL"));
        fields.put("score", FieldType.of("Number"));
        fields.put("name", FieldType.of("String"));
        fields.put("player", FieldType.pointer("_User"));
        fields.put("tags", FieldType.of("Array"));
        fields.put("meta", FieldType.of("Object"));
        fields.put("playedAt", FieldType.of("Date"));
        fields.put("avatar", FieldType.of("File"));
        fields.put("fans", FieldType.relation("_User"));
        return new ClassSchema("GameScore", fields, Map.of("find", Map.of("*", true)), Map.of());
    }

    static Map<String, Object> object(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static Map<String, Object> pointer(String className, String id) {
        return object("__type", "Pointer", "className", className, "objectId", id);
    }

    static Map<String, Object> date(String iso) {
        return object("__type", "Date", "iso", iso);
    }

    void save(String id, int score, String name, Object... more) {
        Map<String, Object> obj = object("objectId", id, "createdAt", "2024-01-0" + (score % 9 + 1) + "T00:00:00.000Z",
                "updatedAt", "2024-01-0" + (score % 9 + 1) + "T00:00:00.000Z", "score", score, "name", name);
        obj.putAll(object(more));
        adapter.createObject("GameScore", schema, obj);
    }

    List<String> ids(Map<String, Object> where) {
        return adapter.find("GameScore", schema, where, new QueryOptions(0, 100, List.of("objectId"), null))
                .stream().map(o -> (String) o.get("objectId")).toList();
    }

    @Test
    void roundTripsEveryTypeThroughCreateAndFind() {
        adapter.createObject("GameScore", schema, object(
                "objectId", "a1", "createdAt", "2024-01-01T00:00:00.000Z", "updatedAt", "2024-01-02T00:00:00.000Z",
                "score", 10, "name", "Ann", "player", pointer("_User", "u1"),
                "tags", List.of("x", "y", pointer("_User", "u2")),
                "meta", object("when", date("2020-01-01T00:00:00.000Z"), "deep", object("k", 1.5)),
                "playedAt", date("2023-03-03T03:03:03.003Z"), "avatar", object("__type", "File", "name", "f.png", "url", "http://x"),
                "ACL", object("*", object("read", true), "u1", object("read", true, "write", true))));

        Map<String, Object> found = adapter.find("GameScore", schema, Map.of("objectId", "a1"), QueryOptions.limit(10)).getFirst();

        assertEquals("a1", found.get("objectId"));
        assertEquals("2024-01-01T00:00:00.000Z", found.get("createdAt"));
        assertEquals("2024-01-02T00:00:00.000Z", found.get("updatedAt"));
        assertEquals(10, found.get("score"));
        assertEquals(pointer("_User", "u1"), found.get("player"));
        assertEquals(List.of("x", "y", pointer("_User", "u2")), found.get("tags"));
        assertEquals(object("when", date("2020-01-01T00:00:00.000Z"), "deep", object("k", 1.5)), found.get("meta"));
        assertEquals(date("2023-03-03T03:03:03.003Z"), found.get("playedAt"));
        assertEquals(object("__type", "File", "name", "f.png"), found.get("avatar"));
        assertEquals(object("*", object("read", true), "u1", object("read", true, "write", true)), found.get("ACL"));
        assertEquals(object("__type", "Relation", "className", "_User"), found.get("fans"));
        assertFalse(found.containsKey("_rperm") || found.containsKey("_wperm") || found.containsKey("_acl")
                || found.containsKey("_id") || found.containsKey("_p_player"));
    }

    @Test
    void findsByComparisonAndListOperators() {
        save("a", 1, "Ann");
        save("b", 2, "Bob");
        save("c", 3, "Cid");

        assertEquals(List.of("b", "c"), ids(object("score", object("$gt", 1))));
        assertEquals(List.of("a", "b"), ids(object("score", object("$lte", 2))));
        assertEquals(List.of("a", "c"), ids(object("score", object("$ne", 2))));
        assertEquals(List.of("b"), ids(object("score", object("$eq", 2))));
        assertEquals(List.of("a", "c"), ids(object("name", object("$in", List.of("Ann", "Cid")))));
        assertEquals(List.of("b"), ids(object("name", object("$nin", List.of("Ann", "Cid")))));
        assertEquals(List.of("a"), ids(object("objectId", "a")));
        assertEquals(List.of("b", "c"), ids(object("objectId", object("$in", List.of("b", "c", "zz")))));
    }

    @Test
    void findsByExistsRegexAndLogicalOperators() {
        save("a", 1, "Ann", "tags", List.of("x"));
        save("b", 2, "bob");
        save("c", 3, "Cid");

        assertEquals(List.of("a"), ids(object("tags", object("$exists", true))));
        assertEquals(List.of("b", "c"), ids(object("tags", object("$exists", false))));
        assertEquals(List.of("a", "b"), ids(object("name", object("$regex", "^[ab]", "$options", "i"))));
        assertEquals(List.of("a", "c"), ids(object("$or", List.of(object("score", 1), object("name", "Cid")))));
        assertEquals(List.of("c"), ids(object("$and", List.of(object("score", object("$gt", 1)), object("name", "Cid")))));
        assertEquals(List.of("b"), ids(object("$nor", List.of(object("score", 1), object("name", "Cid")))));
    }

    @Test
    void findsArrayElementsWithEqualityAllAndContainedBy() {
        save("a", 1, "Ann", "tags", List.of("x", "y"));
        save("b", 2, "Bob", "tags", List.of("y", "z"));
        save("c", 3, "Cid", "tags", List.of("x"));

        assertEquals(List.of("a", "c"), ids(object("tags", "x")));
        assertEquals(List.of("a"), ids(object("tags", object("$all", List.of("x", "y")))));
        assertEquals(List.of("a", "c"), ids(object("tags", object("$containedBy", List.of("x", "y")))));
    }

    @Test
    void findsByPointerDateAndDotPath() {
        save("a", 1, "Ann", "player", pointer("_User", "u1"), "playedAt", date("2024-01-01T00:00:00.000Z"),
                "meta", object("level", 3));
        save("b", 2, "Bob", "player", pointer("_User", "u2"), "playedAt", date("2024-02-01T00:00:00.000Z"),
                "meta", object("level", 5));

        assertEquals(List.of("a"), ids(object("player", pointer("_User", "u1"))));
        assertEquals(List.of("b"), ids(object("player", object("$in", List.of(pointer("_User", "u2"))))));
        assertEquals(List.of("b"), ids(object("playedAt", object("$gt", date("2024-01-15T00:00:00.000Z")))));
        assertEquals(List.of("b"), ids(object("meta.level", object("$gte", 4))));
        assertEquals(List.of("a"), ids(object("createdAt", object("$lt", date("2024-01-02T12:00:00.000Z")))));
    }

    @Test
    void resolvesRelativeTimeAgainstTheClock() {
        save("old", 1, "Ann", "playedAt", date("2024-04-20T12:00:00.000Z"));
        save("new", 2, "Bob", "playedAt", date("2024-04-30T12:00:00.000Z"));

        assertEquals(List.of("new"), ids(object("playedAt", object("$gt", object("$relativeTime", "3 days ago")))));
        assertEquals(List.of("new", "old"), ids(object("playedAt", object("$lt", object("$relativeTime", "in 1 day")))));
        ParseException bad = assertThrows(ParseException.class,
                () -> ids(object("playedAt", object("$gt", object("$relativeTime", "sometime")))));
        assertEquals(107, bad.code());
    }

    @Test
    void filtersByReadPermissions() {
        save("pub", 1, "Ann", "ACL", object("*", object("read", true)));
        save("mine", 2, "Bob", "ACL", object("u1", object("read", true, "write", true)));
        save("none", 3, "Cid");

        assertEquals(List.of("none", "pub"), ids(object("_rperm", object("$in", java.util.Arrays.asList(null, "*")))));
        assertEquals(List.of("mine", "none", "pub"),
                ids(object("_rperm", object("$in", java.util.Arrays.asList(null, "*", "u1")))));
    }

    @Test
    void sortsSkipsLimitsAndProjects() {
        save("a", 1, "Ann", "tags", List.of("t"));
        save("b", 3, "Bob");
        save("c", 2, "Cid");

        List<Map<String, Object>> page = adapter.find("GameScore", schema, Map.of(),
                new QueryOptions(1, 1, List.of("-score"), Set.of("name")));

        assertEquals(1, page.size());
        assertEquals("c", page.getFirst().get("objectId"));
        assertEquals("Cid", page.getFirst().get("name"));
        assertTrue(page.getFirst().containsKey("createdAt"));
        assertFalse(page.getFirst().containsKey("score"));
        assertEquals(List.of(), adapter.find("GameScore", schema, Map.of(), QueryOptions.limit(0)));
    }

    @Test
    void countsAndDeletesByQuery() {
        save("a", 1, "Ann");
        save("b", 2, "Bob");
        save("c", 3, "Cid");

        assertEquals(3, adapter.count("GameScore", schema, Map.of()));
        assertEquals(2, adapter.count("GameScore", schema, object("score", object("$gt", 1))));
        assertEquals(2, adapter.deleteObjectsByQuery("GameScore", schema, object("score", object("$lt", 3))));
        assertEquals(List.of("c"), ids(Map.of()));
    }

    @Test
    void appliesEveryUpdateOperationAndReturnsTheObjectAfter() {
        save("a", 1, "Ann", "tags", List.of("x", pointer("_User", "u1")), "meta", object("k", 1));

        Map<String, Object> after = adapter.findOneAndUpdate("GameScore", schema, object("objectId", "a"), object(
                "score", object("__op", "Increment", "amount", 5),
                "tags", object("__op", "Remove", "objects", List.of(pointer("_User", "u1"))),
                "name", object("__op", "Delete"),
                "meta.k", 2,
                "player", pointer("_User", "u9"),
                "ACL", object("u9", object("read", true)))).orElseThrow();

        assertEquals(6, after.get("score"));
        assertEquals(List.of("x"), after.get("tags"));
        assertFalse(after.containsKey("name"));
        assertEquals(object("k", 2), after.get("meta"));
        assertEquals(pointer("_User", "u9"), after.get("player"));
        assertEquals(object("u9", object("read", true)), after.get("ACL"));
        assertEquals("2024-05-01T12:00:00.000Z", after.get("updatedAt"));

        Map<String, Object> added = adapter.findOneAndUpdate("GameScore", schema, object("objectId", "a"), object(
                "tags", object("__op", "AddUnique", "objects", List.of("x", "y")))).orElseThrow();
        assertEquals(List.of("x", "y"), added.get("tags"));
        added = adapter.findOneAndUpdate("GameScore", schema, object("objectId", "a"), object(
                "tags", object("__op", "Add", "objects", List.of("x")))).orElseThrow();
        assertEquals(List.of("x", "y", "x"), added.get("tags"));
        assertTrue(adapter.findOneAndUpdate("GameScore", schema, object("objectId", "zz"), object("score", 1)).isEmpty());
    }

    @Test
    void refusesDuplicatesOnAUniqueIndexWith137() {
        adapter.ensureUniqueness("GameScore", schema, List.of("name"));
        save("a", 1, "Ann");

        ParseException duplicate = assertThrows(ParseException.class, () -> save("b", 2, "Ann"));
        assertEquals(137, duplicate.code());
        assertEquals("A duplicate value for a field with unique values was provided", duplicate.getMessage());
        ParseException duplicateId = assertThrows(ParseException.class, () -> save("a", 3, "Other"));
        assertEquals(137, duplicateId.code());
    }

    @Test
    void refusesUniquenessWhenDataAlreadyHasDuplicates() {
        save("a", 1, "Ann");
        save("b", 2, "Ann");

        ParseException error = assertThrows(ParseException.class,
                () -> adapter.ensureUniqueness("GameScore", schema, List.of("name")));
        assertEquals(137, error.code());
    }

    @Test
    void refusesServerSideJavaScriptAndUnknownOperators() {
        for (String operator : List.of("$where", "$expr", "$function", "$accumulator", "$comment")) {
            ParseException error = assertThrows(ParseException.class, () -> ids(object(operator, "1")));
            assertEquals(102, error.code(), operator);
        }
        ParseException nested = assertThrows(ParseException.class, () -> ids(object("score", object("$where", "1"))));
        assertEquals(107, nested.code(), "a malformed field constraint, as Parse Server answers");
    }

    @Test
    void storesRelationsInJoinCollections() {
        adapter.addRelation("fans", "GameScore", "a", "u1");
        adapter.addRelation("fans", "GameScore", "a", "u2");
        adapter.addRelation("fans", "GameScore", "a", "u2");
        adapter.addRelation("fans", "GameScore", "b", "u2");

        assertEquals(List.of("u1", "u2"), adapter.relatedIds("fans", "GameScore", List.of("a")).stream().sorted().toList());
        assertEquals(List.of("a", "b"), adapter.owningIds("fans", "GameScore", List.of("u2")).stream().sorted().toList());
        assertEquals(3, database.getCollection("_Join:fans:GameScore").countDocuments());

        adapter.removeRelation("fans", "GameScore", "a", "u2");
        assertEquals(List.of("u1"), adapter.relatedIds("fans", "GameScore", List.of("a")));
    }

    @Test
    void keepsGlobalConfigParamsAndMasterKeyOnlyFlags() {
        assertEquals(object("params", Map.of(), "masterKeyOnly", Map.of()), adapter.getGlobalConfig());

        adapter.updateGlobalConfig(object("greeting", "hi", "limit", 3, "when", date("2024-01-01T00:00:00.000Z")),
                object("limit", true));
        adapter.updateGlobalConfig(object("greeting", object("__op", "Delete"), "list", List.of(1, 2)), Map.of());

        Map<String, Object> config = adapter.getGlobalConfig();
        assertEquals(object("limit", 3, "when", date("2024-01-01T00:00:00.000Z"), "list", List.of(1, 2)),
                config.get("params"));
        assertEquals(object("limit", true, "when", false, "list", false), config.get("masterKeyOnly"));
        assertEquals(1, database.getCollection("_GlobalConfig").find().first().get("_id"));
    }

    @Test
    void storesAndEvolvesSchemas() {
        adapter.addField("GameScore", "level", FieldType.of("Number"));
        adapter.addField("GameScore", "level", FieldType.of("Number"));
        adapter.setClassLevelPermissions("GameScore", object("get", object("*", true)));

        ClassSchema stored = adapter.getClass("GameScore").orElseThrow();
        assertEquals(FieldType.of("Number"), stored.fields().get("level"));
        assertEquals(FieldType.pointer("_User"), stored.fields().get("player"));
        assertEquals(FieldType.relation("_User"), stored.fields().get("fans"));
        assertEquals(object("*", true), stored.classLevelPermissions().get("get"));
        assertEquals(Map.of(), stored.classLevelPermissions().get("find"));
        ParseException mismatch = assertThrows(ParseException.class,
                () -> adapter.addField("GameScore", "level", FieldType.of("String")));
        assertEquals(111, mismatch.code());
        ParseException exists = assertThrows(ParseException.class, () -> adapter.createClass(schema));
        assertEquals(103, exists.code());

        save("a", 1, "Ann", "player", pointer("_User", "u1"));
        adapter.addRelation("fans", "GameScore", "a", "u1");
        adapter.deleteFields("GameScore", stored, List.of("player", "fans"));
        assertFalse(database.getCollection("GameScore").find().first().containsKey("_p_player"));
        assertFalse(adapter.getClass("GameScore").orElseThrow().fields().containsKey("player"));
        assertFalse(collectionNames().contains("_Join:fans:GameScore"));

        adapter.deleteClass("GameScore");
        assertTrue(adapter.getClass("GameScore").isEmpty());
        assertEquals(List.of(), adapter.getAllClasses());
    }

    @Test
    void createsAndDropsNamedIndexes() {
        adapter.updateIndexes("GameScore", schema, object("name_1", object("name", 1)));
        ClassSchema withIndex = adapter.getClass("GameScore").orElseThrow();
        assertEquals(object("_id_", object("_id", 1), "name_1", object("name", 1)), withIndex.indexes());

        ParseException exists = assertThrows(ParseException.class,
                () -> adapter.updateIndexes("GameScore", withIndex, object("name_1", object("name", 1))));
        assertEquals(102, exists.code());
        ParseException unknownField = assertThrows(ParseException.class,
                () -> adapter.updateIndexes("GameScore", withIndex, object("x_1", object("nope", 1))));
        assertEquals(102, unknownField.code());

        adapter.updateIndexes("GameScore", withIndex, object("name_1", object("__op", "Delete")));
        assertEquals(object("_id_", object("_id", 1)), adapter.getClass("GameScore").orElseThrow().indexes());
    }

    @Test
    void distinctReturnsRestValues() {
        save("a", 1, "Ann", "player", pointer("_User", "u1"));
        save("b", 2, "Ann", "player", pointer("_User", "u2"));
        save("c", 3, "Bob", "player", pointer("_User", "u1"));

        assertEquals(List.of("Ann", "Bob"), sorted(adapter.distinct("GameScore", schema, Map.of(), "name")));
        assertEquals(2, adapter.distinct("GameScore", schema, Map.of(), "player").size());
        assertTrue(adapter.distinct("GameScore", schema, object("name", "Bob"), "player")
                .contains(pointer("_User", "u1")));
    }

    @Test
    void aggregatesWithParseFieldNames() {
        save("a", 1, "Ann", "player", pointer("_User", "u1"));
        save("b", 2, "Ann", "player", pointer("_User", "u2"));
        save("c", 4, "Bob", "player", pointer("_User", "u1"));

        List<Map<String, Object>> byPlayer = adapter.aggregate("GameScore", schema, List.of(
                object("$match", object("score", object("$gt", 0))),
                object("$group", object("_id", "$player", "total", object("$sum", "$score"))),
                object("$sort", object("total", -1))));
        assertEquals(List.of(object("objectId", "u1", "total", 5), object("objectId", "u2", "total", 2)), byPlayer);

        List<Map<String, Object>> counted = adapter.aggregate("GameScore", schema, List.of(
                object("$match", object("player", "u1")), object("$count", "n")));
        assertEquals(List.of(object("n", 2)), counted);

        List<Map<String, Object>> projected = adapter.aggregate("GameScore", schema, List.of(
                object("$match", object("objectId", "a")), object("$project", object("name", 1, "createdAt", 1))));
        assertEquals("a", projected.getFirst().get("objectId"));
        assertEquals("2024-01-02T00:00:00.000Z", projected.getFirst().get("createdAt"));

        ParseException out = assertThrows(ParseException.class,
                () -> adapter.aggregate("GameScore", schema, List.of(object("$out", "x"))));
        assertEquals(102, out.code());
    }

    List<Object> sorted(List<Object> values) {
        return values.stream().map(String::valueOf).sorted().map(v -> (Object) v).toList();
    }

    List<String> collectionNames() {
        return database.listCollectionNames().into(new ArrayList<>());
    }
}
