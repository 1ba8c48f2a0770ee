package org.armstrace.explorer;

import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.armstrace.common.http.BaseUri;
import org.armstrace.dataset.Citations;
import org.armstrace.dataset.DatasetFacts;
import org.armstrace.releases.ReleaseStore;

/** A release as the pages show it: its downloads, its fact sheet and its citation in each format. */
@ApplicationScoped
public class ReleaseLinks {

    /** A file of a release. */
    @TemplateData
    public record FileLink(String name, String url, String size, String sha256) {}

    /** A release with everything a page links to. */
    @TemplateData
    public record Release(
            String version,
            String releasedOn,
            String notes,
            int records,
            List<FileLink> files,
            String citation,
            String bibtex,
            String ris,
            String cff,
            String factSheet,
            String pdf) {}

    /** A line of the list of releases. */
    @TemplateData
    public record Summary(String version, String releasedOn, int records, String factSheet) {}

    private final ReleaseStore releases;
    private final DatasetFacts facts;
    private final BaseUri base;

    public ReleaseLinks(ReleaseStore releases, DatasetFacts facts, BaseUri base) {
        this.releases = releases;
        this.facts = facts;
        this.base = base;
    }

    Release of(ReleaseStore.Row row) {
        DatasetFacts.Facts cited = facts.of(row);
        String url = base.get() + "/v1/releases/" + row.version();
        String path = "/v1/releases/" + row.version() + "/files/";
        return new Release(
                row.version(),
                row.releasedAt().toLocalDate().toString(),
                row.notes(),
                row.recordCount(),
                releases.files(row.id()).stream()
                        .map(f -> new FileLink(
                                f.kind().fileName(), path + f.kind().fileName(), size(f.bytes()), f.sha256()))
                        .toList(),
                "ArmsTrace curators (" + row.releasedAt().getYear() + "). ArmsTrace: cases of 3D-printed firearms and"
                        + " online arms trafficking (version " + row.version() + ") [Data set]. " + url
                        + ". Licensed CC BY 4.0.",
                Citations.bibtex(cited, url),
                Citations.ris(cited, url),
                Citations.cff(cited, url),
                "/releases/" + row.version() + "/fact-sheet",
                "/releases/" + row.version() + "/fact-sheet.pdf");
    }

    Summary summary(ReleaseStore.Row row) {
        return new Summary(
                row.version(),
                row.releasedAt().toLocalDate().toString(),
                row.recordCount(),
                "/releases/" + row.version() + "/fact-sheet");
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
