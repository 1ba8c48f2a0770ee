package org.armstrace.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.armstrace.api.model.CaseInput;
import org.armstrace.cases.CaseValidator;
import org.armstrace.codebook.Codebook;
import org.junit.jupiter.api.Test;

/** The shipped releases: every reference case, sound under every rule, with the corrected facts. */
class ShippedDatasetTest {

    private static final ObjectMapper JSON = ShippedReleases.strict(new ObjectMapper().findAndRegisterModules());
    private static final ShippedReleases RELEASES = ShippedReleases.read(JSON);
    private static final String LATEST = RELEASES.latest().version();
    private static final Map<String, CaseInput> FIRST = byId(RELEASES.recordsAt("1.0.0"));
    private static final Map<String, CaseInput> NOW = byId(RELEASES.recordsAt(LATEST));
    /** Words that name something finer than a city (a district, a site, an address). */
    private static final Pattern FINER_THAN_A_CITY = Pattern.compile(
            "(?i)\\b(district|quarter|borough|arrondissement|neighbourhood|neighborhood|suburb|street|road|avenue|cemetery|school|church|mosque|synagogue|airport|station|prison|hospital|village of)\\b");

    private static Map<String, CaseInput> byId(List<ShippedRelease.Entry> records) {
        return records.stream().collect(Collectors.toMap(ShippedRelease.Entry::id, ShippedRelease.Entry::content));
    }

    @Test
    void theReleasesFollowEachOtherFrom100() {
        assertEquals("1.0.0", RELEASES.first().version());
        assertNull(RELEASES.first().previousVersion());
        for (int i = 1; i < RELEASES.all().size(); i++) {
            assertEquals(
                    RELEASES.all().get(i - 1).version(), RELEASES.all().get(i).previousVersion());
        }
        assertTrue(RELEASES.find("1.1.0").isPresent(), "1.1.0 ships");
    }

    @Test
    void release100HoldsAll46ReferenceCasesWithConsecutiveIds() {
        assertEquals(
                IntStream.rangeClosed(1, 46)
                        .mapToObj(i -> String.format("AT-%06d", i))
                        .toList(),
                RELEASES.first().added().stream().map(ShippedRelease.Entry::id).toList());
        assertEquals(List.of(), RELEASES.first().corrected());
    }

    @Test
    void everyLaterReleaseAddsNewIdsAndCorrectsOnlyRecordsItFound() {
        Set<String> seen = new HashSet<>();
        for (ShippedRelease release : RELEASES.all()) {
            for (ShippedRelease.Correction correction : release.corrected()) {
                assertTrue(seen.contains(correction.id()), correction.id() + " corrected before it was added");
                assertFalse(correction.note().isBlank(), correction.id() + " needs a note");
            }
            for (ShippedRelease.Entry added : release.added()) {
                assertTrue(seen.add(added.id()), added.id() + " added twice");
            }
        }
    }

    @Test
    void everyReleaseBreaksNoValidationRule() {
        CaseValidator validator = new CaseValidator(new Codebook());
        for (ShippedRelease release : RELEASES.all()) {
            assertEquals(
                    List.of(),
                    DatasetChecks.failures(RELEASES.recordsAt(release.version()), validator),
                    release.version());
        }
    }

    @Test
    void everyLinkPointsBothWays() {
        assertEquals(List.of(), DatasetChecks.oneWayLinks(RELEASES.recordsAt(LATEST)));
    }

    @Test
    void noPlaceIsFinerThanItsGeoPrecision() {
        NOW.forEach((id, r) -> {
            String precision = r.getGeoPrecision().toString();
            assertEquals(precision.equals("city"), r.getPlace() != null, id + ": a place only at city precision");
            if (precision.equals("country") || precision.equals("international")) {
                assertNull(r.getRegion(), id + ": no region at " + precision + " precision");
            }
            if (r.getPlace() != null) {
                assertFalse(FINER_THAN_A_CITY.matcher(r.getPlace()).find(), id + " place: " + r.getPlace());
            }
            for (String text : new String[] {r.getSummary(), r.getOutcome(), r.getUncertaintyNotes()}) {
                if (text != null) {
                    for (String site : List.of("Niederplanitz", "Milltown", "Roquebrune")) {
                        assertFalse(text.contains(site), id + " names " + site);
                    }
                }
            }
        });
    }

    @Test
    void noSourceIsServedFromAStagingOrCdnHost() {
        Pattern staging = Pattern.compile("(?i)//[^/]*(staging|freemium|vufind-test|cdn\\.arcpublishing\\.com)");
        NOW.forEach((id, r) -> r.getSources()
                .forEach(s -> assertFalse(staging.matcher(s.getUrl()).find(), id + " " + s.getUrl())));
    }

    @Test
    void theMarseilleLedNetworkKeepsItsFiguresAndItsDisputeAndHasItsCorrections() {
        CaseInput first = FIRST.get("AT-000035");
        CaseInput marseille = NOW.get("AT-000035");
        assertEquals("Roquebrune-sur-Argens", first.getPlace(), "1.0.0 stays as it was released");
        assertEquals("FR", marseille.getCountry());
        assertEquals("Marseille", marseille.getPlace(), "the investigating court's city");
        assertEquals(14L, marseille.getCounts().get("persons_arrested").getValue());
        assertEquals(8L, marseille.getCounts().get("printers_seized").getValue());
        assertEquals(7L, marseille.getCounts().get("printed_firearms_seized").getValue());
        assertEquals(
                24L, marseille.getCounts().get("conventional_firearms_seized").getValue());
        assertEquals(1000, marseille.getPrices().get(0).getAmountMin().intValue());
        assertEquals(1500, marseille.getPrices().get(0).getAmountMax().intValue());
        assertEquals("EUR", marseille.getPrices().get(0).getCurrency());
        assertEquals(
                List.of("telegram", "darknet_forum_or_site", "online_marketplace"),
                marseille.getChannels().stream().map(Object::toString).toList());
        assertEquals(
                13,
                marseille.getPeople().stream()
                        .filter(p -> p.getRole().toString().equals("suspect"))
                        .findFirst()
                        .orElseThrow()
                        .getNumber(),
                "the head and 13 others");
        assertTrue(marseille.getSummary().contains("print files"));
        assertEquals("2024-02-05", marseille.getAnnouncementDate());
        assertTrue(marseille.getUncertain(), "6 or 7 remanded is disputed");
        assertTrue(marseille.getUncertaintyNotes().contains("seven"));
        assertTrue(marseille.getRelatedIds().contains("AT-000036"));
        assertEquals("BE", NOW.get("AT-000036").getCountry());
        assertTrue(NOW.get("AT-000036").getRelatedIds().contains("AT-000035"));
    }

    @Test
    void theCorrectedDatesAndFiguresHold() {
        CaseInput armes78 = NOW.get("AT-000005");
        assertEquals("2014-10-07", armes78.getEventDate());
        assertEquals("none", armes78.getWeapon3dRole().toString(), "Armes 78 was not about 3D printing");
        assertEquals(
                49,
                armes78.getPeople().stream()
                        .filter(p -> p.getRole().toString().equals("suspect"))
                        .findFirst()
                        .orElseThrow()
                        .getNumber(),
                "the defendant is one of the 50 held");
        CaseInput tenerife = NOW.get("AT-000013");
        assertEquals("2020-09-14", tenerife.getEventDate());
        assertEquals("2021-04-18", tenerife.getAnnouncementDate());
        assertFalse(tenerife.getSummary().contains("care home"), "no identifying occupation");
        CaseInput utica = NOW.get("AT-000028");
        assertEquals("2022-08-27", utica.getEventDate());
        assertTrue(utica.getUncertain(), "the 110 parts for USD 21,000 are only the participant's claim");
        CaseInput hague = NOW.get("AT-000027");
        assertEquals(120L, hague.getCounts().get("participants").getValue());
        assertEquals(
                "more_than",
                hague.getCounts().get("participants").getQualifier().toString());
    }

    @Test
    void relatedCasesAreLinked() {
        assertTrue(NOW.get("AT-000012").getRelatedIds().contains("AT-000014"), "Halle attack -> conviction");
        assertTrue(NOW.get("AT-000014").getRelatedIds().contains("AT-000012"), "Halle conviction -> attack");
        assertTrue(NOW.get("AT-000008").getRelatedIds().contains("AT-000009"), "settlement -> court order");
        assertTrue(NOW.get("AT-000009").getRelatedIds().contains("AT-000008"), "court order -> settlement");
        assertTrue(NOW.get("AT-000006").getRelatedIds().contains("AT-000019"), "NSW law -> arrest under it");
        assertTrue(NOW.get("AT-000019").getRelatedIds().contains("AT-000006"), "NSW arrest -> the law");
    }

    @Test
    void everyCorrectionChangesItsRecord() {
        for (ShippedRelease release : RELEASES.all()) {
            if (release.previousVersion() == null) {
                continue;
            }
            Map<String, CaseInput> before = byId(RELEASES.recordsAt(release.previousVersion()));
            for (ShippedRelease.Correction correction : release.corrected()) {
                assertNotEquals(before.get(correction.id()), correction.content(), correction.id() + " is unchanged");
            }
        }
    }

    @Test
    void everyPlaceCanBeMappedUnlessInternational() {
        NOW.forEach((id, r) -> assertEquals(
                r.getGeoPrecision().toString().equals("international"), r.getLatitude() == null, id + " coordinates"));
    }
}
