package org.armstrace.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The map of cases, drawn offline: Natural Earth's 1:110m land and borders (public domain), projected once
 * by {@code tools/map/build.mjs} into {@code explorer/world-map.json}, and each case as a point linking to its
 * page, coloured by case type, its size saying how precise its location is.
 */
@ApplicationScoped
public class WorldMap {

    /** A case with coordinates. */
    record Point(String id, double latitude, double longitude, String precision, String caseType, String label) {}

    private static final Map<String, Integer> RADIUS = Map.of("city", 3, "region", 5, "country", 8, "international", 8);

    private final String land;
    private final String borders;
    private final double scale;
    private final double north;
    private final int width;
    private final int height;

    public WorldMap() {
        JsonNode map = read();
        land = map.path("land").asText();
        borders = map.path("borders").asText();
        scale = map.path("projection").path("scale").asDouble();
        north = map.path("projection").path("north").asDouble();
        width = map.path("width").asInt();
        height = map.path("height").asInt();
    }

    /** The map as SVG; with {@code links}, each point a link to its case (relative: right behind any proxy). */
    String svg(String title, List<Point> points, boolean links) {
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" role=\"group\" ")
                .append("aria-labelledby=\"map-title\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\"><title id=\"map-title\">")
                .append(Svg.escape(title))
                .append("</title>")
                .append("<rect width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" fill=\"#eef4f8\"/>")
                .append("<path d=\"")
                .append(land)
                .append("\" fill=\"#d9d9d0\" stroke=\"none\"/>")
                .append("<path d=\"")
                .append(borders)
                .append("\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"0.6\"/>");
        // the coarsest first, so that precise points stay on top and clickable
        points.stream()
                .sorted((a, b) -> Integer.compare(radius(b), radius(a)))
                .forEach(p -> svg.append(
                                links
                                        ? "<a href=\"/cases/" + Svg.escape(p.id()) + "\" aria-label=\""
                                                + Svg.escape(p.label()) + "\">"
                                        : "")
                        .append("<circle cx=\"")
                        .append(Svg.n(x(p.longitude())))
                        .append("\" cy=\"")
                        .append(Svg.n(y(p.latitude())))
                        .append("\" r=\"")
                        .append(radius(p))
                        .append("\" fill=\"")
                        .append(Charts.colour(p.caseType()))
                        .append("\" fill-opacity=\"0.75\" stroke=\"#1b1b1b\" stroke-width=\"0.5\"><title>")
                        .append(Svg.escape(p.label()))
                        .append("</title></circle>")
                        .append(links ? "</a>" : ""));
        return svg.append("</svg>").toString();
    }

    double x(double longitude) {
        return (longitude + 180) * scale;
    }

    double y(double latitude) {
        return Math.max(0, Math.min(height, (north - latitude) * scale));
    }

    private static int radius(Point p) {
        return RADIUS.getOrDefault(p.precision(), 4);
    }

    private static JsonNode read() {
        try (InputStream in =
                Thread.currentThread().getContextClassLoader().getResourceAsStream("explorer/world-map.json")) {
            if (in == null) {
                throw new IllegalStateException("explorer/world-map.json is missing from the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The world map cannot be read", e);
        }
    }
}
