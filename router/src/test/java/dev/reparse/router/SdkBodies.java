package dev.reparse.router;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Request bodies shaped like the JS SDK's {@code text/plain} POSTs, whose keys come LAST (RESTController appends
 * {@code _ApplicationId}, {@code _JavaScriptKey}, {@code _ClientVersion} and {@code _InstallationId} to the payload).
 */
final class SdkBodies {
    private static final String KEYS_FORMAT = ",\"_ApplicationId\":\"%s\",\"_JavaScriptKey\":\"js-key\","
            + "\"_ClientVersion\":\"js8.6.2\",\"_InstallationId\":\"5b0e3a55-6f4a-4b7e-9d51-0f1c9f4a2d3e\"}";

    private SdkBodies() {
    }

    /** {@code Parse.File.save()}: {@code {"base64": ..., "_ContentType", "fileData", <keys>}}, about {@code size} bytes. */
    static byte[] fileUpload(String applicationId, int size) {
        String head = "{\"base64\":\"";
        String tail = "\",\"_ContentType\":\"application/octet-stream\",\"fileData\":{\"metadata\":{},\"tags\":{}}"
                + KEYS_FORMAT.formatted(applicationId);
        byte[] body = new byte[Math.max(size, head.length() + tail.length())];
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] tailBytes = tail.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(headBytes, 0, body, 0, headBytes.length);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = headBytes.length; i < body.length - tailBytes.length; i++) {
            body[i] = (byte) alphabet.charAt(i * 7 % 64);
        }
        System.arraycopy(tailBytes, 0, body, body.length - tailBytes.length, tailBytes.length);
        return body;
    }

    /**
     * {@code object.save()} of an object with a long string, nested objects and arrays (one holding a nested
     * {@code _ApplicationId} that must not count), escapes and numbers, about {@code size} bytes.
     */
    static byte[] objectSave(String applicationId, int size) {
        char[] filler = new char[Math.max(0, size - 300)];
        Arrays.fill(filler, 'x');
        String body = "{\"title\":\"a \\\"quoted\\\" \\\\ title \\u00e9\",\"count\":-12.5e3,\"done\":true,\"none\":null,"
                + "\"nested\":{\"list\":[1,[2,{\"_ApplicationId\":\"nested\"}],\"]}\"],\"text\":\"" + new String(filler)
                + "\"},\"_method\":\"POST\"" + KEYS_FORMAT.formatted(applicationId);
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(TestUpstream.sha256().digest(bytes));
    }
}
