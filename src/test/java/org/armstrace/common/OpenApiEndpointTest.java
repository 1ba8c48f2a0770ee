package org.armstrace.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiEndpointTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void servesTheCommittedContract() throws IOException {
        JsonNode committed = YAML.readTree(Path.of("openapi", "openapi.yaml").toFile());
        String served = given().when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(committed, YAML.readTree(served));
        String servedJson = given().accept("application/json")
                .when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(committed, new ObjectMapper().readTree(servedJson));
    }

    @Test
    void swaggerUiIsThere() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
