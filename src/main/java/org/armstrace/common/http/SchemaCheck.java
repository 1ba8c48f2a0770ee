package org.armstrace.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.stream.StreamSupport;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.error.ApiProblem;

/**
 * A JSON document checked against a schema of the contract, every violation reported with the JSON path
 * of the field and a stable rule name (the JSON Schema keyword; {@code unknown_field} and
 * {@code required} for missing and extra fields).
 */
public final class SchemaCheck {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Schema schema;

    private SchemaCheck(Schema schema) {
        this.schema = schema;
    }

    public static SchemaCheck of(Contract contract, JsonNode schema, String name) {
        return new SchemaCheck(
                REGISTRY.getSchema(ContractSchemas.standalone(contract, schema, "urn:armstrace:" + name, name)));
    }

    public List<ProblemError> check(JsonNode document) {
        return schema.validate(document).stream()
                .map(SchemaCheck::toProblemError)
                .toList();
    }

    private static ProblemError toProblemError(Error error) {
        String at = path(error.getInstanceLocation().toString());
        String keyword = error.getKeyword();
        if (("additionalProperties".equals(keyword) || "required".equals(keyword)) && error.getProperty() != null) {
            String field = at.isEmpty() ? error.getProperty() : at + "." + error.getProperty();
            boolean unknown = "additionalProperties".equals(keyword);
            return ApiProblem.error(
                    field,
                    ProblemError.InEnum.BODY,
                    unknown ? "unknown_field" : "required",
                    unknown ? "is not a field here; check the name against the codebook" : "is required");
        }
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        String detail = colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
        JsonNode allowed = error.getSchemaNode() == null
                ? null
                : error.getSchemaNode().isArray()
                        ? error.getSchemaNode()
                        : error.getSchemaNode().get("enum");
        if ("enum".equals(keyword) && allowed != null && allowed.isArray()) {
            detail = refused(error.getInstanceNode()) + " is not one of: "
                    + String.join(
                            ", ",
                            StreamSupport.stream(allowed.spliterator(), false)
                                    .map(JsonNode::asText)
                                    .toList());
        }
        return ApiProblem.error(at.isEmpty() ? "(body)" : at, ProblemError.InEnum.BODY, keyword, detail);
    }

    /** The refused value as the detail quotes it: a text in quotes (shortened), anything else as JSON. */
    private static String refused(JsonNode value) {
        if (value == null) {
            return "the value";
        }
        String text = value.isTextual() ? value.textValue() : value.toString();
        String shortened = text.length() <= 60 ? text : text.substring(0, 60) + "...";
        return value.isTextual() ? "'" + shortened + "'" : shortened;
    }

    /** A JSON pointer ({@code /sources/0/url}) or JSON path ({@code $.sources[0].url}) becomes {@code sources[0].url}. */
    static String path(String location) {
        if (location.startsWith("/") || location.isEmpty()) {
            StringBuilder out = new StringBuilder();
            for (String token : location.split("/")) {
                if (token.isEmpty()) {
                    continue;
                }
                String name = token.replace("~1", "/").replace("~0", "~");
                if (name.chars().allMatch(Character::isDigit)) {
                    out.append('[').append(name).append(']');
                } else {
                    out.append(out.isEmpty() ? "" : ".").append(name);
                }
            }
            return out.toString();
        }
        String p = location.startsWith("$") ? location.substring(1) : location;
        return p.startsWith(".") ? p.substring(1) : p;
    }
}
