package dev.reparse.controlplane.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SubdomainsTest {

    @Test
    void slugIsLowerCaseLettersDigitsAndSingleDashes() {
        assertEquals("my-cool-app", Subdomains.slug("  My Cool   App! "));
        assertEquals("cafe-2", Subdomains.slug("Café #2"));
    }

    @Test
    void aNameWithoutLettersOrDigitsBecomesApp() {
        assertEquals("app", Subdomains.slug("!!! ???"));
    }

    @Test
    void longNamesAreCutWithoutATrailingDash() {
        String slug = Subdomains.slug("a".repeat(39) + " b" + "c".repeat(50));
        assertEquals("a".repeat(39), slug);
    }

    @Test
    void disambiguationAppendsPartOfTheApplicationIdInLowerCase() {
        assertEquals("game-abcdef", Subdomains.disambiguated("game", "AbCdEfGhIj"));
    }
}
