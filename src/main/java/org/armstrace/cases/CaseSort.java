package org.armstrace.cases;

import java.time.LocalDate;
import java.util.Arrays;
import org.armstrace.common.db.Sql;

/**
 * The total orders a case list can be read in; each ends on the unique public id. Rows are ordered by
 * typed columns (never by casts of text), so PostgreSQL walks an index in order and stops after the
 * page: {@code (event_start, public_id)} of published records, or the public id alone.
 */
public enum CaseSort {
    EVENT_DATE_DESC("-event_date", Key.DATE, true),
    EVENT_DATE_ASC("event_date", Key.DATE, false),
    ID_ASC("id", Key.NONE, false),
    ID_DESC("-id", Key.NONE, true),
    RELEVANCE("relevance", Key.RANK, true);

    /** What a sort orders by before the id. */
    enum Key {
        NONE,
        DATE,
        RANK
    }

    /** A search as a tsquery, over one bound parameter. */
    static final String QUERY = "websearch_to_tsquery('english', ?)";

    private final String code;
    private final Key key;
    private final boolean descending;

    CaseSort(String code, Key key, boolean descending) {
        this.code = code;
        this.key = key;
        this.descending = descending;
    }

    /** The sort for a contract code; the contract's enum has already been checked. */
    public static CaseSort of(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code.equals(code))
                .findFirst()
                .orElse(EVENT_DATE_DESC);
    }

    public String code() {
        return code;
    }

    /** Whether rows are ordered by a key before the id (else by id alone). */
    boolean hasKey() {
        return key != Key.NONE;
    }

    Key key() {
        return key;
    }

    /**
     * The sort key of a row as text, for its cursor (a null for the id sorts); {@code q} is the search and
     * {@code vector} the SQL of each row's tsvector (see {@link CaseScope#vector}), both for relevance.
     */
    Sql keyText(String q, String vector) {
        return switch (key) {
            case NONE -> Sql.of("null");
            case DATE -> Sql.of("cast(c.event_start as text)");
            case RANK -> Sql.of("cast(" + rank(vector) + " as text)", q);
        };
    }

    /** ORDER BY the typed key, then the id, both in the sort's direction. */
    Sql orderBy(String q, String vector) {
        String direction = descending ? " desc" : " asc";
        return switch (key) {
            case NONE -> Sql.of("c.public_id" + direction);
            case DATE -> Sql.of("c.event_start" + direction + ", c.public_id" + direction);
            case RANK -> Sql.of(rank(vector) + direction + ", c.public_id" + direction, q);
        };
    }

    /** The keyset condition: rows strictly after the cursor's row, compared as typed values. */
    Sql after(CaseCursor cursor, String q, String vector) {
        String op = descending ? " < " : " > ";
        return switch (key) {
            case NONE -> Sql.of("c.public_id" + op + "?", cursor.id());
            case DATE ->
                Sql.of("(c.event_start, c.public_id)" + op + "(?, ?)", LocalDate.parse(cursor.key()), cursor.id());
            case RANK ->
                Sql.of(
                        "(" + rank(vector) + ", c.public_id)" + op + "(?, ?)",
                        q,
                        Float.parseFloat(cursor.key()),
                        cursor.id());
        };
    }

    private static String rank(String vector) {
        return "ts_rank(" + vector + ", " + QUERY + ")";
    }
}
