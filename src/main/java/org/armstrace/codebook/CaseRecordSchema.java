package org.armstrace.codebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import org.armstrace.common.http.Contract;

/**
 * The JSON Schema (draft 2020-12) of a case record, built once from the contract's {@code CaseRecord}
 * schema and the schemas it references, so that the two can never disagree.
 */
@ApplicationScoped
public class CaseRecordSchema {

    private static final String COMPONENTS = "#/components/schemas/";
    private static final String ROOT = "CaseRecord";

    private final ObjectNode schema;

    public CaseRecordSchema(Contract contract) {
        this.schema = build(contract);
    }

    public JsonNode document() {
        return schema;
    }

    private static ObjectNode build(Contract contract) {
        Map<String, JsonNode> defs = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>();
        JsonNode root = convert(contract.schema(ROOT), pending);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!defs.containsKey(name)) {
                defs.put(name, convert(contract.schema(name), pending));
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("$id", "/v1/codebook/schema")
                .put("title", "ArmsTrace case record");
        root.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        ObjectNode defsNode = out.putObject("$defs");
        defs.forEach(defsNode::set);
        return out;
    }

    /** Rewrites references to {@code $defs}, turns OpenAPI's {@code example} into {@code examples}, drops externalDocs. */
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
                out.set(key, key.equals("properties") ? convertMap(value, pending) : convert(value, pending));
            }
        });
        return out;
    }

    /** Property names are names, not keywords: convert only their schemas. */
    private static JsonNode convertMap(JsonNode properties, Deque<String> pending) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        properties.properties().forEach(e -> out.set(e.getKey(), convert(e.getValue(), pending)));
        return out;
    }
}
