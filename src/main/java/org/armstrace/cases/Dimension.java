package org.armstrace.cases;

import java.util.Arrays;
import java.util.Optional;

/**
 * A field that facets and statistics count by, as SQL giving text over {@link #from}. A record with
 * several channels counts once in each; a record with none counts under null.
 */
public enum Dimension {
    COUNTRY("country", "c.country"),
    REGION("region", "r.region"),
    YEAR("year", "cast(cast(extract(year from c.event_start) as integer) as text)"),
    CASE_TYPE("case_type", "c.case_type"),
    CONTEXT("context", "c.context"),
    WEAPON_3D_ROLE("weapon_3d_role", "c.weapon_3d_role"),
    CHANNEL("channel", "unnest(case when cardinality(c.channels) = 0 then array[null::text] else c.channels end)"),
    LEGAL_STATUS("legal_status", "c.legal_status"),
    CONFIDENCE("confidence", "c.confidence"),
    PAYMENT_METHOD(
            "payment_method",
            "unnest(case when cardinality(c.payment_methods) = 0 then array[null::text] else c.payment_methods end)");

    /** The rows dimensions are read from: the query's records with their country's world region. */
    public static String from(CaseQuery query) {
        return query.from() + " left join country_region r on r.country = c.country";
    }

    private final String code;
    private final String sql;

    Dimension(String code, String sql) {
        this.code = code;
        this.sql = sql;
    }

    public static Optional<Dimension> of(String code) {
        return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
    }

    public String code() {
        return code;
    }

    /** Text-valued SQL over {@link #from}. */
    public String sql() {
        return "cast(" + sql + " as text)";
    }
}
