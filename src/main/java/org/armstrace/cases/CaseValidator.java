package org.armstrace.cases;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.armstrace.api.model.CaseInput;
import org.armstrace.api.model.CountValue;
import org.armstrace.api.model.GeoPrecision;
import org.armstrace.api.model.Person;
import org.armstrace.api.model.Price;
import org.armstrace.api.model.ProblemError;
import org.armstrace.api.model.Source;
import org.armstrace.codebook.Codebook;
import org.armstrace.common.IsoCodes;
import org.armstrace.common.PartialDate;
import org.armstrace.common.error.ApiProblem;

/**
 * The dataset's validation rules, in one place: used when the shipped dataset loads and on every
 * write. Each broken rule is reported with the JSON path of the field and a stable rule name.
 * Values of enumerated fields are checked when the JSON is read (the contract's enums); this checks
 * everything else.
 */
@ApplicationScoped
public class CaseValidator {

    static final int SUMMARY_MIN = 20;
    static final int SUMMARY_MAX = 2000;
    static final int LONG_TEXT_MAX = 1000;
    static final int NOTE_MAX = 500;
    static final int NAME_MAX = 200;
    static final int PLACE_MAX = 120;
    static final int TITLE_MAX = 500;
    static final int URL_MAX = 2000;

    private final Codebook codebook;
    private final CodebookRules rules;

    public CaseValidator(Codebook codebook) {
        this.codebook = codebook;
        this.rules = new CodebookRules(codebook);
    }

    /**
     * Every rule the record content breaks; {@code selfId} is the record's own id (null for a new one),
     * {@code recordExists} tells whether a related id exists.
     */
    public List<ProblemError> check(CaseInput r, String selfId, Predicate<String> recordExists) {
        Errors errors = new Errors();
        required(r, errors);
        dates(r, errors);
        places(r, errors);
        texts(r, errors);
        counts(r.getCounts(), errors);
        prices(r.getPrices(), errors);
        people(r.getPeople(), errors);
        sources(r.getSources(), errors);
        related(r, selfId, recordExists, errors);
        if (Boolean.TRUE.equals(r.getUncertain()) && blank(r.getUncertaintyNotes())) {
            errors.add(
                    "uncertainty_notes",
                    "required_when_uncertain",
                    "must say what is uncertain when uncertain is true");
        }
        errors.list.addAll(rules.check(r));
        return errors.list;
    }

    private static void required(CaseInput r, Errors errors) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("event_date", r.getEventDate());
        fields.put("date_precision", r.getDatePrecision());
        fields.put("geo_precision", r.getGeoPrecision());
        fields.put("case_type", r.getCaseType());
        fields.put("legal_status", r.getLegalStatus());
        fields.put("context", r.getContext());
        fields.put("weapon_3d_role", r.getWeapon3dRole());
        fields.put("summary", r.getSummary());
        fields.put("confidence", r.getConfidence());
        fields.forEach((name, value) -> {
            if (value == null) {
                errors.add(name, "required", "is required");
            }
        });
    }

    private static void dates(CaseInput r, Errors errors) {
        PartialDate event = date("event_date", r.getEventDate(), errors);
        if (event != null
                && r.getDatePrecision() != null
                && !event.precision().code().equals(r.getDatePrecision().toString())) {
            errors.add(
                    "event_date",
                    "matches_precision",
                    "'" + event.text() + "' is not a date at " + r.getDatePrecision() + " precision");
        }
        PartialDate end = date("end_date", r.getEndDate(), errors);
        if (event != null && end != null && end.end().isBefore(event.start())) {
            errors.add("end_date", "after_start", "must not be before event_date");
        }
        date("announcement_date", r.getAnnouncementDate(), errors);
    }

    private static PartialDate date(String field, String value, Errors errors) {
        if (value == null) {
            return null;
        }
        return PartialDate.parse(value).orElseGet(() -> {
            errors.add(field, "date", "'" + shorten(value) + "' is not a real date as YYYY, YYYY-MM or YYYY-MM-DD");
            return null;
        });
    }

    private static void places(CaseInput r, Errors errors) {
        boolean international = r.getGeoPrecision() == GeoPrecision.INTERNATIONAL;
        if (r.getCountry() == null && !international) {
            errors.add("country", "required", "is required unless geo_precision is international");
        } else if (r.getCountry() != null && !IsoCodes.isCountry(r.getCountry())) {
            errors.add("country", "iso_3166_1", "'" + shorten(r.getCountry()) + "' is not an ISO 3166-1 alpha-2 code");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.getOtherCountries().size(); i++) {
            String code = r.getOtherCountries().get(i);
            if (!IsoCodes.isCountry(code)) {
                errors.add(
                        "other_countries[" + i + "]",
                        "iso_3166_1",
                        "'" + shorten(code) + "' is not an ISO 3166-1 alpha-2 code");
            } else if (code.equals(r.getCountry()) || !seen.add(code)) {
                errors.add("other_countries[" + i + "]", "unique", code + " is listed twice");
            }
        }
        if (r.getGeoPrecision() == GeoPrecision.CITY && blank(r.getPlace())) {
            errors.add("place", "required_for_city", "is required when geo_precision is city");
        }
        if ((r.getLatitude() == null) != (r.getLongitude() == null)) {
            errors.add("longitude", "coordinates_pair", "latitude and longitude go together");
        }
        range("latitude", r.getLatitude(), 90, errors);
        range("longitude", r.getLongitude(), 180, errors);
    }

    private static void range(String field, BigDecimal value, int bound, Errors errors) {
        if (value != null && value.abs().compareTo(BigDecimal.valueOf(bound)) > 0) {
            errors.add(field, "range", "must be between -" + bound + " and " + bound);
        }
    }

    private static void texts(CaseInput r, Errors errors) {
        if (r.getSummary() != null && r.getSummary().strip().length() < SUMMARY_MIN) {
            errors.add("summary", "min_length", "must be at least " + SUMMARY_MIN + " characters long");
        }
        length("summary", r.getSummary(), SUMMARY_MAX, errors);
        length("outcome", r.getOutcome(), LONG_TEXT_MAX, errors);
        length("uncertainty_notes", r.getUncertaintyNotes(), LONG_TEXT_MAX, errors);
        length("place", r.getPlace(), PLACE_MAX, errors);
        length("region", r.getRegion(), PLACE_MAX, errors);
        for (int i = 0; i < r.getAgencies().size(); i++) {
            length("agencies[" + i + "]", r.getAgencies().get(i), NAME_MAX, errors);
        }
    }

    private void counts(Map<String, CountValue> counts, Errors errors) {
        Set<String> keys = codebook.codes("count_key");
        counts.forEach((key, count) -> {
            String path = "counts." + key;
            if (!keys.contains(key)) {
                errors.add(path, "vocabulary", "'" + shorten(key) + "' is not a count key of the codebook");
            }
            if (count == null || count.getValue() == null) {
                errors.add(path + ".value", "required", "is required");
            } else if (count.getValue() < 0) {
                errors.add(path + ".value", "non_negative", "must be a whole number of at least 0");
            }
            if (count != null && count.getQualifier() == null) {
                errors.add(path + ".qualifier", "required", "is required");
            }
            if (count != null) {
                length(path + ".note", count.getNote(), NOTE_MAX, errors);
            }
        });
    }

    private static void prices(List<Price> prices, Errors errors) {
        for (int i = 0; i < prices.size(); i++) {
            Price p = prices.get(i);
            String path = "prices[" + i + "]";
            if (!IsoCodes.isCurrency(p.getCurrency())) {
                errors.add(
                        path + ".currency",
                        "iso_4217",
                        "'" + shorten(String.valueOf(p.getCurrency())) + "' is not an ISO 4217 currency code");
            }
            if (p.getAmountMin() == null || p.getAmountMax() == null) {
                errors.add(path, "required", "amount_min and amount_max are required");
            } else if (p.getAmountMin().signum() < 0 || p.getAmountMin().compareTo(p.getAmountMax()) > 0) {
                errors.add(path + ".amount_max", "range", "amounts must satisfy 0 <= amount_min <= amount_max");
            }
            if (p.getUnit() == null) {
                errors.add(path + ".unit", "required", "is required");
            }
            length(path + ".note", p.getNote(), NOTE_MAX, errors);
        }
    }

    private static void people(List<Person> people, Errors errors) {
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            String path = "people[" + i + "]";
            if (p.getRole() == null) {
                errors.add(path + ".role", "required", "is required");
            }
            if (p.getNumber() == null || p.getNumber() < 1) {
                errors.add(path + ".number", "minimum", "must be at least 1");
            }
            for (Integer age : new Integer[] {p.getAgeMin(), p.getAgeMax()}) {
                if (age != null && (age < 0 || age > 120)) {
                    errors.add(path, "age_range", "ages must be between 0 and 120");
                }
            }
            if (p.getAgeMin() != null && p.getAgeMax() != null && p.getAgeMin() > p.getAgeMax()) {
                errors.add(path + ".age_max", "range", "must not be below age_min");
            }
        }
    }

    private static void sources(List<Source> sources, Errors errors) {
        if (sources == null || sources.isEmpty()) {
            errors.add("sources", "min_items", "at least one public source is required");
            return;
        }
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            String path = "sources[" + i + "]";
            if (blank(s.getPublisher())) {
                errors.add(path + ".publisher", "required", "is required");
            }
            if (blank(s.getTitle())) {
                errors.add(path + ".title", "required", "is required");
            }
            if (s.getSourceType() == null) {
                errors.add(path + ".source_type", "required", "is required");
            }
            if (s.getLanguage() == null || !s.getLanguage().matches("[a-z]{2}")) {
                errors.add(path + ".language", "iso_639_1", "must be a two-letter ISO 639-1 code");
            }
            length(path + ".publisher", s.getPublisher(), NAME_MAX, errors);
            length(path + ".title", s.getTitle(), TITLE_MAX, errors);
            date(path + ".published", s.getPublished(), errors);
            url(path + ".url", s.getUrl(), true, errors);
            url(path + ".archive_url", s.getArchiveUrl(), false, errors);
        }
    }

    private static void url(String field, String url, boolean required, Errors errors) {
        if (url == null) {
            if (required) {
                errors.add(field, "required", "is required");
            }
            return;
        }
        if (url.length() > URL_MAX) {
            errors.add(field, "max_length", "must be at most " + URL_MAX + " characters long");
            return;
        }
        SourceSafety.refusal(url).ifPresent(refusal -> errors.add(field, refusal.rule(), refusal.detail()));
    }

    private static void related(CaseInput r, String selfId, Predicate<String> recordExists, Errors errors) {
        for (int i = 0; i < r.getRelatedIds().size(); i++) {
            String id = r.getRelatedIds().get(i);
            if (id == null || id.equals(selfId) || !recordExists.test(id)) {
                errors.add(
                        "related_ids[" + i + "]",
                        "exists",
                        "'" + shorten(String.valueOf(id)) + "' is not another existing record");
            }
        }
    }

    private static void length(String field, String value, int max, Errors errors) {
        if (value != null && value.length() > max) {
            errors.add(field, "max_length", "must be at most " + max + " characters long");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    /** Collects body errors. */
    private static final class Errors {
        private final List<ProblemError> list = new ArrayList<>();

        void add(String field, String rule, String detail) {
            list.add(ApiProblem.error(field, ProblemError.InEnum.BODY, rule, detail));
        }
    }
}
