package org.armstrace.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.armstrace.codebook.Codebook;

/**
 * The Frictionless Data Package (v2) descriptor of a release: the dataset's title, licence and
 * sources, and one resource per file, the CSV tables with Table Schemas built from the codebook.
 */
@ApplicationScoped
public class DataPackage {

    /** A file the descriptor lists, with its size and SHA-256. */
    public record Resource(String path, long bytes, String sha256) {}

    /** Descriptive facts of the dataset the descriptor repeats. */
    public record About(String title, String description, String licenseUrl, String author) {}

    public static final List<String> SOURCE_COLUMNS = List.of(
            "case_id",
            "position",
            "publisher",
            "title",
            "published",
            "url",
            "archive_url",
            "source_type",
            "language",
            "supports");
    public static final List<String> COUNT_COLUMNS = List.of("case_id", "count_key", "value", "qualifier", "note");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PARTIAL_DATE = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
    private static final String CASE_ID = "^AT-[0-9]{6}$";
    /** Case columns that always have a value (the others may be empty). */
    private static final Set<String> FILLED = Set.of(
            "id",
            "status",
            "version",
            "created_at",
            "updated_at",
            "event_date",
            "date_precision",
            "geo_precision",
            "case_type",
            "legal_status",
            "context",
            "weapon_3d_role",
            "summary",
            "confidence",
            "uncertain",
            "sources");

    private final Codebook codebook;

    public DataPackage(Codebook codebook) {
        this.codebook = codebook;
    }

    /**
     * The descriptor writer of another codebook: the one a shipped release was cut with, so that its files
     * stay the same bytes whatever later codebooks add.
     */
    public DataPackage with(Codebook other) {
        return new DataPackage(other);
    }

    /** The descriptor; {@code files} maps cases.csv, sources.csv, counts.csv, cases.ndjson and cases.geojson. */
    public ObjectNode descriptor(String version, OffsetDateTime created, About about, Map<String, Resource> files) {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "https://datapackage.org/profiles/2.0/datapackage.json");
        root.put("name", "armstrace");
        root.put("title", about.title());
        root.put("description", about.description());
        root.put("version", version);
        root.put("created", created.format(DateTimeFormatter.ISO_INSTANT));
        root.putArray("keywords")
                .add("3D-printed firearms")
                .add("arms trafficking")
                .add("ghost guns")
                .add("open data");
        root.putArray("licenses")
                .addObject()
                .put("name", "CC-BY-4.0")
                .put("path", about.licenseUrl())
                .put("title", "Creative Commons Attribution 4.0 International");
        root.putArray("contributors")
                .addObject()
                .put("title", about.author())
                .putArray("roles")
                .add("creator");
        root.putArray("sources")
                .addObject()
                .put(
                        "title",
                        "Public reports (news media, official statements, court "
                                + "records, research); every record cites its own, listed in sources.csv")
                .put("path", "sources.csv");
        ArrayNode resources = root.putArray("resources");
        resources.add(table("cases", files.get("cases.csv"), "One row per case record.", casesSchema()));
        resources.add(table(
                "sources",
                files.get("sources.csv"),
                "One row per source of a record, in the record's order.",
                sourcesSchema()));
        resources.add(
                table("counts", files.get("counts.csv"), "One row per count of a record (long form).", countsSchema()));
        resources.add(file(
                "cases-ndjson",
                files.get("cases.ndjson"),
                "ndjson",
                "application/x-ndjson",
                "The case records as JSON, one a line, with the fields of the API's CaseRecord."));
        resources.add(file(
                "cases-geojson",
                files.get("cases.geojson"),
                "geojson",
                "application/geo+json",
                "The case records as a GeoJSON FeatureCollection (records without coordinates have a null geometry)."));
        return root;
    }

    private static ObjectNode table(String name, Resource file, String description, ObjectNode schema) {
        ObjectNode resource = file(name, file, "csv", "text/csv", description);
        resource.put("type", "table");
        resource.putObject("dialect")
                .put("header", true)
                .put("delimiter", ",")
                .put("lineTerminator", "\r\n")
                .put("quoteChar", "\"")
                .put("doubleQuote", true);
        resource.set("schema", schema);
        return resource;
    }

    private static ObjectNode file(String name, Resource file, String format, String mediaType, String description) {
        ObjectNode resource = NODES.objectNode();
        resource.put("name", name);
        resource.put("path", file.path());
        resource.put("description", description);
        resource.put("format", format);
        resource.put("mediatype", mediaType);
        resource.put("encoding", "utf-8");
        resource.put("bytes", file.bytes());
        resource.put("hash", "sha256:" + file.sha256());
        return resource;
    }

    private ObjectNode casesSchema() {
        ObjectNode schema = NODES.objectNode();
        ArrayNode fields = schema.putArray("fields");
        for (String column : RecordFormats.csvColumns()) {
            JsonNode definition = definition(column);
            ObjectNode field = fields.addObject()
                    .put("name", column)
                    .put("description", definition.path("definition").asText());
            ObjectNode constraints = NODES.objectNode();
            CaseCsvColumns.Kind kind = CaseCsvColumns.content(column)
                    .map(CaseCsvColumns.Column::kind)
                    .orElse(CaseCsvColumns.Kind.TEXT);
            String type = definition.path("type").asText();
            switch (kind) {
                case CODES ->
                    field.put("type", "string")
                            .put(
                                    "description",
                                    definition.path("definition").asText() + " In CSV: the codes joined with ';'.");
                case JSON -> field.put("type", type.equals("object") ? "object" : "array");
                case NUMBER -> field.put("type", "number");
                case BOOLEAN -> field.put("type", "boolean");
                case TEXT ->
                    typed(
                            field,
                            constraints,
                            column,
                            type,
                            definition.path("vocabulary").asText(null));
            }
            if (FILLED.contains(column)) {
                constraints.put("required", true);
            }
            if (column.equals("id")) {
                constraints.put("unique", true);
            }
            if (!constraints.isEmpty()) {
                field.set("constraints", constraints);
            }
        }
        schema.putArray("missingValues").add("");
        schema.put("primaryKey", "id");
        return schema;
    }

    private void typed(ObjectNode field, ObjectNode constraints, String column, String type, String vocabulary) {
        switch (type) {
            case "integer" -> field.put("type", "integer");
            case "datetime" -> field.put("type", "datetime");
            case "date" -> {
                field.put("type", "string");
                constraints.put("pattern", PARTIAL_DATE);
            }
            default -> {
                field.put("type", "string");
                if (column.equals("id")) {
                    constraints.put("pattern", CASE_ID);
                } else if (column.equals("country")) {
                    constraints.put("pattern", "^[A-Z]{2}$");
                }
            }
        }
        if (vocabulary != null && !vocabulary.isEmpty()) {
            enumOf(constraints, vocabulary);
        }
    }

    private ObjectNode sourcesSchema() {
        ObjectNode schema = NODES.objectNode();
        ArrayNode fields = schema.putArray("fields");
        fields.add(caseIdField());
        fields.addObject()
                .put("name", "position")
                .put("type", "integer")
                .put("description", "The source's place in the record's list, from 1.")
                .putObject("constraints")
                .put("required", true)
                .put("minimum", 1);
        for (String column : SOURCE_COLUMNS.subList(2, SOURCE_COLUMNS.size())) {
            JsonNode definition = definition("sources[]." + column);
            ObjectNode field = fields.addObject()
                    .put("name", column)
                    .put("type", "string")
                    .put(
                            "description",
                            definition.path("definition").asText()
                                    + (column.equals("supports") ? " In CSV: joined with ';'." : ""));
            ObjectNode constraints = NODES.objectNode();
            if (List.of("publisher", "title", "url", "source_type", "language").contains(column)) {
                constraints.put("required", true);
            }
            if (column.equals("published")) {
                constraints.put("pattern", PARTIAL_DATE);
            }
            if (column.equals("source_type")) {
                enumOf(constraints, "source_type");
            }
            if (!constraints.isEmpty()) {
                field.set("constraints", constraints);
            }
        }
        schema.putArray("missingValues").add("");
        schema.putArray("primaryKey").add("case_id").add("position");
        schema.set("foreignKeys", caseKey());
        return schema;
    }

    private ObjectNode countsSchema() {
        ObjectNode schema = NODES.objectNode();
        ArrayNode fields = schema.putArray("fields");
        fields.add(caseIdField());
        ObjectNode key = fields.addObject()
                .put("name", "count_key")
                .put("type", "string")
                .put("description", "What is counted (vocabulary count_key).");
        enumOf(key.putObject("constraints").put("required", true), "count_key");
        fields.addObject()
                .put("name", "value")
                .put("type", "integer")
                .put(
                        "description",
                        definition("counts.*.value").path("definition").asText())
                .putObject("constraints")
                .put("required", true)
                .put("minimum", 0);
        ObjectNode qualifier = fields.addObject()
                .put("name", "qualifier")
                .put("type", "string")
                .put(
                        "description",
                        definition("counts.*.qualifier").path("definition").asText());
        enumOf(qualifier.putObject("constraints").put("required", true), "count_qualifier");
        fields.addObject()
                .put("name", "note")
                .put("type", "string")
                .put(
                        "description",
                        definition("counts.*.note").path("definition").asText());
        schema.putArray("missingValues").add("");
        schema.putArray("primaryKey").add("case_id").add("count_key");
        schema.set("foreignKeys", caseKey());
        return schema;
    }

    private static ObjectNode caseIdField() {
        ObjectNode field = NODES.objectNode()
                .put("name", "case_id")
                .put("type", "string")
                .put("description", "The record (id in cases.csv).");
        field.putObject("constraints").put("required", true).put("pattern", CASE_ID);
        return field;
    }

    private static ArrayNode caseKey() {
        ArrayNode keys = NODES.arrayNode();
        ObjectNode key = keys.addObject();
        key.putArray("fields").add("case_id");
        key.putObject("reference").put("resource", "cases").putArray("fields").add("id");
        return keys;
    }

    private void enumOf(ObjectNode constraints, String vocabulary) {
        ArrayNode values = constraints.putArray("enum");
        codebook.codes(vocabulary).forEach(values::add);
    }

    private JsonNode definition(String name) {
        return StreamSupport.stream(codebook.document().path("fields").spliterator(), false)
                .filter(f -> f.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the codebook does not define " + name));
    }
}
