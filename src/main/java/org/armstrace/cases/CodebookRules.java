package org.armstrace.cases;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.armstrace.api.model.CaseInput;
import org.armstrace.api.model.GeoPrecision;
import org.armstrace.api.model.Metric;
import org.armstrace.api.model.Price;
import org.armstrace.api.model.ProblemError;
import org.armstrace.api.model.Source;
import org.armstrace.codebook.Codebook;
import org.armstrace.common.PartialDate;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.export.CsvCells;

/**
 * The rules that the codebook's definitions state about how fields agree with each other, beside the
 * per-field checks of {@link CaseValidator}: geo_precision and the place fields, coordinates, code lists
 * without repeats, sources that back fields of the record over https, announcement after the event,
 * claimed counts marked uncertain, and free text that a spreadsheet would not run as a formula.
 */
final class CodebookRules {

    /** Count keys that the codebook defines as claims: "always coded with uncertain true". */
    static final Set<String> CLAIMED_COUNTS = Set.of("printed_receivers_claimed", "conversion_devices_made_alleged");

    private static final Set<String> SERVER_MANAGED = Set.of("id", "status", "version", "created_at", "updated_at");

    private final Set<String> fieldNames;

    CodebookRules(Codebook codebook) {
        Set<String> names = new TreeSet<>();
        StreamSupport.stream(codebook.document().path("fields").spliterator(), false)
                .map(f -> f.path("name").asText())
                .filter(name -> !SERVER_MANAGED.contains(name))
                .forEach(names::add);
        this.fieldNames = Set.copyOf(names);
    }

    List<ProblemError> check(CaseInput r) {
        List<ProblemError> errors = new ArrayList<>();
        geography(r, errors);
        announcement(r, errors);
        unique("channels", r.getChannels().stream().map(String::valueOf).toList(), errors);
        unique(
                "payment_methods",
                r.getPaymentMethods().stream().map(String::valueOf).toList(),
                errors);
        unique("related_ids", r.getRelatedIds(), errors);
        claims(r, errors);
        sources(r, errors);
        formulas(r, errors);
        return errors;
    }

    /** geo_precision says which of place, region and coordinates a record has (codebook: geo_precision, latitude). */
    private static void geography(CaseInput r, List<ProblemError> errors) {
        GeoPrecision precision = r.getGeoPrecision();
        if (precision == null) {
            return;
        }
        // a city-level record is a point on the map; coarser ones may go without (many sources and imports give
        // only a region or a country, and a centroid adds nothing a reader can use)
        if (precision == GeoPrecision.CITY && (r.getLatitude() == null || r.getLongitude() == null)) {
            errors.add(error(
                    "latitude",
                    "coordinates_required",
                    "latitude and longitude (of the city's centroid) are required when geo_precision is city"));
        }
        if ((precision == GeoPrecision.REGION || precision == GeoPrecision.COUNTRY) && !blank(r.getPlace())) {
            errors.add(error("place", "absent_for_" + precision, "must be null when geo_precision is " + precision));
        }
        if (precision == GeoPrecision.COUNTRY && !blank(r.getRegion())) {
            errors.add(error("region", "absent_for_country", "must be null when geo_precision is country"));
        }
        if (precision == GeoPrecision.REGION && blank(r.getRegion())) {
            errors.add(error("region", "required_for_region", "is required when geo_precision is region"));
        }
    }

    private static void announcement(CaseInput r, List<ProblemError> errors) {
        var event = PartialDate.parse(r.getEventDate());
        var announced = PartialDate.parse(r.getAnnouncementDate());
        if (event.isPresent()
                && announced.isPresent()
                && announced.get().end().isBefore(event.get().start())) {
            errors.add(error(
                    "announcement_date",
                    "not_before_event",
                    "must not be before event_date (" + r.getEventDate()
                            + "): a case is made public after it happens"));
        }
    }

    private static void unique(String field, List<String> values, List<ProblemError> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null && !seen.add(values.get(i))) {
                errors.add(error(field + "[" + i + "]", "unique", "'" + shorten(values.get(i)) + "' is listed twice"));
            }
        }
    }

    private static void claims(CaseInput r, List<ProblemError> errors) {
        for (String key : new TreeSet<>(r.getCounts().keySet())) {
            if (CLAIMED_COUNTS.contains(key) && !Boolean.TRUE.equals(r.getUncertain())) {
                errors.add(error(
                        "uncertain",
                        "required_for_claims",
                        "must be true: counts." + key + " is a claim, which the codebook always codes as uncertain"));
            }
        }
    }

    private void sources(CaseInput r, List<ProblemError> errors) {
        if (r.getSources() == null) {
            return;
        }
        for (int i = 0; i < r.getSources().size(); i++) {
            Source s = r.getSources().get(i);
            String path = "sources[" + i + "]";
            https(path + ".url", s.getUrl(), errors);
            https(path + ".archive_url", s.getArchiveUrl(), errors);
            List<String> supports = s.getSupports() == null ? List.of() : s.getSupports();
            unique(path + ".supports", supports, errors);
            for (int j = 0; j < supports.size(); j++) {
                String name = supports.get(j);
                if (!backsAField(name, r)) {
                    errors.add(error(
                            path + ".supports[" + j + "]",
                            "record_field",
                            "'" + shorten(String.valueOf(name))
                                    + "' is not a field of the codebook, nor counts.<key> of a count of this record"));
                }
            }
        }
    }

    private boolean backsAField(String name, CaseInput r) {
        if (name == null) {
            return false;
        }
        if (name.startsWith("counts.")) {
            return r.getCounts().containsKey(name.substring("counts.".length()));
        }
        return fieldNames.contains(name);
    }

    private static void https(String field, String url, List<ProblemError> errors) {
        if (url == null) {
            return;
        }
        try {
            String scheme = URI.create(url.strip()).getScheme();
            if (scheme != null && scheme.toLowerCase(Locale.ROOT).equals("http")) {
                errors.add(error(
                        field,
                        "https",
                        "must be an https URL (the codebook asks for https; use the page's https address)"));
            }
        } catch (IllegalArgumentException e) {
            // not a URL at all: SourceSafety names it
        }
    }

    /** Free text that the codebook defines as names or the curators' own words never starts like a formula. */
    private static void formulas(CaseInput r, List<ProblemError> errors) {
        formula("place", r.getPlace(), errors);
        formula("region", r.getRegion(), errors);
        formula("summary", r.getSummary(), errors);
        formula("outcome", r.getOutcome(), errors);
        formula("uncertainty_notes", r.getUncertaintyNotes(), errors);
        for (int i = 0; i < r.getAgencies().size(); i++) {
            formula("agencies[" + i + "]", r.getAgencies().get(i), errors);
        }
        for (int i = 0; i < r.getPrices().size(); i++) {
            Price p = r.getPrices().get(i);
            formula("prices[" + i + "].note", p.getNote(), errors);
        }
        r.getCounts().forEach((key, count) -> {
            if (count != null) {
                formula("counts." + key + ".note", count.getNote(), errors);
            }
        });
        for (int i = 0; i < r.getMetrics().size(); i++) {
            Metric m = r.getMetrics().get(i);
            formula("metrics[" + i + "].scope", m.getScope(), errors);
            formula("metrics[" + i + "].note", m.getNote(), errors);
        }
        if (r.getSources() != null) {
            for (int i = 0; i < r.getSources().size(); i++) {
                formula("sources[" + i + "].publisher", r.getSources().get(i).getPublisher(), errors);
            }
        }
    }

    private static void formula(String field, String text, List<ProblemError> errors) {
        if (CsvCells.formulaLike(text)) {
            errors.add(error(
                    field,
                    "formula_like",
                    "must not start with =, +, -, @, a tab or a carriage return (a spreadsheet would run it as a"
                            + " formula)"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    private static ProblemError error(String field, String rule, String detail) {
        return ApiProblem.error(field, ProblemError.InEnum.BODY, rule, detail);
    }
}
