package org.armstrace.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.armstrace.releases.ReleaseStore;
import org.armstrace.revisions.RevisionLog;

/** What the metadata and the citation say about the dataset: as it is now, or as one release froze it. */
@ApplicationScoped
public class DatasetFacts {

    /** The facts of one moment. */
    public record Facts(
            String version,
            OffsetDateTime issued,
            OffsetDateTime modified,
            long records,
            LocalDate from,
            LocalDate to) {}

    /** The first and last day the records cover (null with no records), and how many there are. */
    private record Span(LocalDate from, LocalDate to, long records) {}

    private final Jdbc db;
    private final RevisionLog revisions;

    public DatasetFacts(Jdbc db, RevisionLog revisions) {
        this.db = db;
        this.revisions = revisions;
    }

    /** The live dataset: its version is the latest release's, its modification time the last public change's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Facts now(ReleaseStore.Row latest) {
        Span span = db.list(
                        Sql.of("select count(*) as records, min(event_start) as first_day, max(event_end) as last_day "
                                + "from case_record where status = 'published'"),
                        row -> new Span(day(row, "first_day"), day(row, "last_day"), row.getLong("records")))
                .get(0);
        OffsetDateTime issued = latest == null ? null : latest.releasedAt();
        return new Facts(
                latest == null ? "unreleased" : latest.version(),
                issued,
                revisions.lastPublicChangeAt().orElse(issued),
                span.records(),
                span.from(),
                span.to());
    }

    /** One release, as it was cut. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Facts of(ReleaseStore.Row release) {
        Span span = db.list(
                        Sql.of(
                                "select min(event_start) as first_day, max(event_end) as last_day "
                                        + "from release_case where release_id = ?",
                                release.id()),
                        row -> new Span(day(row, "first_day"), day(row, "last_day"), release.recordCount()))
                .get(0);
        return new Facts(
                release.version(), release.releasedAt(), release.releasedAt(), span.records(), span.from(), span.to());
    }

    private static LocalDate day(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDate.class);
    }
}
