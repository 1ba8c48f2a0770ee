package org.armstrace.export;

import java.nio.charset.StandardCharsets;

/**
 * A record in every public form it is served in, rendered once when the record changes, as UTF-8
 * bytes: its JSON document (what {@code GET /v1/cases/{id}} serves, and a line of NDJSON), its line of
 * the CSV export (with CRLF) and its GeoJSON geometry (null without coordinates). A reader that needs
 * only some forms may leave the others null.
 */
public record RenderedRecord(String id, byte[] document, byte[] csvRow, byte[] geometry) {

    /** The forms from their texts. */
    public static RenderedRecord of(String id, String document, String csvRow, String geometry) {
        return new RenderedRecord(id, bytes(document), bytes(csvRow), bytes(geometry));
    }

    public String documentText() {
        return text(document);
    }

    public String csvRowText() {
        return text(csvRow);
    }

    public String geometryText() {
        return text(geometry);
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
