package org.armstrace.releases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.armstrace.api.model.Release;
import org.armstrace.api.model.ReleaseFile;
import org.armstrace.cases.ReleaseIds;
import org.armstrace.revisions.RevisionLog;

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

    /** A stored file of a release. */
    public record FileRow(FileKind kind, long bytes, String sha256, String bomSha256) {

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

    private final EntityManager em;

    public ReleaseStore(EntityManager em) {
        this.em = em;
    }

    /** Every release, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Row> all() {
        return rows("select * from (" + SELECT + ") r order by string_to_array(version, '.')::int[] desc");
    }

    /** A release by version, or the newest for {@code latest}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public Optional<Long> idOf(String version) {
        // a pinned query names a release for good: "latest" moves, so it pins nothing
        return "latest".equals(version) ? Optional.empty() : find(version).map(Row::id);
    }

    public Optional<Row> find(String version) {
        if ("latest".equals(version)) {
            return all().stream().findFirst();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select * from (" + SELECT + ") r where version = :v")
                .setParameter("v", version)
                .getResultList();
        return rows.stream().map(ReleaseStore::row).findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Row> latest() {
        return find("latest");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FileRow> files(long releaseId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select name, bytes, sha256, bom_sha256 from release_file where release_id = :r order by position")
                .setParameter("r", releaseId)
                .getResultList();
        return rows.stream()
                .map(r -> new FileRow(
                        FileKind.of((String) r[0]).orElseThrow(), ((Number) r[1]).longValue(), (String) r[2], (String)
                                r[3]))
                .toList();
    }

    /** One stored chunk of a file (chunks are numbered from 0; every chunk but the last is full). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] chunk(long releaseId, FileKind kind, int chunk) {
        return (byte[]) em.createNativeQuery(
                        "select data from release_file_chunk where release_id = :r and name = :n and chunk = :c")
                .setParameter("r", releaseId)
                .setParameter("n", kind.fileName())
                .setParameter("c", chunk)
                .getSingleResult();
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

    @SuppressWarnings("unchecked")
    private List<Row> rows(String sql) {
        return ((List<Object[]>) em.createNativeQuery(sql).getResultList())
                .stream().map(ReleaseStore::row).toList();
    }

    private static Row row(Object[] r) {
        return new Row(
                ((Number) r[0]).longValue(),
                (String) r[1],
                RevisionLog.instant(r[2]).atOffset(ZoneOffset.UTC),
                (String) r[3],
                ((Number) r[4]).intValue(),
                ((Number) r[5]).longValue(),
                (String) r[6]);
    }
}
