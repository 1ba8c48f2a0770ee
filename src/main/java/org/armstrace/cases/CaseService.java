package org.armstrace.cases;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.cache.Remembered;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.http.ExportFormat;
import org.armstrace.export.RecordFormats;
import org.armstrace.export.RenderedRecord;
import org.armstrace.revisions.ReplicaReads;

/**
 * Reads the public view of the dataset, published records only, as the documents rendered when they
 * were written: each read is one SQL statement over plain JDBC, and no connection outlives it.
 */
@ApplicationScoped
public class CaseService {

    /** Rows an export reads per statement: enough to keep PostgreSQL busy, few enough to stay small. */
    static final int EXPORT_CHUNK = 2000;

    private final Jdbc db;
    private final ReplicaReads reads;
    private final Remembered remembered;
    private final Map<String, CaseScope> releaseScopes = new java.util.concurrent.ConcurrentHashMap<>();

    private final ReleaseIds releases;

    public CaseService(Jdbc db, ReplicaReads reads, Remembered remembered, ReleaseIds releases) {
        this.db = db;
        this.reads = reads;
        this.releases = releases;
        this.remembered = remembered;
    }

    /** The records a {@code release=} parameter names: the live ones without it; 404 for an unknown release. */
    public CaseScope scope(String release) {
        if (release == null) {
            return CaseScope.LIVE;
        }
        // a release, once cut, is never changed or removed: remember its scope
        CaseScope scope = releaseScopes.get(release);
        if (scope == null) {
            scope = releases.scopeOf(release)
                    .orElseThrow(() -> ApiProblem.unknownRelease("release", ProblemError.InEnum.QUERY, release));
            releaseScopes.put(release, scope);
        }
        return scope;
    }

    public CasePage list(CaseFilter filter, CaseSort sort, String cursor, int limit, boolean count) {
        requireSortable(filter, sort);
        CaseCursor after = cursor == null ? null : CaseCursor.decode(cursor, sort);
        CaseQuery query = new CaseQuery(filter);
        List<Keyed> rows = reads.read(replica -> replica.list(
                query.page(sort, after, limit + 1, List.of("document")),
                row -> new Keyed(row.getString("public_id"), row.getString("sort_key"), row.getBytes("document"))));
        boolean more = rows.size() > limit;
        List<Keyed> page = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            Keyed last = page.get(page.size() - 1);
            next = new CaseCursor(sort, last.key(), last.id()).encode();
        }
        Long total = count
                ? remembered.get(
                        "count",
                        filter,
                        () -> new Remembered.Sized<>(reads.read(replica -> replica.count(query.count())), 8))
                : null;
        return new CasePage(
                page.stream().map(Keyed::document).toList(),
                next,
                total,
                query.search() == null
                        ? null
                        : snippets(query, page.stream().map(Keyed::id).toList()));
    }

    /** A row of a page: the record's id, its sort key as text (null for the id sorts) and its document. */
    private record Keyed(String id, String key, byte[] document) {}

    /**
     * Every record of a filtered list, in the sort's order, with the stored forms a format needs: read a
     * chunk per statement, as bytes.
     */
    public void forEachRendered(
            CaseFilter filter, CaseSort sort, ExportFormat format, RecordFormats.RecordWriter writer)
            throws java.io.IOException {
        requireSortable(filter, sort);
        CaseQuery query = new CaseQuery(filter);
        List<String> columns = RecordFormats.columns(format);
        CaseCursor after = null;
        while (true) {
            List<String> keys = new java.util.ArrayList<>();
            CaseCursor from = after;
            List<RenderedRecord> chunk = reads.read(replica -> {
                keys.clear();
                return replica.list(query.page(sort, from, EXPORT_CHUNK, columns), row -> {
                    keys.add(row.getString("sort_key"));
                    return new RenderedRecord(
                            row.getString("public_id"),
                            bytes(row, columns, "document"),
                            bytes(row, columns, "csv_row"),
                            bytes(row, columns, "geometry"));
                });
            });
            for (RenderedRecord record : chunk) {
                writer.write(record);
            }
            if (chunk.size() < EXPORT_CHUNK) {
                return;
            }
            after = new CaseCursor(
                    sort, keys.get(keys.size() - 1), chunk.get(chunk.size() - 1).id());
        }
    }

    private static byte[] bytes(java.sql.ResultSet row, List<String> columns, String column)
            throws java.sql.SQLException {
        return columns.contains(column) ? row.getBytes(column) : null;
    }

    /** Relevance needs a search to be relevant to. */
    public static void requireSortable(CaseFilter filter, CaseSort sort) {
        if (sort == CaseSort.RELEVANCE && filter.query() == null) {
            throw ApiProblem.invalidParameters(
                    List.of(ApiProblem.queryError("sort", "needs_query", "relevance needs a search: give q")));
        }
    }

    private Map<String, String> snippets(CaseQuery query, List<String> ids) {
        Map<String, String> found = new HashMap<>();
        if (!ids.isEmpty()) {
            reads.read(
                    replica -> replica.list(query.snippets(ids), row -> found.put(row.getString(1), row.getString(2))));
        }
        Map<String, String> inPageOrder = new LinkedHashMap<>();
        ids.stream().filter(found::containsKey).forEach(id -> inPageOrder.put(id, found.get(id)));
        return inPageOrder;
    }

    /** One record as a release froze it, as its stored document; empty if the release does not hold it. */
    public Optional<PublicView.Found> frozen(CaseScope scope, String publicId) {
        return db.first(
                Sql.of(
                        "select c.version, " + scope.rendered("document") + " from " + scope.records() + " c "
                                + scope.renditionJoin()
                                + " where c.release_id = ? and c.public_id = ?",
                        scope.releaseId(),
                        publicId),
                row -> new PublicView.Found(row.getInt("version"), row.getBytes("document")));
    }

    /** What the public sees at a record's URL; empty for drafts and unknown ids alike (never 403). */
    public Optional<PublicView> publicView(String publicId) {
        return remembered.get("case", publicId, () -> {
            Optional<PublicView> view = db.first(Sql.of("""
                    select c.status, c.merged, c.replaced_by, c.retraction_reason, c.retracted_at, c.version, d.document
                    from case_record c left join rendition d on d.id = c.rendition_id
                    where c.public_id = ? and c.status <> 'draft'""", publicId), CaseService::view);
            return new Remembered.Sized<>(
                    view,
                    view.map(v -> v instanceof PublicView.Found f ? f.document().length : 200)
                            .orElse(50));
        });
    }

    private static PublicView view(java.sql.ResultSet row) throws java.sql.SQLException {
        if (CaseStatus.PUBLISHED.equals(row.getString("status"))) {
            return new PublicView.Found(row.getInt("version"), row.getBytes("document"));
        }
        return row.getBoolean("merged")
                ? new PublicView.Merged(row.getString("replaced_by"))
                : new PublicView.Retracted(
                        row.getString("retraction_reason"),
                        row.getObject("retracted_at", OffsetDateTime.class),
                        row.getString("replaced_by"));
    }
}
