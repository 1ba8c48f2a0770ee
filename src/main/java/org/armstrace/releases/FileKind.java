package org.armstrace.releases;

import java.util.Arrays;
import java.util.Optional;

/** The files of every release, in the order they are listed and zipped. */
public enum FileKind {
    CASES_CSV("cases.csv", "text/csv; charset=UTF-8"),
    CASES_NDJSON("cases.ndjson", "application/x-ndjson"),
    CASES_GEOJSON("cases.geojson", "application/geo+json"),
    SOURCES_CSV("sources.csv", "text/csv; charset=UTF-8"),
    COUNTS_CSV("counts.csv", "text/csv; charset=UTF-8"),
    DATAPACKAGE("datapackage.json", "application/json"),
    SHA256SUMS("SHA256SUMS", "text/plain; charset=UTF-8"),
    ZIP("armstrace.zip", "application/zip");

    private final String fileName;
    private final String mediaType;

    FileKind(String fileName, String mediaType) {
        this.fileName = fileName;
        this.mediaType = mediaType;
    }

    public static Optional<FileKind> of(String fileName) {
        return Arrays.stream(values()).filter(k -> k.fileName.equals(fileName)).findFirst();
    }

    public String fileName() {
        return fileName;
    }

    public String mediaType() {
        return mediaType;
    }

    /** CSV files can be had with a UTF-8 byte order mark in front. */
    public boolean isCsv() {
        return fileName.endsWith(".csv");
    }

    /** The name a download is saved under: the release's version in it, so that downloads never collide. */
    public String downloadName(String version) {
        return fileName.equals("armstrace.zip")
                ? "armstrace-" + version + ".zip"
                : "armstrace-" + version + "-" + fileName;
    }
}
