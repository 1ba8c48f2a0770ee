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

    /** Sends the head (request line and headers, without the blank line) and {@code body}; reads until close. */
    public static Answer send(String head, byte[] body) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String headers = end < 0 ? answer : answer.substring(0, end);
            String rest = end < 0 ? "" : answer.substring(end + 4);
            return new Answer(Integer.parseInt(answer.substring(9, 12)), headers, rest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
