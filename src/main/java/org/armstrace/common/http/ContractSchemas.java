package org.armstrace.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a schema of the contract into a standalone JSON Schema (draft 2020-12): the schemas it
 * references become {@code $defs}, OpenAPI's {@code example} becomes {@code examples}.
 */
public final class ContractSchemas {

    private static final String COMPONENTS = "#/components/schemas/";

    private ContractSchemas() {}

    /** A standalone JSON Schema of {@code schema} (which may be or contain references into the contract). */
    public static ObjectNode standalone(Contract contract, JsonNode schema, String id, String title) {
        Map<String, JsonNode> defs = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>();
        JsonNode root = convert(schema, pending);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!defs.containsKey(name)) {
                defs.put(name, convert(contract.schema(name), pending));
            }
        }
        ObjectNode out = JsonNodeFactory.instance
                .objectNode()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("$id", id)
                .put("title", title);
        root.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        if (!defs.isEmpty()) {
            ObjectNode defsNode = out.putObject("$defs");
            defs.forEach(defsNode::set);
        }
        return out;
    }

    private static JsonNode convert(JsonNode node, Deque<String> pending) {
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(convert(item, pending)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        node.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.equals("$ref") && value.asText().startsWith(COMPONENTS)) {
                String name = value.asText().substring(COMPONENTS.length());
                pending.push(name);
                out.put("$ref", "#/$defs/" + name);
            } else if (key.equals("example")) {
                out.putArray("examples").add(value);
            } else if (!key.equals("externalDocs")) {
                out.set(key, key.equals("properties") ? convertProperties(value, pending) : convert(value, pending));
            }
        });
        return out;
    }

    /** Property names are names, not keywords: convert only their schemas. */
    private static JsonNode convertProperties(JsonNode properties, Deque<String> pending) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        properties.properties().forEach(e -> out.set(e.getKey(), convert(e.getValue(), pending)));
        return out;
    }
}
