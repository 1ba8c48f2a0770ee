package org.armstrace.cases;

import java.util.Arrays;

/** The total orders a case list can be read in; each ends on the unique public id. */
public enum CaseSort {
    EVENT_DATE_DESC("-event_date", "c.event_start", "date", true),
    EVENT_DATE_ASC("event_date", "c.event_start", "date", false),
    ID_ASC("id", null, null, false),
    ID_DESC("-id", null, null, true),
    RELEVANCE("relevance", "ts_rank(c.search, websearch_to_tsquery('english', :q))", "real", true);

    private final String code;
    private final String keyExpression;
    private final String keyType;
    private final boolean descending;

    CaseSort(String code, String keyExpression, String keyType, boolean descending) {
        this.code = code;
        this.keyExpression = keyExpression;
        this.keyType = keyType;
        this.descending = descending;
    }

    /** The sort for a contract code; the contract's enum has already been checked. */
    public static CaseSort of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst().orElse(EVENT_DATE_DESC);
    }

    public String code() {
        return code;
    }

    /** Whether rows are ordered by a key before the id (else by id alone). */
    boolean hasKey() {
        return keyExpression != null;
    }

    /** The SQL of the sort key, as text (null for the id sorts). */
    String keySelect() {
        return hasKey() ? "cast(cast(" + keyExpression + " as " + keyType + ") as text)" : "null";
    }

    String keyType() {
        return keyType;
    }

    /** ORDER BY over the columns {@code key} and {@code public_id} of the keyed subquery. */
    String orderBy() {
        String direction = descending ? " desc" : " asc";
        return hasKey() ? "cast(k.key as " + keyType + ")" + direction + ", k.public_id" + direction
                : "k.public_id" + direction;
    }

    /** The keyset condition: rows strictly after the cursor's row. */
    String afterCondition() {
        String op = descending ? "<" : ">";
        return hasKey() ? "(cast(k.key as " + keyType + "), k.public_id) " + op + " (cast(:afterKey as " + keyType + "), :afterId)"
                : "k.public_id " + op + " :afterId";
    }
}
