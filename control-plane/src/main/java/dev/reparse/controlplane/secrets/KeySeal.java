package dev.reparse.controlplane.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals app keys at rest with the platform key: AES-256-GCM with a fresh 96-bit nonce per value, stored as
 * {@code sealed:v1:<base64(nonce || ciphertext || tag)>}. A database dump or backup alone then holds no key that
 * opens an app. A value without the prefix is one written before sealing existed and is read as it is (the control
 * plane seals those at start, see {@link KeySealing}).
 */
public final class KeySeal {
    static final String PREFIX = "sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private KeySeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The seal of a platform key given as 64 hex digits or as base64 of 32 bytes.
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static KeySeal of(String platformKey) {
        String text = platformKey.trim();
        byte[] bytes;
        try {
            bytes = text.length() == 64 ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("reparse.platform-key must be 32 bytes, as 64 hex digits or base64 "
                + "(e.g. `openssl rand -hex 32`)");
        }
        return new KeySeal(bytes);
    }

    /** The sealed form of a key; null and empty stay as they are. */
    public String seal(String plain) {
        if (plain == null || plain.isEmpty() || isSealed(plain)) {
            return plain;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a key", e);
        }
    }

    /**
     * The key a stored value holds.
     *
     * @throws IllegalStateException when the value was sealed with another platform key or was altered
     */
    public String open(String stored) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("an app key cannot be opened with this platform key (reparse.platform-key "
                + "differs from the one that sealed it, or the value was altered)", e);
        }
    }

    /** Whether a stored value is sealed. */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }
}
