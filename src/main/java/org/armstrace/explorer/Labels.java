package org.armstrace.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.armstrace.codebook.Codebook;

/** Plain-language names for what records hold: the codebook's labels of codes, country names, field names. */
@ApplicationScoped
public class Labels {

    /** The fields a page shows, in codebook order, with the words a reader sees. */
    static final Map<String, String> FIELDS = fields();

    private final Map<String, Map<String, String>> vocabularies = new LinkedHashMap<>();

    public Labels(Codebook codebook) {
        for (JsonNode vocabulary : codebook.document().path("vocabularies")) {
            Map<String, String> values = new LinkedHashMap<>();
            for (JsonNode value : vocabulary.path("values")) {
                values.put(value.path("code").asText(), value.path("label").asText());
            }
            vocabularies.put(vocabulary.path("name").asText(), values);
        }
    }

    /** The codebook's label of a code (the code itself if the codebook has none, never blank). */
    public String of(String vocabulary, String code) {
        if (code == null) {
            return "not stated";
        }
        if ("country".equals(vocabulary)) {
            return country(code);
        }
        return vocabularies.getOrDefault(vocabulary, Map.of()).getOrDefault(code, code);
    }

    /** Codes of a vocabulary with their labels, in the codebook's order. */
    public Map<String, String> vocabulary(String name) {
        return vocabularies.getOrDefault(name, Map.of());
    }

    /** A country's English name from its ISO 3166-1 alpha-2 code. */
    public static String country(String code) {
        if (code == null) {
            return "no single country";
        }
        String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
        return name.isBlank() || name.equals(code) ? code : name;
    }

    /** "at least 7", "about 30", "7": a count with its qualifier, as a sentence would say it. */
    public static String count(Object value, String qualifier) {
        String number = value == null ? "?" : String.valueOf(value);
        return switch (qualifier == null ? "exact" : qualifier) {
            case "at_least" -> "at least " + number;
            case "more_than" -> "more than " + number;
            case "approximately" -> "about " + number;
            case "up_to" -> "up to " + number;
            default -> number;
        };
    }

    private static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        List.of(
                        "event_date=Date of the event",
                        "end_date=End date",
                        "announcement_date=Announced on",
                        "country=Country",
                        "other_countries=Other countries involved",
                        "place=Place",
                        "region=Region",
                        "case_type=Type of case",
                        "legal_status=Legal status",
                        "context=Context",
                        "weapon_3d_role=Role of 3D printing",
                        "channels=Channels",
                        "payment_methods=Payment methods",
                        "agencies=Agencies",
                        "outcome=Outcome",
                        "confidence=Confidence of the coding")
                .forEach(pair -> f.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1)));
        return f;
    }
}
