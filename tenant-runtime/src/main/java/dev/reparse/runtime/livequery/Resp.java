package dev.reparse.runtime.livequery;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The few pieces of Redis's wire protocol (RESP2) the LiveQuery bus needs: commands out, replies in. */
final class Resp {
    private Resp() {
    }

    /** A command as an array of bulk strings. */
    static void write(OutputStream out, String... parts) throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        command.writeBytes(("*" + parts.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            command.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            command.writeBytes(bytes);
            command.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(command.toByteArray());
        out.flush();
    }

    /** One reply: a String (simple or bulk), a Long, a List of replies, or null; an error reply throws. */
    static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Redis closed the connection");
        }
        String line = line(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IOException("Redis answered an error: " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> bulk(in, Integer.parseInt(line));
            case '*' -> array(in, Integer.parseInt(line));
            default -> throw new IOException("not a Redis reply: " + (char) type + line);
        };
    }

    private static String bulk(InputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("Redis closed the connection");
        }
        line(in);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<Object> array(InputStream in, int size) throws IOException {
        if (size < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(read(in));
        }
        return items;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("Redis closed the connection");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
    }
}
