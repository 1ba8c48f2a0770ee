package org.armstrace.common.http;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;

/** The bulk formats of a case list, chosen by {@code format=} or by {@code Accept}. */
public enum ExportFormat {
    CSV("csv", "text/csv", ".csv"),
    NDJSON("ndjson", "application/x-ndjson", ".ndjson"),
    GEOJSON("geojson", "application/geo+json", ".geojson");

    private final String code;
    private final String mediaType;
    private final String extension;

    ExportFormat(String code, String mediaType, String extension) {
        this.code = code;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType + (this == CSV ? "; charset=UTF-8" : "");
    }

    public String fileName() {
        return "armstrace-cases" + extension;
    }

    /** The export asked for, or empty for the paged JSON answer. */
    public static Optional<ExportFormat> chosen(String format, List<MediaType> accepted) {
        if (format != null) {
            return java.util.Arrays.stream(values())
                    .filter(f -> f.code.equals(format))
                    .findFirst();
        }
        for (MediaType type : accepted) {
            if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return Optional.empty();
            }
            for (ExportFormat f : values()) {
                if (type.isCompatible(MediaType.valueOf(f.mediaType))) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }
}
