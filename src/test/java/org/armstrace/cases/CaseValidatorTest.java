package org.armstrace.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.armstrace.api.model.CaseInput;
import org.armstrace.api.model.CountQualifier;
import org.armstrace.api.model.CountValue;
import org.armstrace.api.model.DatePrecision;
import org.armstrace.api.model.GeoPrecision;
import org.armstrace.api.model.Person;
import org.armstrace.api.model.Price;
import org.armstrace.api.model.ProblemError;
import org.armstrace.codebook.Codebook;
import org.armstrace.dataset.ShippedReleases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per validation rule: a valid record, broken in one way, is refused naming the field and the rule. */
class CaseValidatorTest {

    private static final ObjectMapper JSON = ShippedReleases.strict(new ObjectMapper().findAndRegisterModules());
    private static final CaseValidator VALIDATOR = new CaseValidator(new Codebook());

    /** A valid record to break: the Marseille-led network (sources, counts, prices, people, relations). */
    private static CaseInput valid() {
        return ShippedReleases.read(JSON).first().added().stream()
                .filter(r -> r.id().equals("AT-000035"))
                .findFirst()
                .orElseThrow()
                .content();
    }

    private static List<ProblemError> check(Consumer<CaseInput> breakIt) {
        CaseInput record = valid();
        breakIt.accept(record);
        return VALIDATOR.check(record, "AT-000035", id -> id.startsWith("AT-0000"));
    }

    private static void assertRefused(String field, String rule, Consumer<CaseInput> breakIt) {
        List<ProblemError> errors = check(breakIt);
        assertTrue(
                errors.stream()
                        .anyMatch(e -> e.getName().equals(field)
                                && e.getRule().equals(rule)
                                && e.getIn() == ProblemError.InEnum.BODY
                                && !e.getDetail().isBlank()),
                "expected " + field + " / " + rule + " in " + errors);
    }

    @Test
    void theTemplateIsValid() {
        assertEquals(List.of(), check(r -> {}));
    }

    @Test
    void eventDateMustMatchItsPrecision() {
        assertRefused("event_date", "matches_precision", r -> r.eventDate("2024-01-29"));
        assertRefused("event_date", "matches_precision", r -> r.datePrecision(DatePrecision.YEAR));
    }

    @Test
    void datesMustBeRealDates() {
        assertRefused("event_date", "date", r -> r.eventDate("2024-13"));
        assertRefused("announcement_date", "date", r -> r.announcementDate("2024-02-30"));
        assertRefused("sources[0].published", "date", r -> r.getSources().get(0).published("5 Feb 2024"));
    }

    @Test
    void endDateMustNotBeBeforeTheEvent() {
        assertRefused("end_date", "after_start", r -> r.endDate("2023-12-31"));
        assertEquals(List.of(), check(r -> r.endDate("2024-01")), "an end in the same month is fine");
    }

    @Test
    void countriesMustBeIso3166() {
        assertRefused("country", "iso_3166_1", r -> r.country("XX"));
        assertRefused("country", "iso_3166_1", r -> r.country("fr"));
        assertRefused("other_countries[0]", "iso_3166_1", r -> r.otherCountries(List.of("UK")));
        assertRefused("other_countries[0]", "unique", r -> r.otherCountries(List.of("FR")));
    }

    @Test
    void countryIsRequiredUnlessInternational() {
        assertRefused("country", "required", r -> r.country(null));
        assertEquals(
                List.of(),
                check(r -> r.country(null)
                        .geoPrecision(GeoPrecision.INTERNATIONAL)
                        .place(null)
                        .latitude(null)
                        .longitude(null)));
    }

    @Test
    void aCityLevelPlaceNeedsAPlace() {
        assertRefused("place", "required_for_city", r -> r.place(" "));
    }

    @Test
    void coordinatesMustBeInRangeAndPaired() {
        assertRefused("latitude", "range", r -> r.latitude(new BigDecimal("90.5")));
        assertRefused("longitude", "range", r -> r.longitude(new BigDecimal("-180.01")));
        assertRefused("longitude", "coordinates_pair", r -> r.longitude(null));
    }

    @Test
    void textsHaveLengthLimits() {
        assertRefused("summary", "max_length", r -> r.summary("x".repeat(CaseValidator.SUMMARY_MAX + 1)));
        assertRefused("summary", "min_length", r -> r.summary("Too short."));
        assertRefused("outcome", "max_length", r -> r.outcome("x".repeat(CaseValidator.LONG_TEXT_MAX + 1)));
        assertRefused("place", "max_length", r -> r.place("x".repeat(CaseValidator.PLACE_MAX + 1)));
        assertRefused("agencies[0]", "max_length", r -> r.agencies(List.of("x".repeat(CaseValidator.NAME_MAX + 1))));
        assertRefused(
                "sources[0].title",
                "max_length",
                r -> r.getSources().get(0).title("x".repeat(CaseValidator.TITLE_MAX + 1)));
    }

    @Test
    void requiredFieldsMustBeThere() {
        assertRefused("summary", "required", r -> r.summary(null));
        assertRefused("case_type", "required", r -> r.caseType(null));
        assertRefused("confidence", "required", r -> r.confidence(null));
    }

    @Test
    void countKeysComeFromTheCodebook() {
        assertRefused(
                "counts.guns_printed_per_day",
                "vocabulary",
                r -> r.counts(Map.of(
                        "guns_printed_per_day", new CountValue().value(1L).qualifier(CountQualifier.EXACT))));
    }

    @Test
    void countsAreNonNegativeWithAQualifier() {
        assertRefused(
                "counts.persons_arrested.value",
                "non_negative",
                r -> r.counts(
                        Map.of("persons_arrested", new CountValue().value(-1L).qualifier(CountQualifier.EXACT))));
        assertRefused(
                "counts.persons_arrested.qualifier",
                "required",
                r -> r.counts(Map.of("persons_arrested", new CountValue().value(3L))));
        assertRefused(
                "counts.persons_arrested.value",
                "required",
                r -> r.counts(Map.of("persons_arrested", new CountValue().qualifier(CountQualifier.EXACT))));
    }

    @Test
    void fractionalCountsAreRefusedWhenRead() {
        String json = """
                {"persons_arrested": {"value": 1.5, "qualifier": "exact", "note": null}}""";
        assertTrue(assertThrows(() -> JSON.readValue(json, CountValueMap.class)).contains("value"));
    }

    @Test
    void pricesUseIso4217AndOrderedAmounts() {
        assertRefused(
                "prices[0].currency", "iso_4217", r -> r.getPrices().get(0).currency("EURO"));
        assertRefused(
                "prices[0].amount_max",
                "range",
                r -> r.prices(List.of(new Price()
                        .amountMin(BigDecimal.TEN)
                        .amountMax(BigDecimal.ONE)
                        .currency("EUR")
                        .unit(Price.UnitEnum.PER_FIREARM))));
    }

    @Test
    void peopleHaveSaneAgesAndNumbers() {
        assertRefused(
                "people[0].age_max",
                "range",
                r -> r.people(List.of(new Person()
                        .role(Person.RoleEnum.SUSPECT)
                        .number(1)
                        .ageMin(30)
                        .ageMax(20)
                        .gender(Person.GenderEnum.MALE))));
        assertRefused(
                "people[0]",
                "age_range",
                r -> r.people(List.of(new Person()
                        .role(Person.RoleEnum.SUSPECT)
                        .number(1)
                        .ageMin(130)
                        .ageMax(130)
                        .gender(Person.GenderEnum.MALE))));
        assertRefused(
                "people[0].number",
                "minimum",
                r -> r.people(List.of(
                        new Person().role(Person.RoleEnum.SUSPECT).number(0).gender(Person.GenderEnum.MALE))));
    }

    @Test
    void atLeastOneSourceIsRequired() {
        assertRefused("sources", "min_items", r -> r.sources(List.of()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"www.example.org/news", "ftp://example.org/report", "/news/2024", "mailto:press@example.org"})
    void sourceUrlsAreAbsoluteHttp(String url) {
        assertRefused("sources[0].url", "url", r -> r.getSources().get(0).url(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://www.thingiverse.com/thing:1",
                "https://defcad.com/library/x",
                "https://mega.nz/file/abc",
                "https://files.odysee.com/x",
                "https://drive.google.com/file/d/1"
            })
    void sourceUrlsMustNotPointAtFileHosts(String url) {
        assertRefused(
                "sources[0].url", "denied_host", r -> r.getSources().get(0).url(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.org/files/frame.STL",
                "https://example.org/a/b.step",
                "https://example.org/pack.zip",
                "https://example.org/x.3mf?dl=1",
                "https://example.org/print.gcode"
            })
    void sourceUrlsMustNotPointAtDesignOrArchiveFiles(String url) {
        assertRefused(
                "sources[0].url", "denied_extension", r -> r.getSources().get(0).url(url));
    }

    /** A host is denied when it is a file host or under one, not when its name merely ends the same way. */
    @ParameterizedTest
    @ValueSource(
            strings = {"https://notmega.nz/news/1", "https://mydropbox.com/report", "https://box.com.example.org/a"})
    void hostsThatOnlyEndLikeAFileHostAreAccepted(String url) {
        assertEquals(List.of(), check(r -> r.getSources().get(0).url(url)));
    }

    /** Spellings a server reads as the same host or file must not sidestep the checks. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://thingiverse.com./thing:1",
                "https://WWW.Thingiverse.COM./thing:1",
                "https://mega.nz./file/abc"
            })
    void fileHostsAreRecognisedWithTrailingDots(String url) {
        assertRefused(
                "sources[0].url", "denied_host", r -> r.getSources().get(0).url(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.org/gun.stl;x=1",
                "https://example.org/gun.stl/",
                "https://example.org/gun.stl//",
                "https://example.org/dl?f=gun.stl",
                "https://example.org/dl?a=1&f=files/gun.STL",
                "https://example.org/gun%2Estl",
                "https://example.org/gun%2estl/",
                "https://example.org/gun%252Estl",
                "https://example.org/gun.stl.",
                "https://example.org/dl?f=gun%2Estl",
                "https://example.org/dl?u=https%3A%2F%2Fx.org%2Fa.zip",
                "https://example.org/a;v=1/gun.3mf;jsessionid=2",
                "https://example.org/dl?gun.step"
            })
    void designFilesAreRecognisedHoweverTheUrlSpellsThem(String url) {
        assertRefused(
                "sources[0].url", "denied_extension", r -> r.getSources().get(0).url(url));
        assertRefused(
                "sources[0].archive_url",
                "denied_extension",
                r -> r.getSources().get(0).archiveUrl(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://www.example.org/news?id=12",
                "https://www.example.org/news/2024/03/04/seizure/",
                "https://www.example.org/article;jsessionid=1?id=12&page=2",
                "https://www.example.org/a?ref=example.com",
                "https://web.archive.org/web/20240101000000/https://www.example.org/news?id=12",
                "https://example.org./news"
            })
    void ordinaryNewsUrlsWithQueriesStillPass(String url) {
        assertEquals(List.of(), check(r -> r.getSources().get(0).url(url)));
    }

    @Test
    void archiveUrlsFollowTheSameRules() {
        assertRefused(
                "sources[0].archive_url",
                "denied_extension",
                r -> r.getSources().get(0).archiveUrl("https://example.org/a/model.obj"));
    }

    @Test
    void sourceLanguagesAreIso639() {
        assertRefused(
                "sources[0].language", "iso_639_1", r -> r.getSources().get(0).language("French"));
    }

    @Test
    void relatedIdsMustExistAndNotBeTheRecordItself() {
        assertRefused("related_ids[0]", "exists", r -> r.relatedIds(List.of("AT-999999")));
        assertRefused("related_ids[0]", "exists", r -> r.relatedIds(List.of("AT-000035")));
    }

    @Test
    void uncertainRecordsSayWhatIsUncertain() {
        assertRefused(
                "uncertainty_notes",
                "required_when_uncertain",
                r -> r.uncertain(true).uncertaintyNotes(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "suspect_name", "full_name", "victim"})
    void noFieldCanHoldAName(String field) throws Exception {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(valid());
        node.put(field, "A Private Person");
        assertTrue(assertThrows(() -> JSON.treeToValue(node, CaseInput.class)).contains(field));
        var person = (com.fasterxml.jackson.databind.node.ObjectNode)
                node.withArray("people").get(0);
        person.put("name", "A Private Person");
        node.remove(field);
        assertTrue(assertThrows(() -> JSON.treeToValue(node, CaseInput.class)).contains("name"));
    }

    @Test
    void valuesOutsideTheVocabulariesAreRefusedWhenRead() {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(valid());
        node.put("case_type", "shooting");
        assertTrue(assertThrows(() -> JSON.treeToValue(node, CaseInput.class)).contains("shooting"));
    }

    // ---- rules the codebook states about how fields agree (CodebookRules) ----

    @Test
    void aCityLevelRecordNeedsCoordinatesCoarserOnesMayGoWithout() {
        assertRefused("latitude", "coordinates_required", r -> r.latitude(null).longitude(null));
        assertEquals(
                List.of(),
                check(r -> r.geoPrecision(GeoPrecision.COUNTRY)
                        .place(null)
                        .region(null)
                        .latitude(null)
                        .longitude(null)));
        assertEquals(
                List.of(),
                check(r -> r.geoPrecision(GeoPrecision.INTERNATIONAL)
                        .country(null)
                        .place(null)
                        .region(null)
                        .latitude(null)
                        .longitude(null)));
    }

    @Test
    void aCountryLevelRecordHasNoPlaceNorRegion() {
        assertRefused(
                "place",
                "absent_for_country",
                r -> r.geoPrecision(GeoPrecision.COUNTRY).region(null));
        assertRefused(
                "region",
                "absent_for_country",
                r -> r.geoPrecision(GeoPrecision.COUNTRY).place(null));
    }

    @Test
    void aRegionLevelRecordHasARegionAndNoPlace() {
        assertRefused("place", "absent_for_region", r -> r.geoPrecision(GeoPrecision.REGION));
        assertRefused(
                "region",
                "required_for_region",
                r -> r.geoPrecision(GeoPrecision.REGION).place(null).region(null));
    }

    @Test
    void aSourceSupportsOnlyFieldsOfTheRecord() {
        assertRefused(
                "sources[2].supports[1]",
                "record_field",
                r -> r.getSources().get(2).setSupports(List.of("summary", "suspect_name")));
        assertRefused(
                "sources[2].supports[1]",
                "record_field",
                r -> r.getSources().get(2).setSupports(List.of("summary", "counts.fatalities")));
        assertRefused(
                "sources[2].supports[1]",
                "unique",
                r -> r.getSources().get(2).setSupports(List.of("summary", "summary")));
    }

    @Test
    void noCodeIsListedTwice() {
        assertRefused(
                "channels[2]",
                "unique",
                r -> r.getChannels().add(r.getChannels().get(0)));
        assertRefused(
                "payment_methods[1]",
                "unique",
                r -> r.getPaymentMethods().add(r.getPaymentMethods().get(0)));
        assertRefused("related_ids[1]", "unique", r -> r.getRelatedIds().add("AT-000036"));
    }

    @Test
    void theAnnouncementIsNotBeforeTheEvent() {
        assertRefused("announcement_date", "not_before_event", r -> r.announcementDate("2023-12-31"));
        // within the event's month counts as later (the codebook's week-of-action example)
        assertEquals(List.of(), check(r -> r.announcementDate("2024-01-21")));
    }

    @Test
    void aClaimedCountIsAlwaysUncertain() {
        assertRefused(
                "uncertain",
                "required_for_claims",
                r -> r.uncertain(false)
                        .uncertaintyNotes(null)
                        .putCountsItem(
                                "printed_receivers_claimed",
                                new CountValue().value(3L).qualifier(CountQualifier.EXACT)));
    }

    @Test
    void theClaimedCountsAreThoseTheCodebookAlwaysCodesAsUncertain() {
        var keys = new java.util.TreeSet<String>();
        new Codebook().document().path("vocabularies").forEach(v -> {
            if (v.path("name").asText().equals("count_key")) {
                v.path("values").forEach(value -> {
                    if (value.path("definition").asText().contains("always coded with uncertain true")) {
                        keys.add(value.path("code").asText());
                    }
                });
            }
        });
        assertEquals(keys, new java.util.TreeSet<>(CodebookRules.CLAIMED_COUNTS));
    }

    @Test
    void sourcesAreHttps() {
        assertRefused("sources[0].url", "https", r -> r.getSources().get(0).setUrl("http://www.example.org/news/1"));
        assertRefused(
                "sources[0].archive_url",
                "https",
                r -> r.getSources().get(0).setArchiveUrl("http://web.archive.org/web/2024/https://www.example.org/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"})
    void freeTextNeverStartsLikeASpreadsheetFormula(String text) {
        assertRefused("place", "formula_like", r -> r.place(text));
        assertRefused("summary", "formula_like", r -> r.summary(text + " with enough words to be a summary."));
        assertRefused("agencies[0]", "formula_like", r -> r.getAgencies().set(0, text));
    }

    @Test
    void aSourceTitleMayStartLikeAFormulaAsPublished() {
        assertEquals(List.of(), check(r -> r.getSources().get(0).setTitle("-30% de saisies : le bilan")));
    }

    /** Runs something that must fail and returns its message. */
    private static String assertThrows(org.junit.jupiter.api.function.Executable executable) {
        return org.junit.jupiter.api.Assertions.assertThrows(Exception.class, executable)
                .getMessage();
    }

    /** A map of counts, to read counts alone. */
    static final class CountValueMap extends java.util.HashMap<String, CountValue> {}
}
