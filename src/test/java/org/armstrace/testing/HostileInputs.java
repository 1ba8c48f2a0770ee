package org.armstrace.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The classes of input that once reached a 500 (issue 14), generated for any operation: control
 * characters in every string, extreme numbers, malformed cursors and escapes, and CSV that cannot be read.
 */
public final class HostileInputs {

    private HostileInputs() {}

    /** Strings that no field or parameter may carry (NUL, other C0 and C1 controls, an unpaired surrogate, U+FFFF). */
    public static final List<String> CONTROL_STRINGS =
            List.of("\u0000", "a\u0000b", "\u0001", "x\u000b", "\u001f", "\u007f", "\u0085", "\ud800", "\uffff");

    /** Numbers beyond what any field stores. */
    public static final List<BigDecimal> EXTREME_NUMBERS = List.of(
            new BigDecimal("1e999999"),
            new BigDecimal("-1e999999"),
            new BigDecimal("1e-999999"),
            new BigDecimal("123456789012345678901234567890123456789"));

    /** Query or path values sent as they are (already percent-encoded). */
    public static final List<String> RAW_VALUES = List.of(
            "%00",
            "a%00b",
            "%01",
            "%0B",
            "%7F",
            "%C2%85",
            "%C3%28",
            "%FF",
            "%ED%A0%80",
            "1e999999",
            "-1e999999",
            "99999999999999999999999999",
            "-1",
            "0000",
            "0000-01-01",
            "10000-01-01",
            "x".repeat(3000),
            "P%C3%A4ij%C3%A4t-H%C3%A4me");

    /** Cursors that decode but were never returned: year 0, Java-only float syntax, other shapes. */
    public static final List<String> CURSORS = List.of(
            cursor("v1|-event_date|0000-01-01|AT-000001"),
            cursor("v1|event_date|+10000-01-01|AT-000001"),
            cursor("v1|relevance|1f|AT-000001"),
            cursor("v1|relevance|1d|AT-000001"),
            cursor("v1|relevance|NaN|AT-000001"),
            cursor("v1|relevance|0x1p3|AT-000001"),
            cursor("v1|-id||AT-000001\u0000"),
            cursor("v1|-event_date|2024-01-01|AT-000001|extra"),
            "!!!not-base64!!!",
            "");

    /** CSV bodies that cannot be read, or that hold what no field may carry. */
    public static final List<byte[]> CSV_BODIES = List.of(
            csv("event_date,summary\n2024,\"unbalanced quote\n"),
            csv("event_date,summary\n\"2024\"x,text after a quote\n"),
            csv("event_date,summary\n2024,more cells,than the header\n"),
            csv("event_date,summary\n2024," + "a".repeat(1_100_000) + "\n"),
            csv("event_date,summary\n2024,a NUL \u0000 in a cell\n"),
            csv("\ufeffevent_date,summary\n2024,after a byte order mark\n"),
            csv("event_date,summary\n"),
            csv("\u0000,\u0001\n"),
            new byte[] {(byte) 0xC3, (byte) 0x28, ',', '\n'});

    /** Every copy of {@code document} with one string replaced by a control string or one number by an extreme one. */
    public static List<JsonNode> mutations(JsonNode document) {
        List<JsonNode> out = new ArrayList<>();
        mutate(document, document, new ArrayList<>(), out);
        return out;
    }

    /**
     * Values for the {@code index}-th parameter: NUL always, and {@code count - 1} of the others in turn, so
     * that every class is sent to every operation without sending every value to every parameter.
     */
    public static List<String> rawValues(int index, int count) {
        List<String> out = new ArrayList<>(List.of("%00"));
        for (int i = 0; i < count - 1; i++) {
            out.add(RAW_VALUES.get(1 + (index * (count - 1) + i) % (RAW_VALUES.size() - 1)));
        }
        return out;
    }

    private static void mutate(JsonNode root, JsonNode node, List<Object> path, List<JsonNode> out) {
        int turn = out.size();
        if (node.isTextual()) {
            out.add(replaced(root, path, new TextNode(node.textValue() + "\u0000")));
            out.add(replaced(
                    root,
                    path,
                    new TextNode(CONTROL_STRINGS.get(1 + turn % (CONTROL_STRINGS.size() - 1)) + node.textValue())));
        } else if (node.isNumber()) {
            out.add(replaced(root, path, DecimalNode.valueOf(EXTREME_NUMBERS.get(turn % EXTREME_NUMBERS.size()))));
            out.add(replaced(
                    root, path, DecimalNode.valueOf(EXTREME_NUMBERS.get((turn + 1) % EXTREME_NUMBERS.size()))));
        } else if (node.isObject()) {
            node.properties().forEach(e -> {
                path.add(e.getKey());
                mutate(root, e.getValue(), path, out);
                path.remove(path.size() - 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                mutate(root, node.get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static JsonNode replaced(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = path.get(i) instanceof Integer index ? parent.get(index) : parent.get((String) path.get(i));
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }

    private static String cursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
