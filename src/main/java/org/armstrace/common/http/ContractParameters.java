package org.armstrace.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query parameters that each operation of the contract declares, read once from the committed
 * {@code openapi.yaml}. The contract is the single place where parameters, types and bounds are written.
 */
@ApplicationScoped
public class ContractParameters {

    private static final String CONTRACT = "META-INF/openapi.yaml";

    private final Map<String, Map<String, ParameterSpec>> byOperation;

    public ContractParameters() {
        this.byOperation = load();
    }

    /** The query parameters of an operation, by name, in the contract's order; empty for unknown ids. */
    public Optional<Map<String, ParameterSpec>> queryParameters(String operationId) {
        return Optional.ofNullable(byOperation.get(operationId));
    }

    private static Map<String, Map<String, ParameterSpec>> load() {
        JsonNode root = read();
        Map<String, Map<String, ParameterSpec>> operations = new HashMap<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode operation = op.getValue();
            if (!operation.has("operationId")) {
                return;
            }
            Map<String, ParameterSpec> params = new LinkedHashMap<>();
            List<JsonNode> declared = new ArrayList<>();
            path.getValue().path("parameters").forEach(declared::add);
            operation.path("parameters").forEach(declared::add);
            for (JsonNode ref : declared) {
                JsonNode param = resolve(root, ref);
                if ("query".equals(param.path("in").asText())) {
                    String name = param.path("name").asText();
                    params.put(name, new ParameterSpec(name, param.path("required").asBoolean(false),
                            inline(root, param.path("schema"))));
                }
            }
            operations.put(operation.path("operationId").asText(), params);
        }));
        return Map.copyOf(operations);
    }

    /** The schema with every {@code $ref} below it replaced by its target. */
    private static JsonNode inline(JsonNode root, JsonNode schema) {
        JsonNode resolved = resolve(root, schema).deepCopy();
        if (resolved.isObject()) {
            var object = (com.fasterxml.jackson.databind.node.ObjectNode) resolved;
            object.properties().forEach(e -> object.set(e.getKey(), inline(root, e.getValue())));
        }
        return resolved;
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalStateException("Contract reference not found: " + ref);
            }
        }
        return current;
    }

    private static JsonNode read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT + " is missing from the class path");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
