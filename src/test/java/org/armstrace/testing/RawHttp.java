package org.armstrace.testing;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Requests as bytes on a socket, for what HTTP clients will not send: UTF-8 in a request line without
 * percent-encoding (as {@code curl -g} sends it), a Content-Length announcing more than the limit.
 */
public final class RawHttp {

    /** An answer: its status and its body as UTF-8 text (headers apart). */
    public record Answer(int status, String headers, String body) {}

    private RawHttp() {}

    /** Sends the head (request line and headers, without the blank line) and {@code body}; reads the answer. */
    public static Answer send(String head, byte[] body) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            while (!received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                received.write(b);
            }
            String headers = received.toString(StandardCharsets.ISO_8859_1).strip();
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*([0-9]+)")
                    .matcher(headers);
            byte[] rest = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
            return new Answer(
                    Integer.parseInt(headers.substring(9, 12)), headers, new String(rest, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
