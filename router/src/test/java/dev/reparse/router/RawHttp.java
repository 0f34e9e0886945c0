package dev.reparse.router;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** HTTP/1.1 over a plain socket, for what an HTTP client library hides: partial heads, stalls, {@code 100 Continue}. */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** One response: status, headers by lower-case name, body. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawHttp send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Reads one line (without CRLF). */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("the connection was closed");
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Reads a response with a {@code Content-Length} or chunked body; interim (1xx) responses are returned too. */
    Response readResponse() throws IOException {
        String status = readLine();
        Map<String, String> headers = new TreeMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        if (code < 200) {
            return new Response(code, headers, "");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer.parseInt(readLine().trim(), 16)) {
                body.write(in.readNBytes(size));
                readLine();
            }
            readLine();
        }
        return new Response(code, headers, body.toString(StandardCharsets.UTF_8));
    }

    /**
     * Waits until the server closes the connection, reading and dropping whatever comes; answers how long that took
     * in milliseconds, or -1 when it was still open after {@code limitMillis}.
     */
    long awaitClose(long limitMillis) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout((int) limitMillis);
        try {
            while (in.read() != -1) {
                // drop
            }
        } catch (SocketTimeoutException e) {
            return -1;
        } catch (SocketException e) {
            // reset: closed as well
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
