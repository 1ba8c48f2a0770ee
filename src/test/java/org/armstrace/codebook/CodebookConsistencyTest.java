package org.armstrace.codebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The codebook, the contract and the data tell the same story, value for value and field for field. */
class CodebookConsistencyTest {

    private static final Codebook CODEBOOK = new Codebook();
    private static final JsonNode CONTRACT = readContract();
    private static final JsonNode RECORDS = readRecords();

    /** Vocabulary name -> where its codes are in the contract's schemas. */
    private static final Map<String, String> CONTRACT_ENUMS = Map.ofEntries(
            Map.entry("case_type", "/CaseType/enum"),
            Map.entry("legal_status", "/LegalStatus/enum"),
            Map.entry("context", "/Context/enum"),
            Map.entry("weapon_3d_role", "/Weapon3dRole/enum"),
            Map.entry("channel", "/Channel/enum"),
            Map.entry("payment_method", "/PaymentMethod/enum"),
            Map.entry("confidence", "/Confidence/enum"),
            Map.entry("count_qualifier", "/CountQualifier/enum"),
            Map.entry("date_precision", "/DatePrecision/enum"),
            Map.entry("geo_precision", "/GeoPrecision/enum"),
            Map.entry("price_unit", "/Price/properties/unit/enum"),
            Map.entry("source_type", "/Source/properties/source_type/enum"),
            Map.entry("person_role", "/Person/properties/role/enum"),
            Map.entry("gender", "/Person/properties/gender/enum"),
            Map.entry("status", "/CaseRecord/properties/status/enum"));

    /** Query parameter -> vocabulary it filters on. */
    private static final Map<String, String> FILTERS = Map.of(
            "CaseType",
            "case_type",
            "Context",
            "context",
            "Weapon3dRole",
            "weapon_3d_role",
            "Channel",
            "channel",
            "LegalStatus",
            "legal_status",
            "ConfidenceFilter",
            "confidence",
            "PaymentMethod",
            "payment_method",
            "SourceType",
            "source_type");

    @Test
    void everyVocabularyOfTheCodebookIsTheContractsEnum() {
        CONTRACT_ENUMS.forEach((vocabulary, pointer) -> assertEquals(
                codes(CONTRACT.at("/components/schemas" + pointer)),
                CODEBOOK.codes(vocabulary),
                vocabulary + ": codebook and contract differ"));
        FILTERS.forEach((parameter, vocabulary) -> assertEquals(
                codes(CONTRACT.at("/components/parameters/" + parameter + "/schema/items/enum")),
                CODEBOOK.codes(vocabulary),
                parameter + " filter and codebook differ"));
    }

    @Test
    void everyValueUsedInTheDataIsInTheCodebook() {
        Map<String, Set<String>> used = new TreeMap<>();
        for (JsonNode r : RECORDS) {
            add(used, "case_type", r.path("case_type"));
            add(used, "legal_status", r.path("legal_status"));
            add(used, "context", r.path("context"));
            add(used, "weapon_3d_role", r.path("weapon_3d_role"));
            add(used, "confidence", r.path("confidence"));
            add(used, "date_precision", r.path("date_precision"));
            add(used, "geo_precision", r.path("geo_precision"));
            r.path("channels").forEach(v -> add(used, "channel", v));
            r.path("payment_methods").forEach(v -> add(used, "payment_method", v));
            r.path("prices").forEach(p -> add(used, "price_unit", p.path("unit")));
            r.path("counts").properties().forEach(e -> {
                used.computeIfAbsent("count_key", k -> new TreeSet<>()).add(e.getKey());
                add(used, "count_qualifier", e.getValue().path("qualifier"));
            });
            r.path("metrics").forEach(m -> add(used, "count_qualifier", m.path("qualifier")));
            r.path("people").forEach(p -> {
                add(used, "person_role", p.path("role"));
                add(used, "gender", p.path("gender"));
            });
            r.path("sources").forEach(s -> add(used, "source_type", s.path("source_type")));
        }
        used.forEach((vocabulary, values) -> {
            Set<String> missing = new TreeSet<>(values);
            missing.removeAll(CODEBOOK.codes(vocabulary));
            assertEquals(Set.of(), missing, vocabulary + " values used in the data but not in the codebook");
        });
        assertTrue(used.keySet().containsAll(List.of("case_type", "count_key", "person_role", "source_type")));
    }

    @Test
    void everyFieldOfARecordIsDefinedAndEveryDefinedFieldExists() {
        Set<String> defined = StreamSupport.stream(
                        CODEBOOK.document().path("fields").spliterator(), false)
                .map(f -> f.path("name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> actual = new TreeSet<>();
        JsonNode schemas = CONTRACT.at("/components/schemas");
        fieldPaths(schemas, schemas.path("CaseRecord"), "", actual);
        assertEquals(actual, defined);
    }

    @Test
    void everyValueHasALabelAndADefinition() {
        CODEBOOK.document().path("vocabularies").forEach(v -> {
            assertTrue(v.path("rationale").asText().length() > 20, v.path("name") + " needs a rationale");
            v.path("values").forEach(value -> {
                assertTrue(!value.path("label").asText().isBlank(), value + " needs a label");
                assertTrue(value.path("definition").asText().length() > 10, value + " needs a definition");
            });
        });
        CODEBOOK.document()
                .path("fields")
                .forEach(f -> assertTrue(
                        f.path("definition").asText().length() > 10, f.path("name") + " needs a definition"));
    }

    /** Field paths as the codebook writes them: a, a[].b for arrays of objects, a.* and a.*.b for maps. */
    private static void fieldPaths(JsonNode schemas, JsonNode schema, String prefix, Set<String> out) {
        schema.path("properties").properties().forEach(e -> {
            String name = prefix + e.getKey();
            out.add(name);
            JsonNode property = e.getValue();
            JsonNode items = resolve(schemas, property.path("items"));
            if (items.has("properties")) {
                fieldPaths(schemas, items, name + "[].", out);
            }
            JsonNode values = resolve(schemas, property.path("additionalProperties"));
            if (values.has("properties")) {
                out.add(name + ".*");
                fieldPaths(schemas, values, name + ".*.", out);
            }
        });
    }

    private static JsonNode resolve(JsonNode schemas, JsonNode node) {
        return node.has("$ref") ? schemas.path(node.get("$ref").asText().replace("#/components/schemas/", "")) : node;
    }

    private static void add(Map<String, Set<String>> used, String vocabulary, JsonNode value) {
        if (value.isTextual()) {
            used.computeIfAbsent(vocabulary, k -> new TreeSet<>()).add(value.asText());
        }
    }

    private static Set<String> codes(JsonNode array) {
        assertTrue(array.isArray(), "not an enum: " + array);
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static JsonNode readContract() {
        try {
            return new ObjectMapper(new YAMLFactory())
                    .readTree(Path.of("openapi", "openapi.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of every shipped release: those each adds and those it corrects. */
    private static JsonNode readRecords() {
        ObjectMapper json = new ObjectMapper();
        var records = json.createArrayNode();
        for (JsonNode version : resource(json, "dataset/releases/index.json").path("releases")) {
            String folder = "dataset/releases/" + version.asText() + "/";
            JsonNode manifest = resource(json, folder + "manifest.json");
            if (manifest.hasNonNull("added")) {
                resource(json, folder + manifest.path("added").asText()).forEach(records::add);
            }
            if (manifest.hasNonNull("corrected")) {
                resource(json, folder + manifest.path("corrected").asText())
                        .forEach(c -> records.add(c.path("record")));
            }
        }
        return records;
    }

    private static JsonNode resource(ObjectMapper json, String name) {
        try (var in = CodebookConsistencyTest.class.getClassLoader().getResourceAsStream(name)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
