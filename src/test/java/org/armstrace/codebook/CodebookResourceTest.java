package org.armstrace.codebook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CodebookResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void servesTheShippedCodebook() throws Exception {
        String body = given().when()
                .get("/v1/codebook")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString();
        try (var in = getClass().getClassLoader().getResourceAsStream(Codebook.RESOURCE)) {
            assertEquals(JSON.readTree(in), JSON.readTree(body));
        }
    }

    @Test
    void everyPublishedRecordValidatesAgainstTheServedJsonSchema() throws Exception {
        String schemaText = given().when()
                .get("/v1/codebook/schema")
                .then()
                .statusCode(200)
                .contentType("application/schema+json")
                .extract()
                .asString();
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(JSON.readTree(schemaText));
        JsonNode records = JSON.readTree(given().when()
                        .get("/v1/cases?limit=500")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .path("items");
        assertTrue(records.size() >= 46, "the shipped dataset and whatever other tests published");
        for (JsonNode record : records) {
            assertEquals(
                    List.of(),
                    schema.validate(record).stream().map(Object::toString).toList(),
                    record.path("id").asText());
        }
        JsonNode broken = records.get(0).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken).put("case_type", "shooting");
        assertEquals(1, schema.validate(broken).size(), "the schema must refuse a value outside the vocabulary");
    }
}
