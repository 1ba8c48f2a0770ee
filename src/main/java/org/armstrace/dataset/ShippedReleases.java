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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.armstrace.api.model.CaseInput;

/**
 * The releases of the dataset that ship in the jar, oldest first: {@code dataset/releases/index.json}
 * lists their versions, and each has a folder with its {@code manifest.json}. A fresh install applies
 * them in order; a later version of ArmsTrace adds a folder and a line of the index.
 */
public record ShippedReleases(List<ShippedRelease> all) {

    public static final String ROOT = "dataset/releases/";

    /** A mapper that refuses unknown fields (no field can smuggle in a name) and fractional counts. */
    public static ObjectMapper strict(ObjectMapper base) {
        return base.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** Reads every shipped release from the class path with a {@link #strict} mapper. */
    public static ShippedReleases read(ObjectMapper json) {
        List<ShippedRelease> releases = new ArrayList<>();
        String previous = null;
        for (String version : versions(json)) {
            ShippedRelease release = release(json, version);
            if (!java.util.Objects.equals(previous, release.previousVersion())) {
                throw new IllegalStateException("Shipped release " + release.version() + " follows "
                        + release.previousVersion() + " but the index puts it after " + previous);
            }
            releases.add(release);
            previous = release.version();
        }
        return new ShippedReleases(List.copyOf(releases));
    }

    /** The shipped versions, oldest first, as the index lists them (without reading the releases). */
    public static List<String> versions(ObjectMapper json) {
        List<String> versions = new ArrayList<>();
        resource(json, ROOT + "index.json").path("releases").forEach(v -> versions.add(v.asText()));
        return versions;
    }

    public Optional<ShippedRelease> find(String version) {
        return all.stream().filter(r -> r.version().equals(version)).findFirst();
    }

    public ShippedRelease first() {
        return all.get(0);
    }

    public ShippedRelease latest() {
        return all.get(all.size() - 1);
    }

    /** The records of the dataset as the given release ships it: every earlier release applied, in id order. */
    public List<ShippedRelease.Entry> recordsAt(String version) {
        Map<String, CaseInput> records = new LinkedHashMap<>();
        for (ShippedRelease release : all) {
            release.added().forEach(e -> records.put(e.id(), e.content()));
            release.corrected().forEach(c -> records.put(c.id(), c.content()));
            if (release.version().equals(version)) {
                return records.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> new ShippedRelease.Entry(e.getKey(), e.getValue()))
                        .toList();
            }
        }
        throw new IllegalArgumentException("No shipped release " + version);
    }

    private static ShippedRelease release(ObjectMapper json, String version) {
        String folder = ROOT + version + "/";
        JsonNode manifest = resource(json, folder + "manifest.json");
        if (!version.equals(manifest.path("version").asText())) {
            throw new IllegalStateException(folder + "manifest.json names version " + manifest.path("version"));
        }
        try {
            List<ShippedRelease.Entry> added = new ArrayList<>();
            if (manifest.hasNonNull("added")) {
                for (JsonNode node :
                        resource(json, folder + manifest.path("added").asText())) {
                    ObjectNode content = (ObjectNode) node.deepCopy();
                    String id = content.remove("id").asText();
                    added.add(new ShippedRelease.Entry(id, json.treeToValue(content, CaseInput.class)));
                }
            }
            List<ShippedRelease.Correction> corrected = new ArrayList<>();
            if (manifest.hasNonNull("corrected")) {
                for (JsonNode node :
                        resource(json, folder + manifest.path("corrected").asText())) {
                    corrected.add(new ShippedRelease.Correction(
                            node.path("id").asText(),
                            node.path("note").asText(),
                            json.treeToValue(node.path("record"), CaseInput.class)));
                }
            }
            return new ShippedRelease(
                    version,
                    OffsetDateTime.parse(manifest.path("released_at").asText()),
                    manifest.hasNonNull("previous_version")
                            ? manifest.path("previous_version").asText()
                            : null,
                    manifest.path("notes").asText(),
                    List.copyOf(added),
                    List.copyOf(corrected),
                    resource(json, folder + manifest.path("codebook").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("Shipped release " + version + " cannot be read", e);
        }
    }

    private static JsonNode resource(ObjectMapper json, String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " cannot be read", e);
        }
    }
}
