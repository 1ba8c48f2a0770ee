package org.armstrace.export;

/**
 * A record in every public form it is served in, rendered once when the record changes: its JSON
 * document (what {@code GET /v1/cases/{id}} serves, and a line of NDJSON), its line of the CSV export
 * (with CRLF) and its GeoJSON geometry (null without coordinates).
 */
public record RenderedRecord(String id, String document, String csvRow, String geometry) {
}
