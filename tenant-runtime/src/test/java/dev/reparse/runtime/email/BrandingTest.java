package dev.reparse.runtime.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrandingTest {
    @Test
    void defaultsToParseComBlueWithoutLogo() {
        Branding branding = Branding.of("Anypic", Optional.empty(), Optional.empty());
        assertEquals(Branding.DEFAULT_COLOR, branding.color());
        assertEquals(Optional.empty(), branding.logoUrl());
    }

    @Test
    void refusesAColorThatCouldEscapeTheStyleSheet() {
        assertThrows(IllegalArgumentException.class,
                () -> Branding.of("A", Optional.of("red;} body{display:none"), Optional.empty()));
        assertEquals("#abc", Branding.of("A", Optional.of("#abc"), Optional.empty()).color());
    }

    @Test
    void refusesALogoThatIsNotHttp() {
        assertThrows(IllegalArgumentException.class,
                () -> Branding.of("A", Optional.empty(), Optional.of("javascript:alert(1)")));
    }
}
