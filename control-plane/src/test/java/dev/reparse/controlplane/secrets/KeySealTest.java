package dev.reparse.controlplane.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeySealTest {
    private static final String HEX_KEY = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private final KeySeal seal = KeySeal.of(HEX_KEY);

    @Test
    void aSealedKeyOpensToItselfAndHoldsNoTraceOfIt() {
        String key = "Uu0tL9ZJ0i3Zb8xqvI1Qe5cJ8yF2mXo7LrD4sKpA";
        String sealed = seal.seal(key);
        assertTrue(sealed.startsWith("sealed:v1:"), sealed);
        assertFalse(sealed.contains(key));
        assertEquals(key, seal.open(sealed));
    }

    @Test
    void everySealOfOneKeyDiffers() {
        assertNotEquals(seal.seal("same-key"), seal.seal("same-key"));
    }

    @Test
    void anotherPlatformKeyCannotOpenIt() {
        String sealed = seal.seal("the-master-key");
        KeySeal other = KeySeal.of(Base64.getEncoder().encodeToString(new byte[32]));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> other.open(sealed));
        assertTrue(refused.getMessage().contains("reparse.platform-key"), refused.getMessage());
    }

    @Test
    void anAlteredValueIsRefusedNotMisread() {
        String sealed = seal.seal("the-master-key");
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        assertThrows(IllegalStateException.class, () -> seal.open(altered));
    }

    @Test
    void keysStoredBeforeSealingReadAsTheyAre() {
        assertEquals("clear-key", seal.open("clear-key"));
        assertNull(seal.open(null));
        assertEquals("", seal.seal(""));
        assertNull(seal.seal(null));
        String once = seal.seal("k");
        assertEquals(once, seal.seal(once), "a sealed value is not sealed twice");
    }

    @Test
    void aPlatformKeyOfTheWrongSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeySeal.of("short"));
        assertThrows(IllegalArgumentException.class, () -> KeySeal.of(Base64.getEncoder().encodeToString(new byte[16])));
        assertThrows(IllegalArgumentException.class, () -> KeySeal.of("z".repeat(64)));
    }
}
