package nl.commonsledger.api.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 written byte by byte, for what a polite client (java.net.http) will not send: raw paths
 * such as {@code %2F} or {@code ;}, non-ASCII or oversized headers, bodies in other encodings, and
 * requests from another loopback address (127.0.0.2) than the usual one.
 */
final class RawHttp {

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    private final int port;
    private final String from;

    RawHttp(int port) {
        this(port, "127.0.0.1");
    }

    private RawHttp(int port, String from) {
        this.port = port;
        this.from = from;
    }

    /** The same service, called from another local address. */
    RawHttp from(String localAddress) {
        return new RawHttp(port, localAddress);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request: method, raw target, header lines (as bytes, UTF-8 unless said otherwise) and body. */
    Answer send(String method, String target, byte[] body, String... headerLines) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, (method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (String line : headerLines) {
            write(request, (line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (body != null) {
            write(request, ("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        write(request, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            write(request, body);
        }
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }

    private static Answer parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeLine = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
