package org.armstrace.releases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.armstrace.api.model.Release;
import org.armstrace.api.model.ReleaseFile;
import org.armstrace.cases.CaseScope;
import org.armstrace.cases.ReleaseIds;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;

/** Reads releases and their stored files. Releases are never changed once written. */
@ApplicationScoped
public class ReleaseStore implements ReleaseIds {

    /** A release as stored. */
    public record Row(
            long id,
            String version,
            OffsetDateTime releasedAt,
            String notes,
            int recordCount,
            long lastSequence,
            String previousVersion) {}

    /**
     * A file of a release: stored in chunks of its own, or (zipOffset not null) kept only inside the
     * release's zip, whose entry for it starts at that offset.
     */
    public record FileRow(FileKind kind, long bytes, String sha256, String bomSha256, Long zipOffset) {

        /** The SHA-256 of the bytes served, with or without a byte order mark. */
        public String sha256(boolean bom) {
            return bom && bomSha256 != null ? bomSha256 : sha256;
        }
    }

    static final int CHUNK_BYTES = 1 << 20;

    private static final String SELECT = """
            select id, version, released_at, notes, record_count, last_sequence,
                   lag(version) over (order by major, minor, patch) as previous
            from release""";

    private final Jdbc db;

    public ReleaseStore(Jdbc db) {
        this.db = db;
    }

    /** Every release, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Row> all() {
        return db.list(
                Sql.of("select * from (" + SELECT + ") r order by string_to_array(version, '.')::int[] desc"),
                ReleaseStore::row);
    }

    /** The records of a release by version; none for {@code latest}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public Optional<CaseScope> scopeOf(String version) {
        // a pinned query names a release for good: "latest" moves, so it pins nothing
        return "latest".equals(version)
                ? Optional.empty()
                : find(version).map(release -> CaseScope.release(release.id(), rowVectors(release.id())));
    }

    /**
     * Whether the release's rows keep search vectors of their own: every row of a release cut before schema V15
     * does, no row of one cut since (one row tells).
     */
    private boolean rowVectors(long releaseId) {
        return db
                .list(
                        Sql.of("select search is not null from release_case where release_id = ? limit 1", releaseId),
                        row -> row.getBoolean(1))
                .stream()
                .findFirst()
                .orElse(false);
    }

    public Optional<Row> find(String version) {
        if ("latest".equals(version)) {
            return all().stream().findFirst();
        }
        return db
                .list(Sql.of("select * from (" + SELECT + ") r where version = ?", version), ReleaseStore::row)
                .stream()
                .findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Row> latest() {
        return find("latest");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FileRow> files(long releaseId) {
        return db.list(
                Sql.of("""
                        select name, bytes, sha256, bom_sha256, zip_offset from release_file
                        where release_id = ? order by position""", releaseId),
                row -> new FileRow(
                        FileKind.of(row.getString("name")).orElseThrow(),
                        row.getLong("bytes"),
                        row.getString("sha256"),
                        row.getString("bom_sha256"),
                        row.getObject("zip_offset", Long.class)));
    }

    /** One stored chunk of a file (chunks are numbered from 0; every chunk but the last is full). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] chunk(long releaseId, FileKind kind, int chunk) {
        return db.first(
                        Sql.of(
                                "select data from release_file_chunk where release_id = ? and name = ? and chunk = ?",
                                releaseId,
                                kind.fileName(),
                                chunk),
                        row -> row.getBytes("data"))
                .orElseThrow(() -> new IllegalStateException(
                        "release " + releaseId + " has no chunk " + chunk + " of " + kind.fileName()));
    }

    /** The API's view of a release. */
    public Release toApi(Row row) {
        String url = "/v1/releases/" + row.version();
        return new Release()
                .version(row.version())
                .releasedAt(row.releasedAt())
                .notes(row.notes())
                .previousVersion(row.previousVersion())
                .recordCount(row.recordCount())
                .lastSequence(row.lastSequence())
                .url(url)
                .files(files(row.id()).stream()
                        .map(f -> new ReleaseFile()
                                .name(ReleaseFile.NameEnum.fromValue(f.kind().fileName()))
                                .mediaType(f.kind().mediaType())
                                .bytes(f.bytes())
                                .sha256(f.sha256())
                                .url(url + "/files/" + f.kind().fileName()))
                        .toList());
    }

    private static Row row(ResultSet row) throws SQLException {
        return new Row(
                row.getLong("id"),
                row.getString("version"),
                Jdbc.timestamp(row, "released_at"),
                row.getString("notes"),
                row.getInt("record_count"),
                row.getLong("last_sequence"),
                row.getString("previous"));
    }
}
