package org.armstrace.curation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.armstrace.api.model.CaseInput;
import org.armstrace.api.model.ImportReport;
import org.armstrace.api.model.ProblemError;
import org.armstrace.api.model.Role;
import org.armstrace.cases.CaseBulkInsert;
import org.armstrace.cases.CaseDocuments;
import org.armstrace.cases.CaseEntity;
import org.armstrace.cases.CaseMapper;
import org.armstrace.cases.CaseStatus;
import org.armstrace.cases.CaseValidator;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;
import org.armstrace.revisions.RevisionLog;

/**
 * Bulk import: reads the rows one at a time, checks each against the contract and the dataset's rules,
 * and writes them in one transaction: all rows or none. Every bad row is reported (up to
 * {@value #MAX_REPORTED} errors) with its line, field and rule. Valid rows are written in JDBC batches
 * of {@value #BATCH} (ids in row order), so memory stays flat and the database sees a few statements
 * per batch rather than several per row.
 */
@ApplicationScoped
public class CaseImporter {

    static final int MAX_REPORTED = 1000;
    /** Rows written per batch: one round trip per table for this many records. */
    static final int BATCH = 1000;
    /** An import of at least this many rows refreshes the planner's statistics before it commits. */
    static final int ANALYZE_AFTER_ROWS = 10_000;

    static final String ANALYZE = """
            analyze case_record (status, public_id, event_start, event_end, country, case_type, legal_status, context,
                weapon_3d_role, channels, payment_methods, confidence, uncertain, latitude, rendition_id),
                rendition_search (search), case_source (case_id, source_type), case_count (case_id, count_key)""";
    /**
     * How long one import may write, in seconds. An import is one transaction (all rows or none); the
     * body limit (armstrace.limits.body-size, 200 MiB) keeps it well under this.
     */
    static final int TIMEOUT_SECONDS = 1800;

    private final EntityManager em;
    private final CurationService curation;
    private final CaseInputReader reader;
    private final CaseValidator validator;
    private final ObjectMapper json;
    private final CaseBulkInsert bulk;
    private final CaseDocuments documents;
    private final RevisionLog revisions;

    public CaseImporter(
            EntityManager em,
            CurationService curation,
            CaseInputReader reader,
            CaseValidator validator,
            ObjectMapper json,
            CaseBulkInsert bulk,
            CaseDocuments documents,
            RevisionLog revisions) {
        this.em = em;
        this.bulk = bulk;
        this.documents = documents;
        this.revisions = revisions;
        this.curation = curation;
        this.reader = reader;
        this.validator = validator;
        this.json = json;
    }

    @Transactional
    @TransactionConfiguration(timeout = TIMEOUT_SECONDS)
    public ImportReport run(
            File body, boolean csv, boolean dryRun, boolean publish, Caller caller, IdempotentImports.Key key) {
        if (publish && !caller.hasAtLeast(Role.EDITOR)) {
            throw new ApiProblem(
                    ProblemType.FORBIDDEN,
                    "Importing published records needs the editor role; this token is a " + caller.role() + "'s.");
        }
        java.util.Optional<ImportReport> earlier = key == null ? java.util.Optional.empty() : key.earlier();
        if (earlier.isPresent()) {
            return earlier.get(); // a retry: the first import's answer, nothing written
        }
        State state = new State();
        try (Reader in = utf8(body)) {
            if (csv) {
                ImportRows.csv(in, json, row -> take(row, state, dryRun, publish, caller));
            } else {
                ImportRows.ndjson(in, json, row -> take(row, state, dryRun, publish, caller));
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The import is not valid UTF-8.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (state.badRows == 0 && !dryRun) {
            write(state, publish, caller);
            if (state.rows >= ANALYZE_AFTER_ROWS) {
                // the planner's statistics would otherwise describe the tables before this import until autovacuum
                // runs; only the columns that queries filter, join and sort on (not the rendered texts)
                em.createNativeQuery(ANALYZE).executeUpdate();
            }
            // the revision writers' turn is taken here and held only until the commit
            revisions.appendEach(
                    state.written,
                    RevisionLog.Action.IMPORT,
                    publish,
                    caller.tokenId(),
                    "import" + (publish ? ", published" : ""));
        }
        if (state.badRows > 0) {
            String more = state.errors.size() < state.errorCount
                    ? " (the first " + state.errors.size() + " errors are listed)"
                    : "";
            throw new ApiProblem(
                    ProblemType.IMPORT_REJECTED,
                    state.badRows + " of " + state.rows + " rows break rules; nothing was written" + more + ".",
                    state.errors);
        }
        if (state.rows == 0) {
            throw new ApiProblem(ProblemType.INVALID_BODY, "The import holds no rows.");
        }
        ImportReport report = new ImportReport()
                .dryRun(dryRun)
                .published(publish)
                .rows(state.rows)
                .written(dryRun ? 0L : state.rows)
                .ids(dryRun ? List.of() : state.ids);
        if (key != null) {
            key.remember(report); // in this transaction: the key exists exactly when the rows do
        }
        return report;
    }

    private void take(ImportRows.Row row, State state, boolean dryRun, boolean publish, Caller caller) {
        state.rows++;
        List<ProblemError> errors = new ArrayList<>(row.errors());
        CaseInputReader.Result content = null;
        if (errors.isEmpty()) {
            content = reader.read(row.document(), id -> exists(id, state, publish, caller));
            errors.addAll(content.errors());
        }
        if (errors.isEmpty()) {
            errors.addAll(validator.check(content.input(), null, id -> exists(id, state, publish, caller)));
        }
        if (!errors.isEmpty()) {
            state.badRows++;
            state.errorCount += errors.size();
            errors.stream()
                    .limit(Math.max(0, MAX_REPORTED - state.errors.size()))
                    .forEach(e -> state.errors.add(e.line(row.line())));
            return;
        }
        if (dryRun || state.badRows > 0) {
            return; // keep checking the rest, write nothing more
        }
        state.batch.add(content.input());
        if (state.batch.size() >= BATCH) {
            write(state, publish, caller);
        }
    }

    /** Whether a related id exists: in the database, or among the rows of this import read so far. */
    private boolean exists(String id, State state, boolean publish, Caller caller) {
        if (curation.exists(id)) {
            return true;
        }
        if (state.batch.isEmpty() || state.badRows > 0) {
            return false;
        }
        write(state, publish, caller); // the rows read so far get their ids; then look again
        return curation.exists(id);
    }

    /** Writes the rows read so far: ids from the sequence in row order, rendered, inserted, logged. */
    private void write(State state, boolean publish, Caller caller) {
        if (state.batch.isEmpty()) {
            return;
        }
        List<String> ids = bulk.newPublicIds(state.batch.size());
        state.ids.addAll(ids);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<CaseEntity> entities = new ArrayList<>(state.batch.size());
        for (int i = 0; i < state.batch.size(); i++) {
            CaseEntity entity = new CaseEntity();
            entity.publicId = ids.get(i);
            entity.status = publish ? CaseStatus.PUBLISHED : CaseStatus.DRAFT;
            entity.createdAt = now;
            entity.updatedAt = now;
            CaseMapper.copyContent(state.batch.get(i), entity);
            documents.render(entity);
            entities.add(entity);
        }
        bulk.insert(entities);
        entities.forEach(e -> state.written.add(e.id));
        state.batch.clear();
    }

    private static Reader utf8(File body) throws IOException {
        return new java.io.InputStreamReader(
                Files.newInputStream(body.toPath()),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Counters of one import. */
    private static final class State {
        long rows;
        long badRows;
        long errorCount;
        final List<ProblemError> errors = new ArrayList<>();
        /** The ids written so far, in row order. */
        final List<String> ids = new ArrayList<>();
        /** The row ids of the records written so far, in row order (their revisions are logged at the end). */
        final List<Long> written = new ArrayList<>();
        /** Valid rows read but not yet written. */
        final List<CaseInput> batch = new ArrayList<>();
    }
}
