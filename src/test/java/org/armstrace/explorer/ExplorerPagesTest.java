package org.armstrace.explorer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.armstrace.api.model.Role;
import org.armstrace.common.http.HttpPolicies;
import org.armstrace.releases.ReleaseStore;
import org.armstrace.testing.CuratorActions;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.Test;

/** The explorer's pages as a browser receives them: status, headers, and what the HTML says and links to. */
@QuarkusTest
class ExplorerPagesTest {

    private static final Pattern CASE_LINK = Pattern.compile("<h3><a href=\"/cases/(AT-[0-9]{6})\">");

    @Inject
    Tokens tokens;

    @Inject
    FactSheets factSheets;

    @Inject
    FactSheetPdf pdf;

    @Inject
    ReleaseStore releases;

    @Test
    void homeSaysWhatTheDatasetIsWithTheLatestReleaseItsCitationAndCharts() {
        long total = given().get("/v1/cases?count=true&limit=1")
                .then()
                .extract()
                .jsonPath()
                .getLong("total_count");
        JsonPath latest = given().get("/v1/releases/latest").then().extract().jsonPath();
        String version = latest.getString("version");
        String html = given().when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType("text/html")
                .header("Cache-Control", "public, max-age=60")
                .extract()
                .asString();
        assertTrue(html.contains("<strong>" + total + "</strong> published records"), "the live total");
        assertTrue(html.contains("never manufacturing instructions, design files or links to them"));
        for (String file : latest.getList("files.name", String.class)) {
            assertTrue(html.contains("href=\"/v1/releases/" + version + "/files/" + file + "\""), file);
        }
        assertTrue(html.contains("@misc{armstrace_" + version.replace('.', '_')), "BibTeX");
        assertTrue(html.contains("TY  - DATA"), "RIS");
        assertTrue(html.contains("cff-version: 1.2.0"), "CFF");
        assertTrue(html.contains("data-copy=\"cite-bibtex\""), "copy button");
        for (String chart : List.of("chart-year", "chart-country", "chart-context", "chart-weapon_3d_role")) {
            assertTrue(html.contains("<figure class=\"chart\" id=\"" + chart + "\">"), chart);
        }
        assertTrue(html.contains("href=\"/v1/stats?group_by=year,case_type&amp;format=csv\""));
        assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""));
        assertTrue(html.contains("href=\"/releases/" + version + "/fact-sheet\""));
        assertFalse(html.contains("<script src=\"http"), "no script from another host");
    }

    @Test
    void aRepeatedPageGetWithItsETagIs304AndPinnedPagesAreImmutable() {
        for (String path : List.of("/", "/cases?country=FR", "/cases/AT-000035", "/map")) {
            String etag = given().get(path).then().statusCode(200).extract().header("ETag");
            assertTrue(etag.startsWith("W/\""), path);
            given().header("If-None-Match", etag)
                    .get(path)
                    .then()
                    .statusCode(304)
                    .body(emptyString());
        }
        String version = given().get("/v1/releases/latest").then().extract().path("version");
        for (String path : List.of(
                "/releases/" + version + "/fact-sheet",
                "/cases?release=" + version + "&country=FR",
                "/map?release=" + version)) {
            given().get(path).then().statusCode(200).header("Cache-Control", HttpPolicies.IMMUTABLE);
        }
    }

    @Test
    void browseFiltersAsTheApiDoesAndPagesWithItsCursor() {
        // the country with most records, so that two pages of two exist whatever the dataset holds
        JsonPath facet =
                given().get("/v1/cases?facet=country&limit=1").then().extract().jsonPath();
        String country = facet.getString("facets.country[0].value");
        assertTrue(facet.getLong("facets.country[0].count") > 2, "needs more than two records in " + country);
        JsonPath api = given().get("/v1/cases?country=" + country + "&limit=2")
                .then()
                .extract()
                .jsonPath();
        String page = given().get("/cases?country=" + country + "&limit=2&q=")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(api.getList("items.id", String.class), ids(page));
        assertTrue(
                page.contains("id=\"f-country-" + country + "\" name=\"country\" value=\"" + country + "\" checked"),
                "the filter stays set");
        assertTrue(
                page.contains("href=\"/v1/cases?country=" + country + "&amp;format=csv\""), "download these results");
        Matcher link = Pattern.compile("href=\"(/cases\\?[^\"]*cursor=[^\"]*)\" rel=\"next\"")
                .matcher(page);
        assertTrue(link.find(), "a next page link");
        String second = given().urlEncodingEnabled(false)
                .get(link.group(1).replace("&amp;", "&"))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(
                given().get("/v1/cases?country=" + country + "&limit=2&cursor=" + api.getString("next_cursor"))
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.id", String.class),
                ids(second));
    }

    @Test
    void searchShowsTheMatchingWordsHighlightedAndEscapesTheRest() {
        String page = given().get("/cases?q=telegram&sort=relevance")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(page.contains("<mark>"), "highlighted snippet");
        assertEquals(
                "a &lt;script&gt; <mark>telegram</mark> &amp;",
                BrowseView.marked("a <script> <mark>telegram</mark> &"));
    }

    @Test
    void badFiltersAnswer400PagesNamingEachOne() {
        String page = given().get("/cases?contry=FR&case_type=bogus&limit=0")
                .then()
                .statusCode(400)
                .contentType("text/html")
                .header("Cache-Control", "no-store")
                .extract()
                .asString();
        assertTrue(page.contains("contry: is not a filter of this page"), page);
        assertTrue(page.contains("case_type: &#39;bogus&#39; is not one of"), page);
        assertTrue(page.contains("limit: must be at least 1"), page);
        given().get("/releases/0.0.9/fact-sheet").then().statusCode(404).contentType("text/html");
        given().get("/cases/AT-999999").then().statusCode(404).contentType("text/html");
    }

    @Test
    void aCasePageShowsLabelsQualifiersUncertaintySourcesAndHistory() {
        JsonPath record = given().get("/v1/cases/AT-000035").then().extract().jsonPath();
        String page =
                given().get("/cases/AT-000035").then().statusCode(200).extract().asString();
        String typeLabel = given().get("/v1/codebook")
                .then()
                .extract()
                .jsonPath()
                .getString("vocabularies.find { it.name == 'case_type' }.values.find { it.code == '"
                        + record.getString("case_type") + "' }.label");
        assertTrue(page.contains("<h1>" + typeLabel), "the codebook's label, not the code");
        for (Map<String, Object> source : record.getList("sources", Map.class).stream()
                .map(m -> (Map<String, Object>) m)
                .toList()) {
            assertTrue(page.contains("href=\"" + escape((String) source.get("url")) + "\""), "source link");
            assertTrue(page.contains(escape((String) source.get("publisher"))), "publisher");
        }
        assertTrue(page.contains("Public changes of this record"));
        assertTrue(page.contains("Record AT-000035, version " + record.getInt("version")), "cite this record");
        // every link leaving the site is one of the record's sources (no design-file links can appear)
        Set<String> allowed = new LinkedHashSet<>();
        record.getList("sources", Map.class).forEach(s -> {
            allowed.add(escape((String) s.get("url")));
            if (s.get("archive_url") != null) {
                allowed.add(escape((String) s.get("archive_url")));
            }
        });
        allowed.add("https://creativecommons.org/licenses/by/4.0/");
        allowed.add("https://www.naturalearthdata.com/");
        Matcher external = Pattern.compile("href=\"(https?://[^\"]+)\"").matcher(page);
        while (external.find()) {
            assertTrue(allowed.contains(external.group(1)), external.group(1));
        }

        String atLeast = given().get("/v1/cases?limit=500")
                .then()
                .extract()
                .jsonPath()
                .getString("items.find { it.counts.values().any { c -> c.qualifier == 'at_least' } }.id");
        JsonPath counted = given().get("/v1/cases/" + atLeast).then().extract().jsonPath();
        Map<String, Map<String, Object>> counts = counted.getMap("counts");
        Map<String, Object> bound = counts.values().stream()
                .filter(c -> "at_least".equals(c.get("qualifier")))
                .findFirst()
                .orElseThrow();
        given().get("/cases/" + atLeast).then().body(containsString("<td>at least " + bound.get("value") + "</td>"));

        String uncertain =
                given().get("/v1/cases?uncertain=true&limit=1").then().extract().path("items[0].id");
        String notes = given().get("/v1/cases/" + uncertain).then().extract().path("uncertainty_notes");
        given().get("/cases/" + uncertain)
                .then()
                .body(containsString("Uncertain: figures or facts are disputed"))
                .body(containsString(escape(notes)));
    }

    @Test
    void aRetractedRecordShowsItsTombstoneAndAMergedOneRedirects() {
        String editor = tokens.secret(Role.EDITOR);
        String gone = CuratorActions.publishNew(editor, "NL");
        given().header("Authorization", "Bearer " + editor)
                .header("If-Match", "\"v2\"")
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"The seized items turned out to be replicas.\"}")
                .post("/v1/curation/cases/" + gone + "/retract")
                .then()
                .statusCode(200);
        given().get("/cases/" + gone)
                .then()
                .statusCode(410)
                .contentType("text/html")
                .body(containsString(gone + " was retracted"))
                .body(containsString("The seized items turned out to be replicas."));

        String keep = CuratorActions.publishNew(editor, "NL");
        String duplicate = CuratorActions.publishNew(editor, "NL");
        given().header("Authorization", "Bearer " + editor)
                .header("If-Match", "\"v2\"")
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"Duplicate.\", \"replaced_by\": \"" + keep + "\", \"merge\": true}")
                .post("/v1/curation/cases/" + duplicate + "/retract")
                .then()
                .statusCode(200);
        given().redirects()
                .follow(false)
                .get("/cases/" + duplicate)
                .then()
                .statusCode(301)
                .header("Location", endsWith("/cases/" + keep))
                .header("Location", not(containsString("/v1/")));
    }

    @Test
    void theFactSheetIsAPrintPageAndAReproduciblePdfOfOneOrTwoPages() throws Exception {
        String version = given().get("/v1/releases/latest").then().extract().path("version");
        given().redirects()
                .follow(false)
                .get("/releases/latest/fact-sheet")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/releases/" + version + "/fact-sheet"));
        given().get("/releases/" + version + "/fact-sheet")
                .then()
                .statusCode(200)
                .body(containsString("@page { size: A4;"))
                .body(containsString("ArmsTrace fact sheet: release " + version))
                .body(containsString("class=\"map\""));
        byte[] served = given().get("/releases/" + version + "/fact-sheet.pdf")
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("Cache-Control", HttpPolicies.IMMUTABLE)
                .header("Content-Disposition", "attachment; filename=\"armstrace-" + version + "-fact-sheet.pdf\"")
                .extract()
                .asByteArray();
        try (PDDocument document = Loader.loadPDF(served)) {
            int pages = document.getNumberOfPages();
            assertTrue(pages >= 1 && pages <= 2, pages + " pages");
            assertEquals("ArmsTrace", document.getDocumentInformation().getProducer());
        }
        ReleaseStore.Row row = releases.find(version).orElseThrow();
        byte[] again = pdf.render(factSheets.html(version, false), "https://armstrace.test", row);
        assertArrayEquals(served, again, "the same bytes whenever it is made");
    }

    private static List<String> ids(String page) {
        List<String> ids = new ArrayList<>();
        Matcher m = CASE_LINK.matcher(page);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String escape(String text) {
        return Svg.escape(text);
    }
}
