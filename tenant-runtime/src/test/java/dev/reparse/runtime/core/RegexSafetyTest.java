package dev.reparse.runtime.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexSafetyTest {
    @ParameterizedTest
    @ValueSource(strings = {"^(a+)+$", "(.*a){25}", "(a*)*b", "^(\\w+\\s?)+$", "((ab)*c)+", "(?:x+y?)*",
        "(?<name>a+)+", "(a|a)*", "(a|ab)+$", "(|a)+", "(a?){25}a{25}", "(a{1,}){2}", ".*a.*a.*a.*a.*a.*a",
        "([a-z]+)*@", "(\\d+)+$"})
    void refusesCatastrophicShapes(String pattern) {
        assertTrue(RegexSafety.riskOf(pattern).isPresent(), pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {"^\\Q(a+)+$\\E", "\\Q.*a.*a.*a.*a.*a.*a\\E$", "^abc", "[a-z]+@example\\.com", "(ab)+",
        "^.*foo.*bar.*$", "^(\\d{1,3}\\.){3}\\d{1,3}$", "(foo|bar)+", "colou?r", "[(a+)+]", "\\(a+\\)+",
        "^\\p{L}+$", "a{2,5}b{3}", "(?i)hello", "(?:abc){2}", "x{", "(unbalanced"})
    void acceptsOrdinaryPatterns(String pattern) {
        assertEquals(Optional.empty(), RegexSafety.riskOf(pattern), pattern);
    }
}
