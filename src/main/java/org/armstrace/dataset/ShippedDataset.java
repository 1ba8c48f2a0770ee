package org.armstrace.dataset;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.armstrace.api.model.CaseInput;

/**
 * The dataset that ships in the jar ({@code dataset/cases.json}): its version, the time it was
 * released, and its records: each a public id and the curated content ({@code CaseInput}).
 */
public record ShippedDataset(String version, OffsetDateTime releasedAt, List<Entry> records) {

    /** One shipped record: its public id and its curated content. */
    public record Entry(String id, CaseInput content) {}

    public static final String RESOURCE = "dataset/cases.json";

    /** A mapper that refuses unknown fields (no field can smuggle in a name) and fractional counts. */
    public static ObjectMapper strict(ObjectMapper base) {
        return base.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** Reads the shipped dataset from the class path with a {@link #strict} mapper. */
    public static ShippedDataset read(ObjectMapper json) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(json.readTree(in), json);
        } catch (IOException e) {
            throw new UncheckedIOException("The shipped dataset cannot be read", e);
        }
    }

    static ShippedDataset parse(JsonNode root, ObjectMapper json) throws IOException {
        String released = root.path("released_at").asText();
        List<Entry> records = new ArrayList<>();
        for (JsonNode node : root.path("records")) {
            ObjectNode content = (ObjectNode) node.deepCopy();
            String id = content.remove("id").asText();
            records.add(new Entry(id, json.treeToValue(content, CaseInput.class)));
        }
        return new ShippedDataset(root.path("dataset_version").asText(), OffsetDateTime.parse(released), records);
    }
}
