package org.armstrace.releases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The data package of a release is a valid Frictionless Data Package v2 (checked against the
 * standard's own JSON Schema profiles), and it describes the files it ships with.
 */
@QuarkusTest
class DataPackageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "1.1.0"})
    void theDescriptorValidatesAgainstTheFrictionlessV2Profiles(String version) throws Exception {
        JsonNode descriptor = JSON.readTree(file(version, "datapackage.json"));
        assertEquals(List.of(), errors(profile("datapackage.json"), descriptor), "Data Package v2 profile");
        Schema tableSchema = profile("tableschema.json");
        for (JsonNode resource : descriptor.path("resources")) {
            if (resource.has("schema")) {
                assertEquals(
                        List.of(),
                        errors(tableSchema, resource.path("schema")),
                        resource.path("name") + ": Table Schema");
            }
        }
        assertEquals(
                "https://datapackage.org/profiles/2.0/datapackage.json",
                descriptor.path("$schema").asText());
        assertEquals(version, descriptor.path("version").asText());
        assertEquals("CC-BY-4.0", descriptor.at("/licenses/0/name").asText());
        assertTrue(descriptor.path("sources").size() > 0, "sources");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "1.1.0"})
    void everyTableResourceDescribesItsFileHeaderSizeAndHash(String version) throws Exception {
        JsonNode descriptor = JSON.readTree(file(version, "datapackage.json"));
        List<String> names = new ArrayList<>();
        for (JsonNode resource : descriptor.path("resources")) {
            String path = resource.path("path").asText();
            names.add(path);
            byte[] bytes = file(version, path);
            assertEquals(bytes.length, resource.path("bytes").asLong(), path);
            assertEquals(
                    "sha256:" + ReleasesTest.sha256(bytes),
                    resource.path("hash").asText(),
                    path);
            if (!resource.has("schema")) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            resource.at("/schema/fields").forEach(f -> fields.add(f.path("name").asText()));
            List<List<String>> rows = csv(bytes);
            assertEquals(fields, rows.get(0), path + ": header = Table Schema fields");
            for (int i = 0; i < fields.size(); i++) {
                JsonNode field = resource.at("/schema/fields/" + i);
                for (List<String> row : rows.subList(1, rows.size())) {
                    String cell = row.get(i);
                    if (field.at("/constraints/required").asBoolean()) {
                        assertTrue(
                                !cell.isEmpty(),
                                path + ": " + fields.get(i) + " is required but empty in " + row.get(0));
                    }
                    if (field.at("/constraints/enum").isArray() && !cell.isEmpty()) {
                        List<String> allowed = new ArrayList<>();
                        field.at("/constraints/enum").forEach(v -> allowed.add(v.asText()));
                        assertTrue(
                                allowed.contains(cell),
                                path + ": " + fields.get(i) + " = " + cell + " not in " + allowed);
                    }
                    if (field.at("/constraints/pattern").isTextual() && !cell.isEmpty()) {
                        assertTrue(
                                cell.matches(field.at("/constraints/pattern").asText()),
                                path + ": " + fields.get(i) + " = " + cell);
                    }
                }
            }
        }
        assertEquals(List.of("cases.csv", "sources.csv", "counts.csv", "cases.ndjson", "cases.geojson"), names);
    }

    private static List<List<String>> csv(byte[] bytes) throws Exception {
        CsvMapper mapper =
                CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        List<List<String>> rows = new ArrayList<>();
        try (var it = mapper.readerForListOf(String.class).<List<String>>readValues(bytes)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static List<String> errors(Schema schema, JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    private static Schema profile(String name) throws Exception {
        try (InputStream in = DataPackageTest.class.getResourceAsStream("/frictionless-v2/" + name)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(JSON.readTree(in));
        }
    }

    private static byte[] file(String version, String name) {
        return given().when()
                .get("/v1/releases/" + version + "/files/" + name)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }
}
