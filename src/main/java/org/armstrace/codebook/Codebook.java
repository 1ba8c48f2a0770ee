package org.armstrace.codebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The codebook that ships with the dataset ({@code dataset/codebook.json}): every field of a case
 * record and every controlled vocabulary, each value with a label and a definition.
 */
@ApplicationScoped
public class Codebook {

    public static final String RESOURCE = "dataset/codebook.json";

    private final JsonNode document;
    private final Map<String, Set<String>> vocabularies;

    public Codebook() {
        this(read());
    }

    /** A codebook other than the live one: the one a shipped release was cut with. */
    public static Codebook of(JsonNode document) {
        return new Codebook(document);
    }

    Codebook(JsonNode document) {
        this.document = document;
        this.vocabularies = StreamSupport.stream(document.path("vocabularies").spliterator(), false)
                .collect(Collectors.toUnmodifiableMap(
                        v -> v.path("name").asText(),
                        v -> StreamSupport.stream(v.path("values").spliterator(), false)
                                .map(value -> value.path("code").asText())
                                .collect(Collectors.toCollection(LinkedHashSet::new))));
    }

    public String version() {
        return document.path("version").asText();
    }

    /** The whole codebook as published. */
    public JsonNode document() {
        return document;
    }

    /** The codes of a vocabulary, in the codebook's order; empty for an unknown name. */
    public Set<String> codes(String vocabulary) {
        return vocabularies.getOrDefault(vocabulary, Set.of());
    }

    private static JsonNode read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The codebook cannot be read", e);
        }
    }
}
