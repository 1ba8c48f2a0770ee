package org.armstrace.explorer;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** A case record as a reader sees it: every field in plain language, codes replaced by the codebook's labels. */
@TemplateData
public record CaseView(
        String id,
        int version,
        String heading,
        String date,
        String where,
        String summary,
        List<Fact> facts,
        List<Fact> counts,
        List<String> people,
        List<String> prices,
        List<String> metrics,
        boolean uncertain,
        String uncertaintyNotes,
        String confidence,
        List<Source> sources,
        List<String> relatedIds,
        String coordinates) {

    /** A labelled value; {@code note} may be null. */
    @TemplateData
    public record Fact(String label, String value, String note) {}

    /** A source as cited. */
    @TemplateData
    public record Source(
            String publisher,
            String title,
            String published,
            String url,
            String archiveUrl,
            String type,
            String language,
            String supports) {}

    @SuppressWarnings("unchecked")
    static CaseView of(Map<String, Object> record, Labels labels) {
        List<Fact> facts = new ArrayList<>();
        Labels.FIELDS.forEach((field, label) -> {
            Object value = record.get(field);
            String text = text(field, value, labels);
            if (text != null) {
                facts.add(new Fact(label, text, null));
            }
        });
        List<Fact> counts = new ArrayList<>();
        Map<String, Map<String, Object>> countMap =
                (Map<String, Map<String, Object>>) record.getOrDefault("counts", Map.of());
        countMap.forEach((key, count) -> counts.add(new Fact(
                labels.of("count_key", key), Labels.count(count.get("value"), (String) count.get("qualifier")), (String)
                        count.get("note"))));
        String date = date(record, labels);
        return new CaseView(
                (String) record.get("id"),
                ((Number) record.getOrDefault("version", 0)).intValue(),
                labels.of("case_type", (String) record.get("case_type")) + ", " + where(record) + ", " + date,
                date,
                where(record),
                (String) record.get("summary"),
                facts,
                counts,
                list(record, "people").stream().map(p -> person(p, labels)).toList(),
                list(record, "prices").stream().map(p -> price(p, labels)).toList(),
                list(record, "metrics").stream().map(CaseView::metric).toList(),
                Boolean.TRUE.equals(record.get("uncertain")),
                (String) record.get("uncertainty_notes"),
                labels.of("confidence", (String) record.get("confidence")),
                list(record, "sources").stream().map(s -> source(s, labels)).toList(),
                (List<String>) record.getOrDefault("related_ids", List.of()),
                coordinates(record, labels));
    }

    /** "Marseille, France", "New South Wales, Australia", "France". */
    static String where(Map<String, Object> record) {
        String country = Labels.country((String) record.get("country"));
        String place = Objects.toString(record.get("place"), Objects.toString(record.get("region"), null));
        return place == null ? country : place + ", " + country;
    }

    static String date(Map<String, Object> record, Labels labels) {
        String date = (String) record.get("event_date");
        String end = (String) record.get("end_date");
        return end == null ? date : date + " to " + end;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> record, String field) {
        Object value = record.get(field);
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static String text(String field, Object value, Labels labels) {
        if (value == null || (value instanceof List<?> l && l.isEmpty())) {
            return null;
        }
        String vocabulary = switch (field) {
            case "country", "other_countries" -> "country";
            case "case_type", "legal_status", "context", "weapon_3d_role", "confidence" -> field;
            case "channels" -> "channel";
            case "payment_methods" -> "payment_method";
            default -> null;
        };
        if (value instanceof List<?> values) {
            return String.join(
                    ", ",
                    values.stream()
                            .map(v -> vocabulary == null ? String.valueOf(v) : labels.of(vocabulary, String.valueOf(v)))
                            .toList());
        }
        return vocabulary == null ? String.valueOf(value) : labels.of(vocabulary, String.valueOf(value));
    }

    private static String person(Map<String, Object> p, Labels labels) {
        StringBuilder text = new StringBuilder();
        Object number = p.get("number");
        text.append(number == null ? "" : number + " × ").append(labels.of("person_role", (String) p.get("role")));
        if (p.get("gender") != null && !"unknown".equals(p.get("gender"))) {
            text.append(", ")
                    .append(labels.of("gender", (String) p.get("gender")).toLowerCase(Locale.ROOT));
        }
        Object min = p.get("age_min");
        Object max = p.get("age_max");
        if (min != null || max != null) {
            text.append(", aged ")
                    .append(
                            Objects.equals(min, max)
                                    ? String.valueOf(min)
                                    : (min == null ? "?" : min) + "–" + (max == null ? "?" : max));
        }
        return text.toString();
    }

    private static String price(Map<String, Object> p, Labels labels) {
        Object min = p.get("amount_min");
        Object max = p.get("amount_max");
        String amount = max == null || Objects.equals(min, max) ? String.valueOf(min) : min + "–" + max;
        String text = amount + " " + p.get("currency") + " ("
                + labels.of("price_unit", (String) p.get("unit")).toLowerCase(Locale.ROOT) + ")";
        return p.get("note") == null ? text : text + ": " + p.get("note");
    }

    private static String metric(Map<String, Object> m) {
        String text = m.get("metric") + ": " + Labels.count(m.get("value"), (String) m.get("qualifier"));
        if (m.get("period") != null) {
            text += " (" + m.get("period") + ")";
        }
        if (m.get("scope") != null) {
            text += ", " + m.get("scope");
        }
        return m.get("note") == null ? text : text + ". " + m.get("note");
    }

    private static Source source(Map<String, Object> s, Labels labels) {
        String language = (String) s.get("language");
        return new Source(
                (String) s.get("publisher"),
                (String) s.get("title"),
                (String) s.get("published"),
                (String) s.get("url"),
                (String) s.get("archive_url"),
                labels.of("source_type", (String) s.get("source_type")),
                language == null ? null : Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH),
                s.get("supports") instanceof List<?> supports && !supports.isEmpty()
                        ? String.join(
                                ", ", supports.stream().map(String::valueOf).toList())
                        : null);
    }

    private static String coordinates(Map<String, Object> record, Labels labels) {
        if (record.get("latitude") == null || record.get("longitude") == null) {
            return null;
        }
        return record.get("latitude") + ", " + record.get("longitude") + " (precise to the "
                + labels.of("geo_precision", (String) record.get("geo_precision"))
                        .toLowerCase(Locale.ROOT)
                + ")";
    }
}
