package org.armstrace.export;

import java.util.List;

/**
 * The columns of the case CSV, the same for exports and imports. Lists of codes are joined with
 * {@code ;}; free-text lists and nested objects (prices, counts, metrics, people, sources) are JSON in
 * their cell. The server-managed columns are written by exports and ignored by imports.
 */
public final class CaseCsvColumns {

    /** How a column's cell is written and read. */
    public enum Kind {
        TEXT,
        NUMBER,
        BOOLEAN,
        CODES,
        JSON
    }

    /** One column: its name (the JSON field's) and kind. */
    public record Column(String name, Kind kind) {}

    public static final List<String> SERVER_MANAGED = List.of("id", "status", "version", "created_at", "updated_at");

    public static final List<Column> CONTENT = List.of(
            new Column("event_date", Kind.TEXT),
            new Column("date_precision", Kind.TEXT),
            new Column("end_date", Kind.TEXT),
            new Column("announcement_date", Kind.TEXT),
            new Column("country", Kind.TEXT),
            new Column("other_countries", Kind.CODES),
            new Column("place", Kind.TEXT),
            new Column("region", Kind.TEXT),
            new Column("geo_precision", Kind.TEXT),
            new Column("latitude", Kind.NUMBER),
            new Column("longitude", Kind.NUMBER),
            new Column("case_type", Kind.TEXT),
            new Column("legal_status", Kind.TEXT),
            new Column("context", Kind.TEXT),
            new Column("weapon_3d_role", Kind.TEXT),
            new Column("channels", Kind.CODES),
            new Column("payment_methods", Kind.CODES),
            new Column("prices", Kind.JSON),
            new Column("counts", Kind.JSON),
            new Column("metrics", Kind.JSON),
            new Column("people", Kind.JSON),
            new Column("agencies", Kind.JSON),
            new Column("summary", Kind.TEXT),
            new Column("outcome", Kind.TEXT),
            new Column("confidence", Kind.TEXT),
            new Column("uncertain", Kind.BOOLEAN),
            new Column("uncertainty_notes", Kind.TEXT),
            new Column("related_ids", Kind.CODES),
            new Column("sources", Kind.JSON));

    private CaseCsvColumns() {}

    public static java.util.Optional<Column> content(String name) {
        return CONTENT.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
