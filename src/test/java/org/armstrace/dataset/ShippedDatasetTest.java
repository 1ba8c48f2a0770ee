package org.armstrace.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.armstrace.api.model.CaseInput;
import org.armstrace.cases.CaseValidator;
import org.armstrace.codebook.Codebook;
import org.junit.jupiter.api.Test;

/** The shipped dataset: every reference case, sound under every rule, with the corrected facts. */
class ShippedDatasetTest {

    private static final ObjectMapper JSON = ShippedDataset.strict(new ObjectMapper().findAndRegisterModules());
    private static final ShippedDataset DATASET = ShippedDataset.read(JSON);
    private static final Map<String, CaseInput> BY_ID = DATASET.records().stream()
            .collect(Collectors.toMap(ShippedDataset.Entry::id, ShippedDataset.Entry::content));

    @Test
    void holdsAll46ReferenceCasesWithConsecutiveIds() {
        assertEquals(
                IntStream.rangeClosed(1, 46)
                        .mapToObj(i -> String.format("AT-%06d", i))
                        .toList(),
                DATASET.records().stream().map(ShippedDataset.Entry::id).toList());
    }

    @Test
    void breaksNoValidationRule() {
        assertEquals(List.of(), DatasetChecks.failures(DATASET, new CaseValidator(new Codebook())));
    }

    @Test
    void theMarseilleLedNetworkKeepsItsFiguresAndItsDispute() {
        CaseInput marseille = BY_ID.get("AT-000035");
        assertEquals("FR", marseille.getCountry());
        assertEquals(14L, marseille.getCounts().get("persons_arrested").getValue());
        assertEquals(8L, marseille.getCounts().get("printers_seized").getValue());
        assertEquals(7L, marseille.getCounts().get("printed_firearms_seized").getValue());
        assertEquals(
                24L, marseille.getCounts().get("conventional_firearms_seized").getValue());
        assertEquals(1000, marseille.getPrices().get(0).getAmountMin().intValue());
        assertEquals(1500, marseille.getPrices().get(0).getAmountMax().intValue());
        assertEquals("EUR", marseille.getPrices().get(0).getCurrency());
        assertTrue(marseille.getChannels().stream().anyMatch(c -> c.toString().equals("telegram")));
        assertEquals("2024-02-05", marseille.getAnnouncementDate());
        assertTrue(marseille.getUncertain(), "6 or 7 remanded is disputed");
        assertTrue(marseille.getUncertaintyNotes().contains("seven"));
        assertEquals(List.of("AT-000036"), marseille.getRelatedIds());
        assertEquals("BE", BY_ID.get("AT-000036").getCountry());
        assertEquals(List.of("AT-000035"), BY_ID.get("AT-000036").getRelatedIds());
    }

    @Test
    void theCorrectedDatesAndFiguresHold() {
        CaseInput armes78 = BY_ID.get("AT-000005");
        assertEquals("2014-10-07", armes78.getEventDate());
        assertEquals("none", armes78.getWeapon3dRole().toString(), "Armes 78 was not about 3D printing");
        CaseInput tenerife = BY_ID.get("AT-000013");
        assertEquals("2020-09-14", tenerife.getEventDate());
        assertEquals("2021-04-18", tenerife.getAnnouncementDate());
        CaseInput utica = BY_ID.get("AT-000028");
        assertEquals("2022-08-27", utica.getEventDate());
        assertTrue(utica.getUncertain(), "the 110 parts for USD 21,000 are only the participant's claim");
    }

    @Test
    void relatedCasesAreLinked() {
        assertTrue(BY_ID.get("AT-000012").getRelatedIds().contains("AT-000014"), "Halle attack -> conviction");
        assertTrue(BY_ID.get("AT-000014").getRelatedIds().contains("AT-000012"), "Halle conviction -> attack");
        assertTrue(BY_ID.get("AT-000008").getRelatedIds().contains("AT-000009"), "settlement -> court order");
        assertTrue(BY_ID.get("AT-000009").getRelatedIds().contains("AT-000008"), "court order -> settlement");
    }

    @Test
    void everyPlaceCanBeMappedUnlessInternational() {
        DATASET.records()
                .forEach(r -> assertEquals(
                        r.content().getGeoPrecision().toString().equals("international"),
                        r.content().getLatitude() == null,
                        r.id() + " coordinates"));
    }
}
