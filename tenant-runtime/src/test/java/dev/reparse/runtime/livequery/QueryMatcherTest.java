package dev.reparse.runtime.livequery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.QueryBounds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The matcher against cases taken from Mongo's and Parse Server's find semantics. Where clauses and
 * objects are written as JSON with single quotes.
 */
class QueryMatcherTest {
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    static Map<String, Object> json(String text) {
        return Json.asObject(Json.parse(text.replace('\'', '"')), 107, "bad test JSON");
    }

    static boolean matches(String where, String object) {
        return QueryMatcher.compile(json(where), QueryBounds.defaults(), Clock.fixed(NOW, ZoneOffset.UTC))
                .matches(json(object));
    }

    static ParseException refused(String where) {
        return assertThrows(ParseException.class, () -> QueryMatcher.compile(json(where)));
    }

    @Nested
    class Equality {
        @Test
        void emptyOrNullWhereMatchesEverything() {
            assertTrue(QueryMatcher.compile(null).matches(json("{'a': 1}")));
            assertTrue(QueryMatcher.compile(Map.of()).matches(json("{}")));
        }

        @Test
        void scalarsMatchOnlyEqualValuesOfTheSameType() {
            assertTrue(matches("{'name': 'Ann'}", "{'name': 'Ann'}"));
            assertFalse(matches("{'name': 'Ann'}", "{'name': 'ann'}"));
            assertFalse(matches("{'name': 'Ann'}", "{}"));
            assertTrue(matches("{'done': true}", "{'done': true}"));
            assertFalse(matches("{'done': true}", "{'done': 'true'}"));
            assertFalse(matches("{'score': 1}", "{'score': '1'}"));
            assertFalse(matches("{'score': 1}", "{'score': true}"));
        }

        @Test
        void numbersCompareNumericallyAcrossIntLongAndDouble() {
            assertTrue(matches("{'score': 3}", "{'score': 3.0}"));
            assertTrue(matches("{'score': 3.0}", "{'score': 3}"));
            assertTrue(matches("{'big': 9007199254740993}", "{'big': 9007199254740993}"));
            assertFalse(matches("{'big': 9007199254740993}", "{'big': 9007199254740992}"));
            assertFalse(matches("{'score': 3}", "{'score': 3.5}"));
        }

        @Test
        void nullMatchesNullAndMissingFields() {
            assertTrue(matches("{'a': null}", "{'a': null}"));
            assertTrue(matches("{'a': null}", "{'b': 1}"));
            assertFalse(matches("{'a': null}", "{'a': 0}"));
            assertTrue(matches("{'a': null}", "{'a': [1, null]}"));
            assertFalse(matches("{'a': null}", "{'a': []}"));
        }

        @Test
        void aScalarMatchesAnArrayThatContainsIt() {
            assertTrue(matches("{'tags': 'x'}", "{'tags': ['w', 'x']}"));
            assertFalse(matches("{'tags': 'x'}", "{'tags': ['w', 'y']}"));
            assertTrue(matches("{'nums': 2}", "{'nums': [1, 2.0]}"));
        }

        @Test
        void anArrayMatchesTheSameArrayInOrderOrAnElementThatIsThatArray() {
            assertTrue(matches("{'tags': ['a', 'b']}", "{'tags': ['a', 'b']}"));
            assertFalse(matches("{'tags': ['a', 'b']}", "{'tags': ['b', 'a']}"));
            assertFalse(matches("{'tags': ['a']}", "{'tags': ['a', 'b']}"));
            assertTrue(matches("{'tags': ['a', 'b']}", "{'tags': [['a', 'b'], 'c']}"));
        }

        @Test
        void objectsMatchFieldByField() {
            assertTrue(matches("{'meta': {'k': 1, 'v': 'x'}}", "{'meta': {'v': 'x', 'k': 1.0}}"));
            assertFalse(matches("{'meta': {'k': 1}}", "{'meta': {'k': 1, 'v': 'x'}}"));
            assertFalse(matches("{'meta': {'k': 1}}", "{'meta': {'k': 2}}"));
        }

        @Test
        void objectIdIsAnOrdinaryStringField() {
            assertTrue(matches("{'objectId': 'abc'}", "{'objectId': 'abc', 'x': 1}"));
            assertFalse(matches("{'objectId': 'abc'}", "{'objectId': 'abd'}"));
        }

        @Test
        void everyFieldOfTheWhereMustMatch() {
            assertTrue(matches("{'a': 1, 'b': 2}", "{'a': 1, 'b': 2}"));
            assertFalse(matches("{'a': 1, 'b': 2}", "{'a': 1, 'b': 3}"));
        }

        @Test
        void eqBehavesAsImplicitEquality() {
            assertTrue(matches("{'tags': {'$eq': 'x'}}", "{'tags': ['x']}"));
            assertTrue(matches("{'a': {'$eq': null}}", "{}"));
            assertFalse(matches("{'a': {'$eq': 1}}", "{'a': 2}"));
        }
    }

    @Nested
    class PointersDatesFilesBytes {
        static final String POINTER = "{'__type': 'Pointer', 'className': '_User', 'objectId': 'u1'}";

        @Test
        void pointersMatchOnClassAndObjectId() {
            assertTrue(matches("{'owner': " + POINTER + "}", "{'owner': " + POINTER + "}"));
            assertFalse(matches("{'owner': " + POINTER + "}",
                    "{'owner': {'__type': 'Pointer', 'className': 'Team', 'objectId': 'u1'}}"));
            assertFalse(matches("{'owner': " + POINTER + "}",
                    "{'owner': {'__type': 'Pointer', 'className': '_User', 'objectId': 'u2'}}"));
        }

        @Test
        void aPointerFieldMatchesAPlainObjectIdAsAFindOnThePointerColumnDoes() {
            assertTrue(matches("{'owner': 'u1'}", "{'owner': " + POINTER + "}"));
            assertTrue(matches("{'owner': {'$in': ['u0', 'u1']}}", "{'owner': " + POINTER + "}"));
            assertFalse(matches("{'owner': '_User$u1'}", "{'owner': " + POINTER + "}"));
        }

        @Test
        void pointersInsideArraysAreFoundByEqualityAndIn() {
            String object = "{'members': [" + POINTER + ", {'__type': 'Pointer', 'className': '_User', 'objectId': 'u2'}]}";
            assertTrue(matches("{'members': " + POINTER + "}", object));
            assertTrue(matches("{'members': {'$in': [" + POINTER + "]}}", object));
            assertTrue(matches("{'members': {'$all': [" + POINTER + "]}}", object));
            assertFalse(matches("{'members': 'u1'}", object));
        }

        @Test
        void aPathReachesIntoAPointerStoredInsideAnObject() {
            assertTrue(matches("{'meta.by.objectId': 'u1'}", "{'meta': {'by': " + POINTER + "}}"));
        }

        @Test
        void createdAtAsAnIsoStringComparesWithADateOperand() {
            String object = "{'createdAt': '2024-03-01T10:00:00.000Z'}";
            assertTrue(matches("{'createdAt': {'__type': 'Date', 'iso': '2024-03-01T10:00:00.000Z'}}", object));
            assertTrue(matches("{'createdAt': {'$gt': {'__type': 'Date', 'iso': '2024-02-01T00:00:00.000Z'}}}", object));
            assertFalse(matches("{'createdAt': {'$lt': {'__type': 'Date', 'iso': '2024-02-01T00:00:00.000Z'}}}", object));
            assertTrue(matches("{'updatedAt': {'$lte': {'__type': 'Date', 'iso': '2024-03-01T10:00:00Z'}}}",
                    "{'updatedAt': '2024-03-01T10:00:00.000Z'}"));
        }

        @Test
        void aDateFieldComparesWithDateOperandsAndIsoStrings() {
            String object = "{'due': {'__type': 'Date', 'iso': '2024-03-01T10:00:00.000Z'}}";
            assertTrue(matches("{'due': {'__type': 'Date', 'iso': '2024-03-01T10:00:00.000Z'}}", object));
            assertTrue(matches("{'due': '2024-03-01T10:00:00.000Z'}", object));
            assertTrue(matches("{'due': {'$gte': '2024-03-01T10:00:00.000Z', '$lt': '2024-03-02T00:00:00.000Z'}}", object));
            assertFalse(matches("{'due': {'$gt': {'__type': 'Date', 'iso': '2024-03-01T10:00:00.000Z'}}}", object));
            assertFalse(matches("{'due': {'$gt': 5}}", object));
            assertFalse(matches("{'due': 'not a date'}", object));
        }

        @Test
        void datesInsideArraysAndObjectsAreDatesToo() {
            assertTrue(matches("{'meta.when': {'$lt': {'__type': 'Date', 'iso': '2021-01-01T00:00:00.000Z'}}}",
                    "{'meta': {'when': {'__type': 'Date', 'iso': '2020-01-01T00:00:00.000Z'}}}"));
            assertTrue(matches("{'days': {'__type': 'Date', 'iso': '2020-01-01T00:00:00.000Z'}}",
                    "{'days': [{'__type': 'Date', 'iso': '2020-01-01T00:00:00Z'}]}"));
        }

        @Test
        void aFileMatchesByName() {
            String object = "{'avatar': {'__type': 'File', 'name': 'a.png', 'url': 'http://files/a.png'}}";
            assertTrue(matches("{'avatar': {'__type': 'File', 'name': 'a.png'}}", object));
            assertFalse(matches("{'avatar': {'__type': 'File', 'name': 'b.png'}}", object));
            assertTrue(matches("{'avatar': {'$regex': '\\\\.png$'}}", object));
        }

        @Test
        void bytesMatchByContent() {
            String object = "{'blob': {'__type': 'Bytes', 'base64': 'aGVsbG8='}}";
            assertTrue(matches("{'blob': {'__type': 'Bytes', 'base64': 'aGVsbG8='}}", object));
            assertFalse(matches("{'blob': {'__type': 'Bytes', 'base64': 'aGVsbG9='}}", object));
        }

        @Test
        void aGeoPointMatchesTheSameCoordinates() {
            String object = "{'loc': {'__type': 'GeoPoint', 'latitude': 40, 'longitude': -30}}";
            assertTrue(matches("{'loc': {'__type': 'GeoPoint', 'latitude': 40.0, 'longitude': -30.0}}", object));
            assertFalse(matches("{'loc': {'__type': 'GeoPoint', 'latitude': -30, 'longitude': 40}}", object));
        }

        @Test
        void aPolygonMatchesTheSameVertices() {
            String object = "{'area': {'__type': 'Polygon', 'coordinates': [[0, 0], [0, 1], [1, 1]]}}";
            assertTrue(matches("{'area': {'__type': 'Polygon', 'coordinates': [[0, 0], [0, 1.0], [1, 1]]}}", object));
            assertFalse(matches("{'area': {'__type': 'Polygon', 'coordinates': [[0, 0], [1, 0], [1, 1]]}}", object));
        }

        @Test
        void aRelationFieldIsNotInTheObjectsDocumentSoItMatchesAsMissing() {
            String object = "{'fans': {'__type': 'Relation', 'className': '_User'}}";
            assertTrue(matches("{'fans': {'$exists': false}}", object));
            assertFalse(matches("{'fans': {'__type': 'Relation', 'className': '_User'}}", object));
        }
    }

    @Nested
    class Comparisons {
        @Test
        void boundsAreStrictOrInclusiveAsNamed() {
            assertTrue(matches("{'n': {'$lt': 5}}", "{'n': 4}"));
            assertFalse(matches("{'n': {'$lt': 5}}", "{'n': 5}"));
            assertTrue(matches("{'n': {'$lte': 5}}", "{'n': 5}"));
            assertTrue(matches("{'n': {'$gt': 5}}", "{'n': 5.5}"));
            assertFalse(matches("{'n': {'$gt': 5}}", "{'n': 5.0}"));
            assertTrue(matches("{'n': {'$gte': 5}}", "{'n': 5}"));
            assertTrue(matches("{'n': {'$gt': 1, '$lt': 3}}", "{'n': 2}"));
            assertFalse(matches("{'n': {'$gt': 1, '$lt': 3}}", "{'n': 3}"));
        }

        @Test
        void valuesOfAnotherTypeNeverCompare() {
            assertFalse(matches("{'n': {'$lt': 5}}", "{'n': '4'}"));
            assertFalse(matches("{'n': {'$gt': 'a'}}", "{'n': 5}"));
            assertFalse(matches("{'n': {'$gte': 0}}", "{'n': null}"));
            assertFalse(matches("{'n': {'$lt': 5}}", "{}"));
            assertFalse(matches("{'n': {'$gt': 0}}", "{'n': {'x': 1}}"));
        }

        @Test
        void stringsCompareByCodePoint() {
            assertTrue(matches("{'s': {'$gt': 'B'}}", "{'s': 'a'}"));
            assertFalse(matches("{'s': {'$gt': 'b'}}", "{'s': 'B'}"));
            assertTrue(matches("{'s': {'$lte': 'abc'}}", "{'s': 'ab'}"));
        }

        @Test
        void booleansCompareFalseBeforeTrue() {
            assertTrue(matches("{'b': {'$gt': false}}", "{'b': true}"));
            assertFalse(matches("{'b': {'$lt': false}}", "{'b': true}"));
        }

        @Test
        void anArrayMatchesWhenAnyElementSatisfiesTheComparison() {
            assertTrue(matches("{'n': {'$gt': 10}}", "{'n': [1, 20]}"));
            assertFalse(matches("{'n': {'$gt': 10}}", "{'n': [1, 2]}"));
            // each bound may be met by a different element, as in Mongo
            assertTrue(matches("{'n': {'$gt': 10, '$lt': 5}}", "{'n': [1, 20]}"));
        }

        @Test
        void nullBoundsMatchLikeEqualityWithNull() {
            assertTrue(matches("{'n': {'$gte': null}}", "{}"));
            assertTrue(matches("{'n': {'$lte': null}}", "{'n': null}"));
            assertFalse(matches("{'n': {'$lt': null}}", "{}"));
            assertFalse(matches("{'n': {'$gte': null}}", "{'n': 1}"));
        }

        @Test
        void neMatchesEverythingThatIsNotEqualIncludingMissingAndOtherTypes() {
            assertTrue(matches("{'n': {'$ne': 1}}", "{'n': 2}"));
            assertTrue(matches("{'n': {'$ne': 1}}", "{}"));
            assertTrue(matches("{'n': {'$ne': 1}}", "{'n': '1'}"));
            assertFalse(matches("{'n': {'$ne': 1}}", "{'n': 1.0}"));
            assertFalse(matches("{'tags': {'$ne': 'x'}}", "{'tags': ['x', 'y']}"));
            assertFalse(matches("{'n': {'$ne': null}}", "{}"));
            assertTrue(matches("{'n': {'$ne': null}}", "{'n': 0}"));
        }
    }

    @Nested
    class Lists {
        @Test
        void inMatchesAnyListedValueOrAnArrayHoldingOne() {
            assertTrue(matches("{'n': {'$in': [1, 2]}}", "{'n': 2}"));
            assertFalse(matches("{'n': {'$in': [1, 2]}}", "{'n': 3}"));
            assertTrue(matches("{'tags': {'$in': ['a', 'z']}}", "{'tags': ['x', 'z']}"));
            assertTrue(matches("{'n': {'$in': [null]}}", "{}"));
            assertFalse(matches("{'n': {'$in': []}}", "{'n': 1}"));
        }

        @Test
        void inFlattensNestedArraysAsAFindDoes() {
            assertTrue(matches("{'n': {'$in': [[1, 2], 3]}}", "{'n': 2}"));
        }

        @Test
        void inAcceptsRegexValues() {
            assertTrue(matches("{'s': {'$in': [{'$regex': '^ab'}, 'zz']}}", "{'s': 'abc'}"));
            assertFalse(matches("{'s': {'$in': [{'$regex': '^ab'}]}}", "{'s': 'cab'}"));
        }

        @Test
        void ninIsTheNegationOfIn() {
            assertTrue(matches("{'n': {'$nin': [1, 2]}}", "{'n': 3}"));
            assertFalse(matches("{'n': {'$nin': [1, 2]}}", "{'n': 1}"));
            assertTrue(matches("{'n': {'$nin': [1, 2]}}", "{}"));
            assertFalse(matches("{'tags': {'$nin': ['a']}}", "{'tags': ['a', 'b']}"));
            assertTrue(matches("{'n': {'$nin': []}}", "{'n': 1}"));
        }

        @Test
        void allNeedsEveryListedValueInTheArray() {
            assertTrue(matches("{'tags': {'$all': ['a', 'b']}}", "{'tags': ['b', 'c', 'a']}"));
            assertFalse(matches("{'tags': {'$all': ['a', 'b']}}", "{'tags': ['a', 'c']}"));
            assertFalse(matches("{'tags': {'$all': ['a']}}", "{}"));
            assertFalse(matches("{'tags': {'$all': []}}", "{'tags': ['a']}"));
            assertTrue(matches("{'tag': {'$all': ['a']}}", "{'tag': 'a'}"));
        }

        @Test
        void allWithStartsWithRegexesNeedsEachToMatchSomeElement() {
            String where = "{'tags': {'$all': [{'$regex': '^\\\\Qfo\\\\E'}, {'$regex': '^\\\\Qba\\\\E'}]}}";
            assertTrue(matches(where, "{'tags': ['foo', 'bar']}"));
            assertFalse(matches(where, "{'tags': ['foo', 'qux']}"));
        }

        @Test
        void allRefusesAMixOfRegexesAndValues() {
            assertEquals(107, refused("{'tags': {'$all': [{'$regex': '^\\\\Qa\\\\E'}, 'b']}}").code());
            assertEquals(107, refused("{'tags': {'$all': [{'$regex': 'a.*'}]}}").code());
        }

        @Test
        void containedByNeedsEveryElementListed() {
            assertTrue(matches("{'tags': {'$containedBy': ['a', 'b', 'c']}}", "{'tags': ['a', 'c']}"));
            assertFalse(matches("{'tags': {'$containedBy': ['a', 'b']}}", "{'tags': ['a', 'c']}"));
            assertTrue(matches("{'tags': {'$containedBy': ['a']}}", "{'tags': []}"));
            assertTrue(matches("{'nums': {'$containedBy': [1, 2]}}", "{'nums': [2.0, 1]}"));
        }

        @Test
        void containedByMatchesAMissingOrScalarFieldAsAFindDoes() {
            // a find asks for "no element outside the list", which a document without an array satisfies
            assertTrue(matches("{'tags': {'$containedBy': ['a']}}", "{}"));
            assertTrue(matches("{'tags': {'$containedBy': ['a']}}", "{'tags': 'z'}"));
        }

        @Test
        void listOperatorsNeedAnArray() {
            assertEquals(107, refused("{'n': {'$in': 1}}").code());
            assertEquals(107, refused("{'n': {'$nin': 'x'}}").code());
            assertEquals(107, refused("{'n': {'$all': {}}}").code());
            assertEquals(107, refused("{'n': {'$containedBy': 2}}").code());
        }

        @Test
        void listsLongerThanTheBoundAreRefused() {
            QueryBounds bounds = new QueryBounds(1000, true, 2, 100);
            ParseException e = assertThrows(ParseException.class,
                    () -> QueryMatcher.compile(json("{'n': {'$in': [1, 2, 3]}}"), bounds, Clock.systemUTC()));
            assertEquals(102, e.code());
        }
    }

    @Nested
    class Exists {
        @Test
        void existsTrueMatchesAnyValueEvenNull() {
            assertTrue(matches("{'a': {'$exists': true}}", "{'a': 0}"));
            assertTrue(matches("{'a': {'$exists': true}}", "{'a': null}"));
            assertFalse(matches("{'a': {'$exists': true}}", "{'b': 1}"));
        }

        @Test
        void existsFalseMatchesOnlyMissing() {
            assertTrue(matches("{'a': {'$exists': false}}", "{'b': 1}"));
            assertFalse(matches("{'a': {'$exists': false}}", "{'a': false}"));
        }

        @Test
        void existsNeedsABoolean() {
            assertEquals(107, refused("{'a': {'$exists': 'yes'}}").code());
        }

        @Test
        void existsOnADottedPath() {
            assertTrue(matches("{'a.b': {'$exists': true}}", "{'a': {'b': 1}}"));
            assertFalse(matches("{'a.b': {'$exists': true}}", "{'a': {'c': 1}}"));
            assertTrue(matches("{'a.b': {'$exists': false}}", "{'a': 5}"));
        }
    }

    @Nested
    class Regex {
        @Test
        void matchesAnywhereUnlessAnchored() {
            assertTrue(matches("{'s': {'$regex': 'ell'}}", "{'s': 'hello'}"));
            assertFalse(matches("{'s': {'$regex': '^ell'}}", "{'s': 'hello'}"));
            assertTrue(matches("{'s': {'$regex': '^\\\\Qhe\\\\E'}}", "{'s': 'hello'}"));
            assertFalse(matches("{'s': {'$regex': '^\\\\Qh.\\\\E'}}", "{'s': 'hello'}"));
        }

        @Test
        void onlyStringsMatch() {
            assertFalse(matches("{'n': {'$regex': '1'}}", "{'n': 1}"));
            assertFalse(matches("{'n': {'$regex': '.*'}}", "{}"));
            assertTrue(matches("{'tags': {'$regex': '^b'}}", "{'tags': ['a', 'bc']}"));
        }

        @Test
        void optionsIgnoreCaseMultilineExtendedAndDotAll() {
            assertFalse(matches("{'s': {'$regex': 'HELLO'}}", "{'s': 'hello'}"));
            assertTrue(matches("{'s': {'$regex': 'HELLO', '$options': 'i'}}", "{'s': 'hello'}"));
            assertTrue(matches("{'s': {'$regex': 'ÉTÉ', '$options': 'i'}}", "{'s': 'été'}"));
            assertFalse(matches("{'s': {'$regex': '^b'}}", "{'s': 'a\\nb'}"));
            assertTrue(matches("{'s': {'$regex': '^b', '$options': 'm'}}", "{'s': 'a\\nb'}"));
            assertTrue(matches("{'s': {'$regex': 'a b # comment', '$options': 'x'}}", "{'s': 'ab'}"));
            assertFalse(matches("{'s': {'$regex': 'a.b'}}", "{'s': 'a\\nb'}"));
            assertTrue(matches("{'s': {'$regex': 'a.b', '$options': 's'}}", "{'s': 'a\\nb'}"));
        }

        @Test
        void dotMatchesCarriageReturnAsPcreDoes() {
            assertTrue(matches("{'s': {'$regex': 'a.b'}}", "{'s': 'a\\rb'}"));
        }

        @Test
        void badOptionsOrPatternsAreRefused() {
            assertEquals(102, refused("{'s': {'$regex': 'a', '$options': 'g'}}").code());
            assertEquals(107, refused("{'s': {'$options': 'i'}}").code());
            assertEquals(107, refused("{'s': {'$regex': 5}}").code());
            assertEquals(102, refused("{'s': {'$regex': '(unclosed'}}").code());
        }

        @Test
        void riskyPatternsAreRefusedAsAFindRefusesThem() {
            ParseException nested = refused("{'s': {'$regex': '(a+)+$'}}");
            assertEquals(102, nested.code());
            assertTrue(nested.getMessage().contains("nested quantifiers"), nested.getMessage());
            assertEquals(102, refused("{'s': {'$regex': '(a|ab)*c'}}").code());
            assertEquals(102, refused("{'s': {'$in': [{'$regex': '(x+)*'}]}}").code());
        }

        @Test
        void patternsLongerThanTheBoundAreRefused() {
            QueryBounds bounds = new QueryBounds(4, true, 10, 100);
            assertThrows(ParseException.class,
                    () -> QueryMatcher.compile(json("{'s': {'$regex': 'abcde'}}"), bounds, Clock.systemUTC()));
        }

        @Test
        void aPolynomialPatternGivesUpInsteadOfHanging() {
            // five unbounded quantifiers pass the shape check; java.util.regex needs seconds for 50 characters
            // and would need hours for 2000, the step budget stops it after about a million reads
            QueryMatcher matcher = QueryMatcher.compile(json("{'s': {'$regex': '.*a.*a.*a.*a.*b'}}"));
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertFalse(matcher.matches(Map.of("s", "a".repeat(2000)))));
            assertTrue(matcher.matches(Map.of("s", "aaaab")));
        }

        @Test
        void anOrdinaryPatternStillScansALongValue() {
            QueryMatcher matcher = QueryMatcher.compile(json("{'s': {'$regex': '[n]eedle$'}}"));
            assertTrue(matcher.matches(Map.of("s", "hay ".repeat(500_000) + "needle")));
        }
    }

    @Nested
    class Paths {
        @Test
        void dottedKeysReachIntoNestedObjects() {
            assertTrue(matches("{'meta.size.h': 10}", "{'meta': {'size': {'h': 10, 'w': 2}}}"));
            assertFalse(matches("{'meta.size.h': 10}", "{'meta': {'size': {'h': 11}}}"));
            assertFalse(matches("{'meta.size.h': 10}", "{'meta': 'flat'}"));
            assertTrue(matches("{'meta.size.h': {'$gt': 5}}", "{'meta': {'size': {'h': 10}}}"));
        }

        @Test
        void aPathAcrossAnArrayOfObjectsTriesEveryElement() {
            String object = "{'items': [{'sku': 'a', 'qty': 1}, {'sku': 'b', 'qty': 5}]}";
            assertTrue(matches("{'items.sku': 'b'}", object));
            assertTrue(matches("{'items.qty': {'$gt': 4}}", object));
            assertFalse(matches("{'items.sku': 'c'}", object));
        }

        @Test
        void aNumericSegmentIndexesAnArray() {
            assertTrue(matches("{'tags.0': 'x'}", "{'tags': ['x', 'y']}"));
            assertFalse(matches("{'tags.1': 'x'}", "{'tags': ['x', 'y']}"));
            assertTrue(matches("{'tags.5': null}", "{'tags': ['x']}"));
        }

        @Test
        void nullOnAPathMatchesWhereItEnds() {
            assertTrue(matches("{'a.b': null}", "{}"));
            assertTrue(matches("{'a.b': null}", "{'a': {'c': 1}}"));
            assertFalse(matches("{'a.b': null}", "{'a': {'b': 1}}"));
        }

        @Test
        void aTopLevelPointerOrDateIsNotAnObjectToWalkInto() {
            assertFalse(matches("{'owner.objectId': 'u1'}",
                    "{'owner': {'__type': 'Pointer', 'className': '_User', 'objectId': 'u1'}}"));
            assertFalse(matches("{'due.iso': '2020-01-01T00:00:00.000Z'}",
                    "{'due': {'__type': 'Date', 'iso': '2020-01-01T00:00:00.000Z'}}"));
        }
    }

    @Nested
    class Logic {
        @Test
        void orMatchesWhenAnyClauseDoes() {
            String where = "{'$or': [{'a': 1}, {'b': {'$gt': 5}}]}";
            assertTrue(matches(where, "{'a': 1}"));
            assertTrue(matches(where, "{'b': 6}"));
            assertFalse(matches(where, "{'a': 2, 'b': 5}"));
        }

        @Test
        void andMatchesWhenEveryClauseDoes() {
            String where = "{'$and': [{'n': {'$gt': 1}}, {'n': {'$lt': 3}}]}";
            assertTrue(matches(where, "{'n': 2}"));
            assertFalse(matches(where, "{'n': 3}"));
        }

        @Test
        void norMatchesWhenNoClauseDoes() {
            String where = "{'$nor': [{'a': 1}, {'b': 1}]}";
            assertTrue(matches(where, "{'a': 2}"));
            assertFalse(matches(where, "{'b': 1}"));
        }

        @Test
        void logicCombinesWithFieldsAndNests() {
            String where = "{'kind': 'x', '$or': [{'a': 1}, {'$and': [{'b': 2}, {'$nor': [{'c': 3}]}]}]}";
            assertTrue(matches(where, "{'kind': 'x', 'b': 2, 'c': 4}"));
            assertFalse(matches(where, "{'kind': 'x', 'b': 2, 'c': 3}"));
            assertFalse(matches(where, "{'kind': 'y', 'a': 1}"));
        }

        @Test
        void logicNeedsANonEmptyArrayOfObjects() {
            assertEquals(102, refused("{'$or': []}").code());
            assertEquals(102, refused("{'$and': {'a': 1}}").code());
            assertEquals(102, refused("{'$nor': [1]}").code());
        }

        @Test
        void tooDeepNestingIsRefused() {
            String where = "{'a': 1}";
            for (int i = 0; i < 12; i++) {
                where = "{'$or': [" + where + "]}";
            }
            assertEquals(102, refused(where).code());
        }
    }

    @Nested
    class RelativeTime {
        static QueryMatcher at(String where, Clock clock) {
            return QueryMatcher.compile(json(where), QueryBounds.defaults(), clock);
        }

        @Test
        void relativeTimeIsResolvedAgainstTheClock() {
            assertTrue(matches("{'createdAt': {'$gt': {'$relativeTime': '1 day ago'}}}",
                    "{'createdAt': '2024-04-30T13:00:00.000Z'}"));
            assertFalse(matches("{'createdAt': {'$gt': {'$relativeTime': '1 day ago'}}}",
                    "{'createdAt': '2024-04-30T11:00:00.000Z'}"));
            assertTrue(matches("{'due': {'$lt': {'$relativeTime': 'in 2 hours'}, '$gte': {'$relativeTime': 'now'}}}",
                    "{'due': {'__type': 'Date', 'iso': '2024-05-01T13:00:00.000Z'}}"));
        }

        @Test
        void relativeTimeSlidesWithTheClockOfEachMatch() {
            MutableClock clock = new MutableClock(NOW);
            QueryMatcher matcher = at("{'createdAt': {'$gte': {'$relativeTime': '1 hour ago'}}}", clock);
            Map<String, Object> object = json("{'createdAt': '2024-05-01T11:30:00.000Z'}");
            assertTrue(matcher.matches(object));
            clock.now = NOW.plusSeconds(3600);
            assertFalse(matcher.matches(object));
        }

        @Test
        void relativeTimeOnANonDateDoesNotMatch() {
            assertFalse(matches("{'n': {'$lt': {'$relativeTime': 'in 1 day'}}}", "{'n': 5}"));
        }

        @Test
        void badRelativeTimesAreRefusedAsAFindRefusesThem() {
            assertEquals(107, refused("{'d': {'$eq': {'$relativeTime': '1 day ago'}}}").code());
            assertEquals(107, refused("{'d': {'$ne': {'$relativeTime': '1 day ago'}}}").code());
            assertEquals(107, refused("{'d': {'$lt': {'$relativeTime': 'yesterday'}}}").code());
            assertEquals(107, refused("{'d': {'$lt': {'$relativeTime': 'in 1 day ago'}}}").code());
            assertEquals(107, refused("{'d': {'$lt': {'$relativeTime': 3}}}").code());
        }
    }

    @Nested
    class Refusals {
        @Test
        void operatorsThatNeedTheDatabaseAreRefusedNamingTheOperator() {
            for (String where : List.of(
                    "{'post': {'$inQuery': {'where': {}, 'className': 'Post'}}}",
                    "{'post': {'$notInQuery': {'where': {}, 'className': 'Post'}}}",
                    "{'city': {'$select': {'query': {'className': 'Team', 'where': {}}, 'key': 'city'}}}",
                    "{'city': {'$dontSelect': {'query': {'className': 'Team', 'where': {}}, 'key': 'city'}}}",
                    "{'$relatedTo': {'object': {'__type': 'Pointer', 'className': 'A', 'objectId': 'x'}, 'key': 'r'}}",
                    "{'title': {'$text': {'$search': {'$term': 'coffee'}}}}")) {
                ParseException e = refused(where);
                assertEquals(102, e.code(), where);
                String operator = where.substring(where.indexOf('$'), where.indexOf('\'', where.indexOf('$')));
                assertTrue(e.getMessage().contains("LiveQuery cannot match " + operator), e.getMessage());
            }
        }

        @Test
        void unknownOperatorsAreRefused() {
            ParseException e = refused("{'n': {'$where': 'this.n > 1'}}");
            assertEquals(102, e.code());
            assertTrue(e.getMessage().contains("$where") && e.getMessage().contains("LiveQuery cannot match"));
            assertEquals(102, refused("{'tags': {'$size': 2}}").code());
            assertEquals(102, refused("{'n': {'$elemMatch': {'$gt': 1}}}").code());
            assertEquals(102, refused("{'$where': 'true'}").code());
            assertEquals(102, refused("{'$expr': {}}").code());
        }

        @Test
        void badKeysAreRefusedAsAFindRefusesThem() {
            assertEquals(102, refused("{'ACL': {'*': {'read': true}}}").code());
            assertEquals(105, refused("{'_rperm': 'x'}").code());
            assertEquals(105, refused("{'a..b': 1}").code());
            assertEquals(105, refused("{'a.constructor': 1}").code());
            assertEquals(102, refused("{'n': {'$gt': 1, 'x': 2}}").code());
        }
    }

    @Nested
    class Robustness {
        @Test
        void oddValuesNeverThrowAtMatchTime() {
            QueryMatcher matcher = QueryMatcher.compile(json("{'a.b.c': {'$gt': 1, '$regex': 'x', '$in': [1, 'x', null]},"
                    + " 'loc': {'$nearSphere': {'__type': 'GeoPoint', 'latitude': 1, 'longitude': 1}},"
                    + " 'poly': {'$geoIntersects': {'$point': {'__type': 'GeoPoint', 'latitude': 1, 'longitude': 1}}},"
                    + " 'tags': {'$containedBy': [1], '$all': [1]}}"));
            Map<String, Object> odd = new LinkedHashMap<>();
            odd.put("a", List.of(Map.of("b", List.of()), 5, List.of(List.of()), Map.of("__type", "Date")));
            odd.put("loc", Map.of("__type", "GeoPoint", "latitude", "north"));
            odd.put("poly", Map.of("__type", "Polygon", "coordinates", "none"));
            odd.put("tags", Map.of("__type", "Pointer"));
            odd.put("createdAt", "not a date");
            assertFalse(matcher.matches(odd));
            assertFalse(matcher.matches(Map.of()));
            assertFalse(matcher.matches(null));
            assertTrue(QueryMatcher.compile(json("{'createdAt': 'not a date'}")).matches(Map.of("createdAt", "not a date")));
        }

        @Test
        void oneMatcherGivesTheSameAnswersFromManyThreads() throws Exception {
            QueryMatcher matcher = QueryMatcher.compile(json("{'$or': [{'n': {'$gt': 50, '$lt': 80}},"
                    + " {'s': {'$regex': '7$'}}, {'tags': {'$all': ['a', 'b']}}]}"));
            List<Map<String, Object>> objects = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                objects.add(Map.of("n", i, "s", "v" + i, "tags", i % 3 == 0 ? List.of("a", "b") : List.of("a")));
            }
            List<Boolean> expected = objects.stream().map(matcher::matches).toList();
            assertTrue(expected.contains(true) && expected.contains(false));
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                List<java.util.concurrent.Future<List<Boolean>>> runs = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    runs.add(pool.submit(() -> {
                        List<Boolean> last = null;
                        for (int round = 0; round < 200; round++) {
                            last = objects.stream().map(matcher::matches).toList();
                        }
                        return last;
                    }));
                }
                for (var run : runs) {
                    assertEquals(expected, run.get());
                }
            }
        }

        @Test
        void aCompiledMatcherDoesNotDependOnTheMapItWasCompiledFrom() {
            Map<String, Object> where = new LinkedHashMap<>(json("{'n': {'$in': [1]}}"));
            QueryMatcher matcher = QueryMatcher.compile(where);
            where.put("n", 2);
            assertTrue(matcher.matches(Map.of("n", 1)));
        }
    }

    /** A clock a test moves. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
