package org.armstrace.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.armstrace.common.DatasetIdentity;

/** The dataset's citation in the formats that reference managers and DOI resolvers use. */
public final class Citations {

    private Citations() {}

    public static Map<String, Object> cslJson(DatasetFacts.Facts facts, String url) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", "armstrace-" + facts.version());
        item.put("type", "dataset");
        item.put("title", DatasetIdentity.TITLE);
        item.put("author", List.of(Map.of("literal", DatasetIdentity.AUTHOR)));
        item.put("publisher", "ArmsTrace");
        item.put("version", facts.version());
        if (facts.modified() != null) {
            item.put(
                    "issued",
                    Map.of(
                            "date-parts",
                            List.of(List.of(
                                    facts.modified().getYear(),
                                    facts.modified().getMonthValue(),
                                    facts.modified().getDayOfMonth()))));
        }
        item.put("URL", url);
        item.put("license", DatasetIdentity.LICENSE);
        return item;
    }

    public static String bibtex(DatasetFacts.Facts facts, String url) {
        return "@misc{armstrace_" + facts.version().replaceAll("[^A-Za-z0-9]", "_") + ",\n"
                + "  author = {{" + DatasetIdentity.AUTHOR + "}},\n"
                + "  title = {{" + DatasetIdentity.TITLE + "}},\n"
                + (facts.modified() == null
                        ? ""
                        : "  year = {" + facts.modified().getYear() + "},\n")
                + "  version = {" + facts.version() + "},\n"
                + "  howpublished = {\\url{" + url + "}},\n"
                + "  note = {Data set, licensed CC BY 4.0}\n"
                + "}\n";
    }

    public static String ris(DatasetFacts.Facts facts, String url) {
        StringBuilder ris = new StringBuilder();
        line(ris, "TY", "DATA");
        line(ris, "AU", DatasetIdentity.AUTHOR);
        line(ris, "TI", DatasetIdentity.TITLE);
        if (facts.modified() != null) {
            line(ris, "PY", String.valueOf(facts.modified().getYear()));
            line(ris, "DA", facts.modified().toLocalDate().toString().replace('-', '/'));
        }
        line(ris, "ET", facts.version());
        line(ris, "PB", "ArmsTrace");
        line(ris, "UR", url);
        line(ris, "N1", "Licensed CC BY 4.0");
        ris.append("ER  - \r\n");
        return ris.toString();
    }

    public static String cff(DatasetFacts.Facts facts, String url) {
        return "cff-version: 1.2.0\n"
                + "message: If you use this dataset, please cite it as below.\n"
                + "type: dataset\n"
                + "title: \"" + DatasetIdentity.TITLE + "\"\n"
                + "version: \"" + facts.version() + "\"\n"
                + (facts.modified() == null
                        ? ""
                        : "date-released: " + facts.modified().toLocalDate() + "\n")
                + "license: CC-BY-4.0\n"
                + "url: \"" + url + "\"\n"
                + "authors:\n"
                + "  - name: \"" + DatasetIdentity.AUTHOR + "\"\n";
    }

    private static void line(StringBuilder ris, String tag, String value) {
        ris.append(tag).append("  - ").append(value).append("\r\n");
    }
}
