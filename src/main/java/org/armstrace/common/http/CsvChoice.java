package org.armstrace.common.http;

import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Whether a client asked for CSV rather than JSON: by {@code format=csv}, or by {@code text/csv} first in Accept. */
public final class CsvChoice {

    private static final MediaType CSV = MediaType.valueOf("text/csv");

    private CsvChoice() {}

    public static boolean wanted(String format, List<MediaType> accepted) {
        if (format != null) {
            return format.equals("csv");
        }
        return !accepted.isEmpty()
                && !accepted.get(0).isWildcardType()
                && accepted.get(0).isCompatible(CSV);
    }
}
