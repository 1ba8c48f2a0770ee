package org.armstrace.dataset;

import static io.restassured.RestAssured.given;
import static org.armstrace.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catalogues, search engines and reference managers each get the dataset in their own terms. */
@QuarkusTest
class DatasetMetadataTest {

    private static final String LINKS = "</v1/dataset/citation>; rel=\"cite-as\", "
            + "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\"";
    private static final String RELEASE_LINKS = "</v1/releases/1.0.0>; rel=\"cite-as\", "
            + "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\"";

    private static String latest() {
        return given().when()
                .get("/v1/releases/latest")
                .then()
                .statusCode(200)
                .extract()
                .path("version");
    }

    @Test
    void dcatApDescribesTheDatasetAndItsWorkingDistributions() {
        var dcat = given().when()
                .get("/v1/dataset")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/ld+json"))
                .header("Link", LINKS)
                .body("'@type'", equalTo("dcat:Dataset"))
                .body("'dcat:version'", equalTo(latest()))
                .body("'dct:license'.'@id'", equalTo("https://creativecommons.org/licenses/by/4.0/"))
                .body("'dcat:distribution'.'dcat:mediaType'.'@id'", hasItem(containsString("text/csv")))
                .extract()
                .jsonPath();
        String csv = dcat.getList("'dcat:distribution'.'dcat:downloadURL'.'@id'", String.class)
                .get(0);
        String sha256 = dcat.getList("'dcat:distribution'.'spdx:checksum'.'spdx:checksumValue'", String.class)
                .get(0);
        given().when()
                .get(URI.create(csv).getPath())
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("ETag", "\"" + sha256 + "\"");
        List<String> urls = dcat.getList("'dcat:distribution'.'dcat:downloadURL'.'@id'", String.class);
        assertTrue(urls.stream().anyMatch(u -> u.endsWith("/v1/releases/1.0.0/files/armstrace.zip")), urls.toString());
        assertTrue(urls.stream().anyMatch(u -> u.endsWith("/v1/cases?format=csv")), urls.toString());
    }

    @Test
    void schemaOrgIsThereForSearchEngines() {
        given().queryParam("profile", "schema.org")
                .when()
                .get("/v1/dataset")
                .then()
                .statusCode(200)
                .body("'@context'", equalTo("https://schema.org/"))
                .body("'@type'", equalTo("Dataset"))
                .body("distribution.encodingFormat", hasItem("application/x-ndjson"))
                .body("distribution.contentUrl", hasItem(endsWith("/v1/releases/1.0.0/files/cases.csv")))
                .body("temporalCoverage", startsWith("2013-"));
    }

    @Test
    void withoutAReleaseTheCitationCitesTheLatestRelease() {
        String latest = latest();
        given().queryParam("format", "csl")
                .when()
                .get("/v1/dataset/citation")
                .then()
                .statusCode(200)
                .header("Link", startsWith("</v1/releases/" + latest + ">; rel=\"cite-as\""))
                .header("Cache-Control", "public, max-age=60")
                .body("version", equalTo(latest))
                .body("URL", endsWith("/v1/releases/" + latest));
    }

    @Test
    void theCitationComesInEveryFormatByAcceptOrByFormat() throws Exception {
        String csl = given().queryParam("release", "1.0.0")
                .accept("application/vnd.citationstyles.csl+json")
                .when()
                .get("/v1/dataset/citation")
                .then()
                .statusCode(200)
                .header("Link", RELEASE_LINKS)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .contentType(startsWith("application/vnd.citationstyles.csl+json"))
                .extract()
                .asString();
        JsonNode item = new ObjectMapper().readTree(csl);
        assertEquals("dataset", item.path("type").asText());
        assertEquals("1.0.0", item.path("version").asText());
        assertEquals("ArmsTrace curators", item.at("/author/0/literal").asText());

        String bibtex = given().queryParam("release", "1.0.0")
                .accept("application/x-bibtex")
                .when()
                .get("/v1/dataset/citation")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/x-bibtex"))
                .extract()
                .asString();
        assertTrue(bibtex.startsWith("@misc{armstrace_1_0_0,") && bibtex.contains("version = {1.0.0}"), bibtex);
        assertEquals(
                bibtex,
                given().queryParam("release", "1.0.0")
                        .queryParam("format", "bibtex")
                        .when()
                        .get("/v1/dataset/citation")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());

        String ris = given().queryParam("release", "1.0.0")
                .accept("application/x-research-info-systems")
                .when()
                .get("/v1/dataset/citation")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(ris.startsWith("TY  - DATA\r\n") && ris.endsWith("ER  - \r\n"), ris);

        String cff = given().queryParam("release", "1.0.0")
                .queryParam("format", "cff")
                .when()
                .get("/v1/dataset/citation")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/x-cff"))
                .extract()
                .asString();
        JsonNode citation = new ObjectMapper(new YAMLFactory()).readTree(cff);
        assertEquals("1.2.0", citation.path("cff-version").asText());
        assertEquals("dataset", citation.path("type").asText());
        assertEquals("CC-BY-4.0", citation.path("license").asText());
        assertEquals("1.0.0", citation.path("version").asText());
        assertEquals("2026-11-23", citation.path("date-released").asText());
    }

    @Test
    void anUnknownReleaseCannotBeCited() {
        assertProblem(
                given().queryParam("release", "9.9.9")
                        .when()
                        .get("/v1/dataset/citation")
                        .then(),
                404,
                "not-found");
    }
}
