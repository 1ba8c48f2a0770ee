package org.armstrace.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.error.ApiProblem;

/**
 * What no input may carry, wherever it comes from (path, query, header, JSON body, import cell): control
 * characters other than tab, line feed and carriage return (NUL among them, which PostgreSQL cannot store,
 * and the rest, which XML 1.0 forbids and the Atom feed would carry), unpaired surrogates, the
 * noncharacters U+FFFE and U+FFFF; and numbers too large or too precise to store (PostgreSQL's
 * {@code numeric} in {@code jsonb} overflows on {@code 1e999999}).
 */
public final class InputText {

    /** Numbers may have at most this many digits before and after the decimal point. */
    static final int NUMBER_DIGITS = 30;

    private InputText() {}

    /** Why the text cannot be taken (for a problem's detail), or empty when it can. */
    public static Optional<String> refusal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("holds an unpaired surrogate (U+" + hex(c) + ") at character " + (i + 1)
                        + "; send text as valid UTF-8");
            } else if (forbidden(c)) {
                return Optional.of("holds the control character U+" + hex(c) + " at character " + (i + 1)
                        + "; only tab, line feed and carriage return are accepted");
            }
        }
        return Optional.empty();
    }

    /** Whether XML 1.0 (and this service) refuses the character: C0 controls but tab, LF, CR; DEL and C1; U+FFFE/F. */
    public static boolean forbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0x7F && c <= 0x9F)
                || c == 0xFFFE
                || c == 0xFFFF;
    }

    /** The text with every character that XML 1.0 cannot carry replaced by U+FFFD (for output only). */
    public static String forXml(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean bad = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
                    || cp == 0xFFFE
                    || cp == 0xFFFF
                    || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
            if (bad) {
                out.append('\uFFFD');
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Every string (and object key) and number of a JSON document that cannot be taken, named by its path. */
    public static List<ProblemError> check(JsonNode document) {
        List<ProblemError> errors = new ArrayList<>();
        walk(document, "", errors);
        return errors;
    }

    private static void walk(JsonNode node, String path, List<ProblemError> errors) {
        if (node == null || errors.size() >= ApiProblem.MAX_ERRORS) {
            return;
        }
        if (node.isTextual()) {
            refusal(node.textValue()).ifPresent(why -> errors.add(error(path, "control_character", why)));
        } else if (node.isNumber()) {
            numberRefusal(node).ifPresent(why -> errors.add(error(path, "number_range", why)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", errors);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                Optional<String> keyRefusal = refusal(field.getKey());
                if (keyRefusal.isPresent()) {
                    errors.add(error(
                            path.isEmpty() ? "(body)" : path, "control_character", "a field name " + keyRefusal.get()));
                } else {
                    walk(field.getValue(), child, errors);
                }
            }
        }
    }

    private static Optional<String> numberRefusal(JsonNode node) {
        if (node.isDouble() || node.isFloat()) {
            if (!Double.isFinite(node.doubleValue())) {
                return Optional.of("is too large a number");
            }
            return Optional.empty(); // a finite double has at most 17 significant digits
        }
        if (node.isBigDecimal() || node.isBigInteger()) {
            BigDecimal value = node.decimalValue();
            int integerDigits = value.precision() - value.scale();
            if (integerDigits > NUMBER_DIGITS) {
                return Optional.of("is too large a number (at most " + NUMBER_DIGITS + " digits before the point)");
            }
            if (value.signum() != 0 && value.scale() > NUMBER_DIGITS) {
                return Optional.of("has too many decimals (at most " + NUMBER_DIGITS + ")");
            }
        }
        return Optional.empty();
    }

    private static ProblemError error(String path, String rule, String detail) {
        return ApiProblem.error(path.isEmpty() ? "(body)" : path, ProblemError.InEnum.BODY, rule, detail);
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
