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
import org.armstrace.api.model.CaseRecord;

/**
 * The dataset that ships in the jar ({@code dataset/cases.json}): its version, the time it was
 * released, and its records. The file holds the curated fields of each record; reading it adds the
 * server-managed ones (status, version, timestamps) of a first publication.
 */
public record ShippedDataset(String version, OffsetDateTime releasedAt, List<CaseRecord> records) {

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
        List<CaseRecord> records = new ArrayList<>();
        for (JsonNode node : root.path("records")) {
            records.add(json.treeToValue(asPublished(node, released), CaseRecord.class));
        }
        return new ShippedDataset(root.path("dataset_version").asText(), OffsetDateTime.parse(released), records);
    }

    /** A curated record of the file with the server-managed fields of a first publication. */
    public static ObjectNode asPublished(JsonNode curated, String releasedAt) {
        return ((ObjectNode) curated.deepCopy())
                .put("status", "published").put("version", 1)
                .put("created_at", releasedAt).put("updated_at", releasedAt);
    }
}
