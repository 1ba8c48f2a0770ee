package org.armstrace.cases;

import java.util.Arrays;

/** The total orders a case list can be read in; each ends on the unique public id. */
public enum CaseSort {
    EVENT_DATE_DESC("-event_date", "c.event_start desc, c.public_id desc", "(c.event_start, c.public_id) < (:afterDate, :afterId)"),
    EVENT_DATE_ASC("event_date", "c.event_start asc, c.public_id asc", "(c.event_start, c.public_id) > (:afterDate, :afterId)"),
    ID_ASC("id", "c.public_id asc", "c.public_id > :afterId"),
    ID_DESC("-id", "c.public_id desc", "c.public_id < :afterId");

    private final String code;
    private final String orderBy;
    private final String after;

    CaseSort(String code, String orderBy, String after) {
        this.code = code;
        this.orderBy = orderBy;
        this.after = after;
    }

    /** The sort for a contract code; the contract's enum has already been checked. */
    public static CaseSort of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst().orElse(EVENT_DATE_DESC);
    }

    public String code() {
        return code;
    }

    String orderBy() {
        return orderBy;
    }

    /** The keyset condition: rows strictly after the cursor's row. */
    String afterCondition() {
        return after;
    }

    boolean byDate() {
        return this == EVENT_DATE_ASC || this == EVENT_DATE_DESC;
    }
}
