package org.armstrace.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.armstrace.api.model.ProblemError;

/**
 * What the server needs to know of the committed {@code openapi.yaml}, read once: for each operation
 * its query parameters, the role it needs ({@code x-required-role}) and the schema of its JSON body;
 * for each path its methods. The contract is the single place where these are written.
 */
@ApplicationScoped
public class Contract {

    private static final String CONTRACT = "META-INF/openapi.yaml";
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");

    /**
     * One operation: its query, path and header parameters by name, the role it needs (or null), its JSON body
     * schema (or null).
     */
    public record Operation(
            String id,
            Map<String, ParameterSpec> queryParameters,
            Map<String, ParameterSpec> pathParameters,
            Map<String, ParameterSpec> headerParameters,
            String requiredRole,
            JsonNode jsonBodySchema) {}

    private final JsonNode schemas;
    private final Map<String, Operation> operations;
    private final Map<Pattern, Set<String>> methodsByPath;

    public Contract() {
        JsonNode root = read();
        this.schemas = root.path("components").path("schemas");
        this.operations = operations(root);
        this.methodsByPath = methods(root);
    }

    public Optional<Operation> operation(String operationId) {
        return Optional.ofNullable(operations.get(operationId));
    }

    /** A copy of a schema of {@code components/schemas}; a missing node for an unknown name. */
    public JsonNode schema(String name) {
        return schemas.path(name).deepCopy();
    }

    /** The methods the contract declares for a request path (with HEAD and OPTIONS), sorted; empty if none. */
    public Set<String> allowedMethods(String path) {
        return methodsByPath.entrySet().stream()
                .filter(e -> e.getKey().matcher(path).matches())
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(Set.of());
    }

    private static Map<String, Operation> operations(JsonNode root) {
        Map<String, Operation> operations = new HashMap<>();
        root.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    JsonNode operation = op.getValue();
                    if (!HTTP_METHODS.contains(op.getKey()) || !operation.has("operationId")) {
                        return;
                    }
                    String id = operation.path("operationId").asText();
                    String role = operation.path("x-required-role").asText(null);
                    operations.put(
                            id,
                            new Operation(
                                    id,
                                    parameters(root, path.getValue(), operation, ProblemError.InEnum.QUERY),
                                    parameters(root, path.getValue(), operation, ProblemError.InEnum.PATH),
                                    parameters(root, path.getValue(), operation, ProblemError.InEnum.HEADER),
                                    role,
                                    jsonBodySchema(root, operation)));
                }));
        return Map.copyOf(operations);
    }

    private static Map<String, ParameterSpec> parameters(
            JsonNode root, JsonNode pathItem, JsonNode operation, ProblemError.InEnum in) {
        Map<String, ParameterSpec> params = new LinkedHashMap<>();
        List<JsonNode> declared = new ArrayList<>();
        pathItem.path("parameters").forEach(declared::add);
        operation.path("parameters").forEach(declared::add);
        for (JsonNode ref : declared) {
            JsonNode param = resolve(root, ref);
            if (in.toString().equals(param.path("in").asText())) {
                String name = param.path("name").asText();
                params.put(
                        name,
                        new ParameterSpec(
                                name, in, param.path("required").asBoolean(false), inline(root, param.path("schema"))));
            }
        }
        return Collections.unmodifiableMap(params);
    }

    /** The schema of an {@code application/json} or {@code application/merge-patch+json} body, or null. */
    private static JsonNode jsonBodySchema(JsonNode root, JsonNode operation) {
        JsonNode content = resolve(root, operation.path("requestBody")).path("content");
        for (String type : List.of("application/json", "application/merge-patch+json")) {
            if (content.has(type)) {
                return content.get(type).path("schema");
            }
        }
        return null;
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
            String regex = Arrays.stream(path.getKey().split("\\{[^}]+}", -1))
                    .map(Pattern::quote)
                    .collect(Collectors.joining("[^/]+"));
            methods.put(Pattern.compile(regex), Collections.unmodifiableSet(allowed));
        });
        return methods;
    }

    /** The schema with every {@code $ref} below it replaced by its target. */
    private static JsonNode inline(JsonNode root, JsonNode schema) {
        JsonNode resolved = resolve(root, schema).deepCopy();
        if (resolved.isObject()) {
            ObjectNode object = (ObjectNode) resolved;
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
