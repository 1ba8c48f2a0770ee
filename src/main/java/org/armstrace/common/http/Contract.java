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
import java.util.Set;
import java.util.TreeSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the server needs to know of the committed {@code openapi.yaml}, read once: the query parameters
 * of each operation and the methods of each path. The contract is the single place where they are written.
 */
@ApplicationScoped
public class Contract {

    private static final String CONTRACT = "META-INF/openapi.yaml";
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final Map<String, Map<String, ParameterSpec>> byOperation;
    private final Map<Pattern, Set<String>> methodsByPath;
    private final JsonNode schemas;

    public Contract() {
        JsonNode root = read();
        this.byOperation = parameters(root);
        this.methodsByPath = methods(root);
        this.schemas = root.path("components").path("schemas");
    }

    /** A copy of a schema of {@code components/schemas}; missing node for an unknown name. */
    public JsonNode schema(String name) {
        return schemas.path(name).deepCopy();
    }

    /** The methods the contract declares for a request path (HEAD with GET), in a stable order; empty if none. */
    public Set<String> allowedMethods(String path) {
        return methodsByPath.entrySet().stream().filter(e -> e.getKey().matcher(path).matches())
                .map(Map.Entry::getValue).findFirst().orElse(Set.of());
    }

    /** The query parameters of an operation, by name, in the contract's order; empty for unknown ids. */
    public Optional<Map<String, ParameterSpec>> queryParameters(String operationId) {
        return Optional.ofNullable(byOperation.get(operationId));
    }

    private static Map<Pattern, Set<String>> methods(JsonNode root) {
        Map<Pattern, Set<String>> methods = new LinkedHashMap<>();
        root.path("paths").properties().forEach(path -> {
            Set<String> allowed = new TreeSet<>();
            path.getValue().properties().forEach(op -> {
                if (HTTP_METHODS.contains(op.getKey())) {
                    allowed.add(op.getKey().toUpperCase(Locale.ROOT));
                }
            });
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            allowed.add("OPTIONS");
            String regex = Arrays.stream(path.getKey().split("\\{[^}]+}", -1)).map(Pattern::quote)
                    .collect(Collectors.joining("[^/]+"));
            methods.put(Pattern.compile(regex), Collections.unmodifiableSet(allowed));
        });
        return methods;
    }

    private static Map<String, Map<String, ParameterSpec>> parameters(JsonNode root) {
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
