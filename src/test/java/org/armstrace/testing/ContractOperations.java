package org.armstrace.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The operations of {@code openapi/openapi.yaml} as tests need them: method, path template, declared
 * statuses, required role, parameters and body media types. Tests that are driven by the contract
 * (every path, every GET, every write...) read them here, and the contract filter uses them to find
 * which operation answered a response.
 */
public final class ContractOperations {

    public static final List<String> HTTP_METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH");

    private static volatile ContractOperations loaded;

    /** One parameter of an operation. */
    public record Parameter(String name, String in, boolean required) {}

    /** One operation of the contract; {@code statuses} are the declared ones, {@code default} apart. */
    public record Operation(
            String id,
            String method,
            String path,
            Pattern pattern,
            SortedSet<Integer> statuses,
            boolean hasDefault,
            String requiredRole,
            List<Parameter> parameters,
            List<String> bodyTypes) {

        public boolean declares(int status) {
            return statuses.contains(status);
        }

        public boolean hasParameter(String in, String name) {
            return parameters.stream()
                    .anyMatch(p -> p.in().equals(in) && p.name().equalsIgnoreCase(name));
        }

        public List<Parameter> parameters(String in) {
            return parameters.stream().filter(p -> p.in().equals(in)).toList();
        }

        public boolean matches(String rawPath) {
            return pattern.matcher(rawPath).matches();
        }

        @Override
        public String toString() {
            return id + " (" + method + " " + path + ")";
        }
    }

    private final List<Operation> operations;

    private ContractOperations(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    /** The operations of the committed contract, read once. */
    public static ContractOperations load() {
        ContractOperations current = loaded;
        if (current == null) {
            synchronized (ContractOperations.class) {
                if (loaded == null) {
                    loaded = read(Path.of("openapi", "openapi.yaml"));
                }
                current = loaded;
            }
        }
        return current;
    }

    public List<Operation> all() {
        return operations;
    }

    /** The path templates, in the contract's order. */
    public List<String> paths() {
        return operations.stream().map(Operation::path).distinct().toList();
    }

    public List<Operation> onTemplate(String template) {
        return operations.stream().filter(o -> o.path().equals(template)).toList();
    }

    /**
     * The operations of the path template that a request path matches (the most literal template when
     * several do), or none when the contract does not describe the path.
     */
    public List<Operation> onPath(String rawPath) {
        return operations.stream()
                .filter(o -> o.matches(rawPath))
                .min(Comparator.comparingLong(
                        o -> o.path().chars().filter(c -> c == '{').count()))
                .map(best -> onTemplate(best.path()))
                .orElse(List.of());
    }

    public Optional<Operation> find(String method, String rawPath) {
        return onPath(rawPath).stream()
                .filter(o -> o.method().equalsIgnoreCase(method))
                .findFirst();
    }

    public Operation byId(String operationId) {
        return operations.stream()
                .filter(o -> o.id().equals(operationId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operation " + operationId + " in the contract"));
    }

    /** What a path's {@code Allow} header should say: its methods, HEAD with GET, and OPTIONS. */
    public Set<String> allowedMethods(String template) {
        Set<String> allowed =
                onTemplate(template).stream().map(Operation::method).collect(Collectors.toCollection(TreeSet::new));
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return allowed;
    }

    private static ContractOperations read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> operations = new ArrayList<>();
        root.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    String method = entry.getKey().toUpperCase(Locale.ROOT);
                    if (!HTTP_METHODS.contains(method)) {
                        return;
                    }
                    JsonNode op = entry.getValue();
                    SortedSet<Integer> statuses = new TreeSet<>();
                    op.path("responses").fieldNames().forEachRemaining(status -> {
                        if (!status.equals("default")) {
                            statuses.add(Integer.parseInt(status));
                        }
                    });
                    List<Parameter> parameters = new ArrayList<>();
                    List<JsonNode> declared = new ArrayList<>();
                    path.getValue().path("parameters").forEach(declared::add);
                    op.path("parameters").forEach(declared::add);
                    for (JsonNode ref : declared) {
                        JsonNode p = resolve(root, ref);
                        parameters.add(new Parameter(
                                p.path("name").asText(),
                                p.path("in").asText(),
                                p.path("required").asBoolean(false)));
                    }
                    List<String> bodyTypes = new ArrayList<>();
                    resolve(root, op.path("requestBody"))
                            .path("content")
                            .fieldNames()
                            .forEachRemaining(bodyTypes::add);
                    operations.add(new Operation(
                            op.path("operationId").asText(),
                            method,
                            path.getKey(),
                            template(path.getKey()),
                            statuses,
                            op.path("responses").has("default"),
                            op.path("x-required-role").asText(null),
                            List.copyOf(parameters),
                            List.copyOf(bodyTypes)));
                }));
        return new ContractOperations(operations);
    }

    private static Pattern template(String path) {
        return Pattern.compile(
                Arrays.stream(path.split("\\{[^}]+}", -1)).map(Pattern::quote).collect(Collectors.joining("[^/]+")));
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = root.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }
}
