package org.armstrace.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.error.ApiProblem;

/**
 * One query or path parameter of the contract, and the checks its schema implies: type, bounds,
 * pattern, enum, length, and how many values it takes. Array parameters take repeated values and
 * comma-separated lists alike.
 */
public record ParameterSpec(String name, ProblemError.InEnum in, boolean required, JsonNode schema) {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,30}");
    /** true and false, and R's TRUE and FALSE (what httr2 and the generated R client send for a logical). */
    private static final List<String> BOOLEANS = List.of("true", "false", "TRUE", "FALSE");

    /** Every rule that the given raw values break; empty when they are fine. */
    public List<ProblemError> check(List<String> values) {
        List<ProblemError> errors = new ArrayList<>();
        if (isArray()) {
            List<String> items = values.stream()
                    .flatMap(v -> List.of(v.split(",", -1)).stream())
                    .toList();
            int maxItems = schema.path("maxItems").asInt(Integer.MAX_VALUE);
            if (items.size() > maxItems) {
                errors.add(error("max_items", "takes at most " + maxItems + " values"));
            }
            items.stream()
                    .map(item -> checkValue(schema.path("items"), item))
                    .filter(e -> e != null)
                    .distinct()
                    .forEach(errors::add);
        } else if (values.size() > 1) {
            errors.add(error("single_value", "must be given once, not " + values.size() + " times"));
        } else {
            ProblemError error = checkValue(schema, values.get(0));
            if (error != null) {
                errors.add(error);
            }
        }
        return errors;
    }

    private boolean isArray() {
        return "array".equals(schema.path("type").asText());
    }

    private ProblemError checkValue(JsonNode s, String value) {
        String type = s.path("type").asText("string");
        return switch (type) {
            case "integer" -> checkInteger(s, value);
            case "boolean" ->
                BOOLEANS.contains(value) ? null : error("type", "must be true or false, not '" + shorten(value) + "'");
            default -> checkString(s, value);
        };
    }

    private ProblemError checkInteger(JsonNode s, String value) {
        if (!INTEGER.matcher(value).matches()) {
            return error("type", "must be a whole number, not '" + shorten(value) + "'");
        }
        BigInteger number = new BigInteger(value);
        if (s.has("minimum") && number.compareTo(s.get("minimum").bigIntegerValue()) < 0) {
            return error("minimum", "must be at least " + s.get("minimum").asText());
        }
        if (s.has("maximum") && number.compareTo(s.get("maximum").bigIntegerValue()) > 0) {
            return error("maximum", "must be at most " + s.get("maximum").asText());
        }
        return null;
    }

    private ProblemError checkString(JsonNode s, String value) {
        if (s.has("minLength") && value.length() < s.get("minLength").asInt()) {
            return error("min_length", "must be at least " + s.get("minLength").asInt() + " characters long");
        }
        if (s.has("maxLength") && value.length() > s.get("maxLength").asInt()) {
            return error("max_length", "must be at most " + s.get("maxLength").asInt() + " characters long");
        }
        if (s.has("enum")) {
            List<String> allowed = StreamSupport.stream(s.get("enum").spliterator(), false)
                    .map(JsonNode::asText)
                    .toList();
            return allowed.contains(value)
                    ? null
                    : error("enum", "'" + shorten(value) + "' is not one of: " + String.join(", ", allowed));
        }
        if (s.has("pattern")
                && !Pattern.compile(s.get("pattern").asText()).matcher(value).find()) {
            return error("pattern", "'" + shorten(value) + "' does not have the expected form");
        }
        return null;
    }

    private ProblemError error(String rule, String detail) {
        return ApiProblem.error(name, in, rule, detail);
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
