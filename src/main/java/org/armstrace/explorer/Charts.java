package org.armstrace.explorer;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The at-a-glance charts as inline SVG, drawn on the server (no script, the same markup in a browser and in
 * the PDF), each with its data as a table and the link to the same figures as CSV from {@code /v1/stats}.
 */
final class Charts {

    /** A colour for each case type: the Okabe-Ito palette and Paul Tol's muted dark tones, told apart by colour-blind readers too. */
    static final Map<String, String> CASE_TYPE_COLOURS = Map.ofEntries(
            Map.entry("seizure", "#0072B2"),
            Map.entry("arrest", "#E69F00"),
            Map.entry("network_dismantled", "#009E73"),
            Map.entry("conviction", "#CC79A7"),
            Map.entry("attack", "#D55E00"),
            Map.entry("legislation", "#56B4E9"),
            Map.entry("court_ruling", "#8C7A00"),
            Map.entry("statistic", "#7F7F7F"),
            Map.entry("research", "#882255"),
            Map.entry("technology_milestone", "#44AA99"),
            Map.entry("conference_event", "#117733"),
            Map.entry("other", "#332288"));

    private static final String TEXT = "#1b1b1b";

    /** A chart: its title, its SVG, its rows as a table and where its CSV is. */
    @TemplateData
    record Chart(String id, String title, String svg, List<String> columns, List<List<String>> rows, String csv) {}

    /** One value of a dimension and its number of records. */
    record Bar(String label, long count) {}

    private Charts() {}

    static String colour(String caseType) {
        return CASE_TYPE_COLOURS.getOrDefault(caseType, "#555555");
    }

    /** Horizontal bars, the largest first, at most {@code max} of them. */
    static Chart bars(String id, String title, String dimensionLabel, List<Bar> bars, String csv) {
        int height = 22 * bars.size() + 10;
        long most = bars.stream().mapToLong(Bar::count).max().orElse(1);
        StringBuilder svg = open(id, title, 460, height);
        int y = 5;
        for (Bar bar : bars) {
            double width = 250.0 * bar.count() / Math.max(1, most);
            svg.append("<text x=\"170\" y=\"")
                    .append(y + 14)
                    .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"")
                    .append(TEXT)
                    .append("\">")
                    .append(Svg.escape(shorten(bar.label(), 28)))
                    .append("</text>");
            svg.append("<rect x=\"176\" y=\"")
                    .append(y + 3)
                    .append("\" width=\"")
                    .append(Svg.n(Math.max(1, width)))
                    .append("\" height=\"15\" fill=\"#0072B2\"/>");
            svg.append("<text x=\"")
                    .append(Svg.n(180 + width))
                    .append("\" y=\"")
                    .append(y + 14)
                    .append("\" font-size=\"12\" fill=\"")
                    .append(TEXT)
                    .append("\">")
                    .append(bar.count())
                    .append("</text>");
            y += 22;
        }
        svg.append("</svg>");
        List<List<String>> rows = bars.stream()
                .map(b -> List.of(b.label(), Long.toString(b.count())))
                .toList();
        return new Chart(id, title, svg.toString(), List.of(dimensionLabel, "Records"), rows, csv);
    }

    /**
     * Columns per year, each stacked by case type in the codebook's order, with a legend of the types
     * present; {@code counts} maps year to case type to records.
     */
    static Chart stackedByYear(
            String id,
            String title,
            Map<String, Map<String, Long>> counts,
            Map<String, String> typeLabels,
            String csv) {
        List<String> years = new ArrayList<>(new TreeSet<>(counts.keySet()));
        List<String> types = typeLabels.keySet().stream()
                .filter(t -> counts.values().stream().anyMatch(m -> m.containsKey(t)))
                .toList();
        long most = counts.values().stream()
                .mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
                .max()
                .orElse(1);
        int step = years.isEmpty() ? 20 : Math.max(14, Math.min(40, 560 / years.size()));
        int plotHeight = 180;
        int legendRows = (types.size() + 2) / 3;
        int width = Math.max(320, 40 + step * years.size());
        StringBuilder svg = open(id, title, width, plotHeight + 40 + 18 * legendRows);
        svg.append("<text x=\"4\" y=\"12\" font-size=\"11\" fill=\"")
                .append(TEXT)
                .append("\">")
                .append(most)
                .append(" records</text>");
        svg.append("<line x1=\"30\" y1=\"")
                .append(plotHeight + 10)
                .append("\" x2=\"")
                .append(width)
                .append("\" y2=\"")
                .append(plotHeight + 10)
                .append("\" stroke=\"")
                .append(TEXT)
                .append("\"/>");
        for (int i = 0; i < years.size(); i++) {
            String year = years.get(i);
            double x = 34 + i * step;
            double y = plotHeight + 10;
            for (String type : types) {
                long n = counts.get(year).getOrDefault(type, 0L);
                if (n == 0) {
                    continue;
                }
                double h = (double) plotHeight * n / Math.max(1, most);
                y -= h;
                svg.append("<rect x=\"")
                        .append(Svg.n(x))
                        .append("\" y=\"")
                        .append(Svg.n(y))
                        .append("\" width=\"")
                        .append(step - 4)
                        .append("\" height=\"")
                        .append(Svg.n(h))
                        .append("\" fill=\"")
                        .append(colour(type))
                        .append("\"><title>")
                        .append(year)
                        .append(", ")
                        .append(Svg.escape(typeLabels.get(type)))
                        .append(": ")
                        .append(n)
                        .append("</title></rect>");
            }
            if (years.size() <= 16 || i % 2 == 0) {
                svg.append("<text x=\"")
                        .append(Svg.n(x + (step - 4) / 2.0))
                        .append("\" y=\"")
                        .append(plotHeight + 24)
                        .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"")
                        .append(TEXT)
                        .append("\">")
                        .append(step < 30 ? "’" + year.substring(2) : year)
                        .append("</text>");
            }
        }
        for (int t = 0; t < types.size(); t++) {
            int lx = 4 + (t % 3) * (width / 3);
            int ly = plotHeight + 36 + (t / 3) * 18;
            svg.append("<rect x=\"")
                    .append(lx)
                    .append("\" y=\"")
                    .append(ly)
                    .append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(colour(types.get(t)))
                    .append("\"/>");
            svg.append("<text x=\"")
                    .append(lx + 14)
                    .append("\" y=\"")
                    .append(ly + 9)
                    .append("\" font-size=\"10\" fill=\"")
                    .append(TEXT)
                    .append("\">")
                    .append(Svg.escape(shorten(typeLabels.get(types.get(t)), 24)))
                    .append("</text>");
        }
        svg.append("</svg>");
        List<String> columns = new ArrayList<>();
        columns.add("Year");
        types.forEach(t -> columns.add(typeLabels.get(t)));
        columns.add("All");
        List<List<String>> rows = new ArrayList<>();
        for (String year : years) {
            List<String> row = new ArrayList<>();
            row.add(year);
            long all = 0;
            for (String type : types) {
                long n = counts.get(year).getOrDefault(type, 0L);
                all += n;
                row.add(Long.toString(n));
            }
            row.add(Long.toString(all));
            rows.add(row);
        }
        return new Chart(id, title, svg.toString(), columns, rows, csv);
    }

    /** Year to case type to records, from rows of (year, case type, records). */
    static Map<String, Map<String, Long>> byYear(List<String[]> rows) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String[] row : rows) {
            if (row[0] != null) {
                counts.computeIfAbsent(row[0], y -> new LinkedHashMap<>())
                        .merge(row[1], Long.parseLong(row[2]), Long::sum);
            }
        }
        return counts;
    }

    private static StringBuilder open(String id, String title, int width, int height) {
        return new StringBuilder(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("-title\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\"><title id=\"")
                .append(id)
                .append("-title\">")
                .append(Svg.escape(title))
                .append("</title>");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
