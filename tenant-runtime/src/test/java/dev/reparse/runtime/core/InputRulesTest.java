package dev.reparse.runtime.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputRulesTest {
    @Test
    void rejectsPrototypePollutionKeysAtAnyDepth() {
        for (String key : List.of("__proto__", "constructor", "_bsontype")) {
            ParseException error = assertThrows(ParseException.class,
                    () -> InputRules.checkKeys(Map.of("a", List.of(Map.of("b", Map.of(key, 1))))));
            assertEquals(ParseErrorCode.INVALID_KEY_NAME, error.code());
        }
    }

    @Test
    void rejectsDollarKeysInData() {
        ParseException error = assertThrows(ParseException.class,
                () -> InputRules.checkKeys(Map.of("profile", Map.of("$set", Map.of("admin", true)))));
        assertEquals(ParseErrorCode.INVALID_KEY_NAME, error.code());
    }

    @Test
    void acceptsParseEncodings() {
        assertDoesNotThrow(() -> InputRules.checkKeys(Map.of("score", Map.of("__op", "Increment", "amount", 1),
                "owner", Map.of("__type", "Pointer", "className", "_User", "objectId", "abc"))));
    }

    @Test
    void rejectsInvalidClassNames() {
        for (String name : List.of("1abc", "_Join:x:y", "a-b", "", "_Secret")) {
            ParseException error = assertThrows(ParseException.class, () -> InputRules.checkClassName(name));
            assertEquals(ParseErrorCode.INVALID_CLASS_NAME, error.code());
        }
        assertDoesNotThrow(() -> InputRules.checkClassName("_User"));
        assertDoesNotThrow(() -> InputRules.checkClassName("Game_Score2"));
    }

    @Test
    void acceptsWellFormedAcl() {
        assertDoesNotThrow(() -> InputRules.checkAcl(Map.of("*", Map.of("read", true),
                "role:admins", Map.of("read", true, "write", true))));
    }

    @Test
    void rejectsMalformedAcl() {
        for (Object acl : List.of("public", Map.of("*", true), Map.of("*", Map.of("read", "yes")),
                Map.of("*", Map.of("delete", true)), Map.of("*", Map.of()))) {
            ParseException error = assertThrows(ParseException.class, () -> InputRules.checkAcl(acl));
            assertEquals(ParseErrorCode.INVALID_ACL, error.code());
        }
    }
}
