package org.armstrace.cases;

import static org.armstrace.common.error.ApiProblem.queryError;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.armstrace.common.error.ApiProblem;

/**
 * An opaque position in a case list: the sort it belongs to and the last row's sort key and id.
 * Clients see it only as base64url text; anything that does not decode to a cursor of the same sort is
 * a 400.
 */
public record CaseCursor(CaseSort sort, String key, String id) {

    private static final String VERSION = "v1";
    private static final Pattern ID = Pattern.compile("AT-[0-9]{6}");
    /** A date key as PostgreSQL writes it (year 0001 to 9999): nothing else reaches the query. */
    private static final Pattern DATE_KEY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    /** A rank as PostgreSQL writes a real ({@code 0.0607927}, {@code 1e-20}); not Java's {@code 1f}, {@code 0x1p3}. */
    private static final Pattern RANK_KEY = Pattern.compile("-?[0-9]+(\\.[0-9]+)?(e[-+]?[0-9]{1,2})?");

    public String encode() {
        String raw = String.join("|", VERSION, sort.code(), key == null ? "" : key, id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor for the given sort, or fails with a 400 naming the cursor parameter. */
    public static CaseCursor decode(String text, CaseSort sort) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4
                    || !VERSION.equals(parts[0])
                    || !ID.matcher(parts[3]).matches()) {
                throw invalid("is not a cursor returned by this API");
            }
            if (!sort.code().equals(parts[1])) {
                throw invalid("belongs to sort=" + parts[1] + ", not sort=" + sort.code());
            }
            String key = sort.hasKey() ? checkedKey(sort, parts[2]) : null;
            return new CaseCursor(sort, key, parts[3]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid("is not a cursor returned by this API");
        }
    }

    private static String checkedKey(CaseSort sort, String key) {
        if (sort.key() == CaseSort.Key.DATE) {
            if (!DATE_KEY.matcher(key).matches() || LocalDate.parse(key).getYear() < 1) {
                throw new IllegalArgumentException("not a date of the calendar PostgreSQL keeps");
            }
        } else if (!RANK_KEY.matcher(key).matches() || !Float.isFinite(Float.parseFloat(key))) {
            throw new IllegalArgumentException("not a finite rank");
        }
        return key;
    }

    private static ApiProblem invalid(String detail) {
        return ApiProblem.invalidParameters(List.of(queryError("cursor", "cursor", detail)));
    }
}
