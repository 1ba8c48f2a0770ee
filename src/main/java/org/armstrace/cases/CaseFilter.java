package org.armstrace.cases;

import static org.armstrace.common.error.ApiProblem.queryError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.IsoCodes;
import org.armstrace.common.PartialDate;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.http.QueryValues;

/**
 * The filters of a case query, parsed and checked. The contract filter has already checked the shape
 * of every value (types, enums, patterns); this adds what the contract cannot say: a real country
 * code, a real date, a sensible range. An empty set or a null means "no filter".
 */
public record CaseFilter(
        Set<String> countries,
        Set<String> regions,
        Set<String> caseTypes,
        Set<String> contexts,
        Set<String> weaponRoles,
        Set<String> channels,
        Set<String> legalStatuses,
        Set<String> confidences,
        Set<String> paymentMethods,
        Set<String> sourceTypes,
        Boolean uncertain,
        Boolean hasCoordinates,
        PartialDate dateFrom,
        PartialDate dateTo,
        String query,
        CaseScope scope) {

    /** The same filters over other records (a release's instead of the live ones). */
    public CaseFilter in(CaseScope other) {
        return new CaseFilter(
                countries,
                regions,
                caseTypes,
                contexts,
                weaponRoles,
                channels,
                legalStatuses,
                confidences,
                paymentMethods,
                sourceTypes,
                uncertain,
                hasCoordinates,
                dateFrom,
                dateTo,
                query,
                other);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The filters of a list, an export or a statistic, from the operation's typed arguments (the
     * contract filter has checked every value's shape before); {@link #build} checks the rest.
     */
    public static CaseFilter of(
            List<String> country,
            List<String> region,
            List<String> caseType,
            List<String> context,
            List<String> weapon3dRole,
            List<String> channel,
            List<String> legalStatus,
            List<String> confidence,
            Boolean uncertain,
            List<String> paymentMethod,
            List<String> sourceType,
            Boolean hasCoordinates,
            String dateFrom,
            String dateTo,
            String q) {
        return builder()
                .countries(country)
                .regions(region)
                .caseTypes(caseType)
                .contexts(context)
                .weaponRoles(weapon3dRole)
                .channels(channel)
                .legalStatuses(legalStatus)
                .confidences(confidence)
                .uncertain(uncertain)
                .paymentMethods(paymentMethod)
                .sourceTypes(sourceType)
                .hasCoordinates(hasCoordinates)
                .dates(dateFrom, dateTo)
                .query(q)
                .build();
    }

    /** Collects raw parameter values; {@link #build()} checks them all and names every bad one. */
    public static final class Builder {
        private final List<ProblemError> errors = new ArrayList<>();
        private Set<String> countries = Set.of();
        private Set<String> regions = Set.of();
        private Set<String> caseTypes = Set.of();
        private Set<String> contexts = Set.of();
        private Set<String> weaponRoles = Set.of();
        private Set<String> channels = Set.of();
        private Set<String> legalStatuses = Set.of();
        private Set<String> confidences = Set.of();
        private Set<String> paymentMethods = Set.of();
        private Set<String> sourceTypes = Set.of();
        private Boolean uncertain;
        private Boolean hasCoordinates;
        private PartialDate dateFrom;
        private PartialDate dateTo;
        private String query;

        /** A web-search query (see {@link SearchText#query}); blank means none. */
        public Builder query(String q) {
            query = SearchText.query(q);
            return this;
        }

        public Builder countries(List<String> values) {
            countries = split(values).stream()
                    .map(c -> c.toUpperCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
            countries.stream()
                    .filter(c -> !IsoCodes.isCountry(c))
                    .forEach(c -> errors.add(
                            queryError("country", "iso_3166_1", c + " is not an ISO 3166-1 alpha-2 country code")));
            return this;
        }

        public Builder regions(List<String> values) {
            regions = split(values);
            return this;
        }

        public Builder caseTypes(List<String> values) {
            caseTypes = split(values);
            return this;
        }

        public Builder contexts(List<String> values) {
            contexts = split(values);
            return this;
        }

        public Builder weaponRoles(List<String> values) {
            weaponRoles = split(values);
            return this;
        }

        public Builder channels(List<String> values) {
            channels = split(values);
            return this;
        }

        public Builder legalStatuses(List<String> values) {
            legalStatuses = split(values);
            return this;
        }

        public Builder confidences(List<String> values) {
            confidences = split(values);
            return this;
        }

        public Builder paymentMethods(List<String> values) {
            paymentMethods = split(values);
            return this;
        }

        public Builder sourceTypes(List<String> values) {
            sourceTypes = split(values);
            return this;
        }

        public Builder uncertain(Boolean value) {
            uncertain = value;
            return this;
        }

        public Builder hasCoordinates(Boolean value) {
            hasCoordinates = value;
            return this;
        }

        public Builder dates(String from, String to) {
            dateFrom = date("date_from", from);
            dateTo = date("date_to", to);
            if (dateFrom != null && dateTo != null && dateFrom.start().isAfter(dateTo.end())) {
                errors.add(queryError("date_to", "range", "must not be before date_from"));
            }
            return this;
        }

        public CaseFilter build() {
            if (!errors.isEmpty()) {
                throw ApiProblem.invalidParameters(errors);
            }
            return new CaseFilter(
                    countries,
                    regions,
                    caseTypes,
                    contexts,
                    weaponRoles,
                    channels,
                    legalStatuses,
                    confidences,
                    paymentMethods,
                    sourceTypes,
                    uncertain,
                    hasCoordinates,
                    dateFrom,
                    dateTo,
                    query,
                    CaseScope.LIVE);
        }

        private PartialDate date(String name, String value) {
            if (value == null) {
                return null;
            }
            return PartialDate.parse(value).orElseGet(() -> {
                errors.add(
                        queryError(name, "date", "'" + value + "' is not a real date as YYYY, YYYY-MM or YYYY-MM-DD"));
                return null;
            });
        }

        /** Flattens repeated and comma-separated values into one sorted set. */
        private static Set<String> split(List<String> values) {
            return new TreeSet<>(QueryValues.split(values));
        }
    }
}
