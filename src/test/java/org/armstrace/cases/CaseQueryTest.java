package org.armstrace.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.armstrace.common.db.Sql;
import org.armstrace.common.error.ApiProblem;
import org.junit.jupiter.api.Test;

/** The SQL a filter, a sort and a cursor make, without a database or HTTP. */
class CaseQueryTest {

    private static CaseFilter filter(CaseFilter.Builder builder) {
        return builder.build();
    }

    @Test
    void noFilterReadsPublishedRecordsOnly() {
        Sql where = new CaseQuery(CaseFilter.builder().build()).where();
        assertEquals("c.status = 'published'", where.text());
        assertEquals(List.of(), where.params());
    }

    @Test
    void oneValueIsATypedEqualityAndSeveralAreAnArray() {
        Sql one = new CaseQuery(filter(CaseFilter.builder().countries(List.of("fr")))).where();
        assertEquals("c.status = 'published' and c.country = cast(? as bpchar)", one.text());
        assertEquals(List.of("FR"), one.params());

        Sql several = new CaseQuery(
                        filter(CaseFilter.builder().countries(List.of("FR,BE")).caseTypes(List.of("seizure"))))
                .where();
        assertEquals(
                "c.status = 'published' and c.country = any(cast(? as bpchar[])) and c.case_type = cast(? as text)",
                several.text());
        assertEquals(List.of(new Sql.TextArray(List.of("BE", "FR")), "seizure"), several.params());
    }

    @Test
    void datesCompareTheWholePeriodAndSearchIsBound() {
        Sql where = new CaseQuery(
                        filter(CaseFilter.builder().dates("2019", "2022-02").query("Télégram")))
                .where();
        assertEquals(
                "c.status = 'published' and c.event_end >= ? and c.event_start <= ?"
                        + " and exists (select 1 from rendition_search s where s.rendition_id = c.rendition_id"
                        + " and s.search @@ websearch_to_tsquery('english', ?))",
                where.text());
        assertEquals(List.of(LocalDate.of(2019, 1, 1), LocalDate.of(2022, 2, 28), "Telegram"), where.params());
    }

    @Test
    void aPinnedSearchMatchesARowsOwnVectorOrItsRenditions() {
        Sql where = new CaseQuery(CaseFilter.builder().query("telegram").build().in(CaseScope.release(7))).where();
        assertTrue(
                where.text()
                        .endsWith(" and (c.search @@ websearch_to_tsquery('english', ?) or exists (select 1 from"
                                + " rendition_search s where s.rendition_id = c.rendition_id"
                                + " and s.search @@ websearch_to_tsquery('english', ?)))"),
                where.text());
        assertEquals(List.of(7L, "telegram", "telegram"), where.params());
    }

    /** A release cut since V15 has no vectors in its rows: it is searched as the live records are, row by row. */
    @Test
    void aSearchPinnedToAReleaseCutSinceV15ProbesEachRowsRendition() {
        Sql where =
                new CaseQuery(CaseFilter.builder().query("telegram").build().in(CaseScope.release(7, false))).where();
        assertTrue(
                where.text()
                        .endsWith(" and exists (select 1 from rendition_search s where s.rendition_id = c.rendition_id"
                                + " and s.search @@ websearch_to_tsquery('english', ?))"),
                where.text());
        assertEquals(List.of(7L, "telegram"), where.params());
    }

    @Test
    void aReleaseScopeReadsTheReleasesRows() {
        CaseQuery query = new CaseQuery(CaseFilter.builder().build().in(CaseScope.release(7)));
        assertEquals("release_case c", query.from());
        assertEquals(List.of(7L), query.where().params());
        assertTrue(query.where().text().contains("c.release_id = ?"));
    }

    @Test
    void aReleasePageTakesTheRowsOwnTextsWhereItKeptThem() {
        CaseQuery query = new CaseQuery(CaseFilter.builder().build().in(CaseScope.release(7)));
        String page = query.page(CaseSort.ID_ASC, null, 10, List.of("csv_row", "geometry"))
                .text();
        assertTrue(
                page.contains("coalesce(c.csv_row, d.csv_row) as csv_row, coalesce(c.geometry, d.geometry) as geometry"
                        + " from (select c.*, null as sort_key from release_case c where"),
                page);
        assertThrows(IllegalArgumentException.class, () -> query.page(CaseSort.ID_ASC, null, 10, List.of("summary")));
    }

    @Test
    void aPageOrdersByTypedKeysAndStopsAfterTheLimit() {
        CaseQuery query = new CaseQuery(filter(CaseFilter.builder().countries(List.of("FR"))));
        Sql first = query.page(CaseSort.EVENT_DATE_DESC, null, 51, List.of("document"));
        assertEquals(
                "select c.public_id, c.sort_key, d.document from ("
                        + "select c.*, cast(c.event_start as text) as sort_key from case_record c"
                        + " where c.status = 'published' and c.country = cast(? as bpchar)"
                        + " order by c.event_start desc, c.public_id desc limit ?"
                        + ") c join rendition d on d.id = c.rendition_id order by c.event_start desc, c.public_id desc",
                first.text());
        assertEquals(List.of("FR", 51), first.params());

        CaseCursor after = new CaseCursor(CaseSort.EVENT_DATE_DESC, "2021-03-04", "AT-000012");
        Sql next = query.page(CaseSort.EVENT_DATE_DESC, after, 51, List.of("document"));
        assertTrue(next.text().contains(" and (c.event_start, c.public_id) < (?, ?) order by"), next.text());
        assertEquals(List.of("FR", LocalDate.of(2021, 3, 4), "AT-000012", 51), next.params());
    }

    @Test
    void ascendingAndIdSortsCompareTheOtherWay() {
        CaseQuery query = new CaseQuery(CaseFilter.builder().build());
        Sql byDate = query.page(
                CaseSort.EVENT_DATE_ASC,
                new CaseCursor(CaseSort.EVENT_DATE_ASC, "2020-01-01", "AT-000001"),
                10,
                List.of("document"));
        assertTrue(byDate.text()
                .contains("(c.event_start, c.public_id) > (?, ?) order by c.event_start asc, c.public_id asc"));
        Sql byId = query.page(
                CaseSort.ID_DESC, new CaseCursor(CaseSort.ID_DESC, null, "AT-000009"), 10, List.of("document"));
        assertTrue(byId.text().contains("null as sort_key"));
        assertTrue(byId.text().contains("c.public_id < ? order by c.public_id desc limit ?"));
        assertEquals(List.of("AT-000009", 10), byId.params());
    }

    @Test
    void relevanceBindsTheSearchWhereverTheRankAppears() {
        CaseQuery query = new CaseQuery(filter(CaseFilter.builder().query("telegram")));
        Sql page = query.page(
                CaseSort.RELEVANCE,
                new CaseCursor(CaseSort.RELEVANCE, "0.0607927", "AT-000020"),
                20,
                List.of("document"));
        assertEquals(
                List.of("telegram", "telegram", "telegram", 0.0607927f, "AT-000020", "telegram", 20, "telegram"),
                page.params());
    }

    @Test
    void cursorsRoundTripAndRefuseAnotherSortOrAForgery() {
        CaseCursor cursor = new CaseCursor(CaseSort.EVENT_DATE_DESC, "2021-03-04", "AT-000012");
        assertEquals(cursor, CaseCursor.decode(cursor.encode(), CaseSort.EVENT_DATE_DESC));
        assertThrows(ApiProblem.class, () -> CaseCursor.decode(cursor.encode(), CaseSort.ID_ASC));
        assertThrows(ApiProblem.class, () -> CaseCursor.decode("bm90LWEtY3Vyc29y", CaseSort.EVENT_DATE_DESC));
        String badDate = new CaseCursor(CaseSort.EVENT_DATE_DESC, "2021-02-30", "AT-000012").encode();
        assertThrows(ApiProblem.class, () -> CaseCursor.decode(badDate, CaseSort.EVENT_DATE_DESC));
    }

    @Test
    void aFragmentMustHaveAValueForEveryPlaceholder() {
        assertThrows(IllegalArgumentException.class, () -> Sql.of("c.country = ?"));
        assertThrows(IllegalArgumentException.class, () -> Sql.of("c.country = 'FR'", "FR"));
    }

    @Test
    void facetsGroupTheSameFilteredSet() {
        CaseQuery query = new CaseQuery(filter(CaseFilter.builder().caseTypes(List.of("seizure"))));
        Sql sql = Facets.sql(query, Dimension.COUNTRY, 10);
        assertEquals(
                "select v, count(*) as n from (select cast(c.country as text) as v from case_record c"
                        + " left join country_region r on r.country = c.country where c.status = 'published'"
                        + " and c.case_type = cast(? as text)) f where v is not null group by v order by n desc, v limit ?",
                sql.text());
        assertEquals(List.of("seizure", 10), sql.params());
    }
}
