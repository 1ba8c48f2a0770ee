package org.armstrace.cases;

import static org.armstrace.common.error.ApiProblem.queryError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.IsoCodes;
import org.armstrace.common.PartialDate;
import org.armstrace.common.error.ApiProblem;

/**
 * The filters of a case query, parsed and checked. The contract filter has already checked the shape
 * of every value; this adds what the contract cannot say (a real country code, a real date, a
 * sensible range). An empty set means "no filter".
 */
public record CaseFilter(Set<String> countries, Set<String> caseTypes, Set<String> contexts,
        Set<String> weaponRoles, Set<String> channels, PartialDate dateFrom, PartialDate dateTo) {

    public static CaseFilter parse(List<String> country, List<String> caseType, List<String> context,
            List<String> weaponRole, List<String> channel, String dateFrom, String dateTo) {
        List<ProblemError> errors = new ArrayList<>();
        Set<String> countries = split(country, v -> v.toUpperCase(Locale.ROOT));
        countries.stream().filter(c -> !IsoCodes.isCountry(c))
                .forEach(c -> errors.add(queryError("country", "iso_3166_1", c + " is not an ISO 3166-1 alpha-2 country code")));
        PartialDate from = date("date_from", dateFrom, errors);
        PartialDate to = date("date_to", dateTo, errors);
        if (from != null && to != null && from.start().isAfter(to.end())) {
            errors.add(queryError("date_to", "range", "must not be before date_from"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidParameters(errors);
        }
        Function<String, String> same = Function.identity();
        return new CaseFilter(countries, split(caseType, same), split(context, same), split(weaponRole, same),
                split(channel, same), from, to);
    }

    private static PartialDate date(String name, String value, List<ProblemError> errors) {
        if (value == null) {
            return null;
        }
        return PartialDate.parse(value).orElseGet(() -> {
            errors.add(queryError(name, "date", "'" + value + "' is not a real date as YYYY, YYYY-MM or YYYY-MM-DD"));
            return null;
        });
    }

    /** Flattens repeated and comma-separated values into one sorted set. */
    private static Set<String> split(List<String> values, Function<String, String> normalise) {
        Set<String> out = new TreeSet<>();
        if (values != null) {
            values.forEach(v -> List.of(v.split(",")).forEach(part -> out.add(normalise.apply(part.trim()))));
        }
        return out;
    }
}
