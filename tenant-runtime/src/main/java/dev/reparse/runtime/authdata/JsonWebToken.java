package dev.reparse.runtime.authdata;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** A compact-serialized JWS (header.payload.signature), decoded but not yet trusted. */
record JsonWebToken(Map<String, Object> header, Map<String, Object> claims, byte[] signingInput, byte[] signature) {
    /** Real ID tokens are around 1 KB; anything far larger is refused before it is decoded. */
    static final int MAX_LENGTH = 16 * 1024;

    static JsonWebToken decode(String token) {
        if (token.length() > MAX_LENGTH) {
            throw malformed();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw malformed();
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            Map<String, Object> header = Json.parseObject(base64.decode(parts[0]));
            Map<String, Object> claims = Json.parseObject(base64.decode(parts[1]));
            byte[] signature = base64.decode(parts[2]);
            byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            return new JsonWebToken(header, claims, signingInput, signature);
        } catch (IllegalArgumentException | ParseException e) {
            throw malformed();
        }
    }

    String headerText(String name) {
        return header.get(name) instanceof String value ? value : null;
    }

    private static ParseException malformed() {
        return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "provided token does not decode as JWT");
    }
}
