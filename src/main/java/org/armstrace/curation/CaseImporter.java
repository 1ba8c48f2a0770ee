package org.armstrace.curation;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import org.armstrace.revisions.RevisionLog;
import org.armstrace.api.model.ImportReport;
import org.armstrace.api.model.ProblemError;
import org.armstrace.api.model.Role;
import org.armstrace.cases.CaseValidator;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;

/**
 * Bulk import: reads the rows one at a time, checks each against the contract and the dataset's rules,
 * and writes them in one transaction: all rows or none. Every bad row is reported (up to
 * {@value #MAX_REPORTED} errors) with its line, field and rule. Memory stays flat: rows are not kept,
 * and the persistence context is cleared after every row.
 */
@ApplicationScoped
public class CaseImporter {

    static final int MAX_REPORTED = 1000;

    private final EntityManager em;
    private final CurationService curation;
    private final CaseInputReader reader;
    private final CaseValidator validator;
    private final ObjectMapper json;

    public CaseImporter(EntityManager em, CurationService curation, CaseInputReader reader, CaseValidator validator,
            ObjectMapper json) {
        this.em = em;
        this.curation = curation;
        this.reader = reader;
        this.validator = validator;
        this.json = json;
    }

    @Transactional
    public ImportReport run(File body, boolean csv, boolean dryRun, boolean publish, Caller caller) {
        if (publish && !caller.hasAtLeast(Role.EDITOR)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "Importing published records needs the editor role; this token is a "
                    + caller.role() + "'s.");
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
        if (state.badRows > 0) {
            String more = state.errors.size() < state.errorCount ? " (the first " + state.errors.size() + " errors are listed)" : "";
            throw new ApiProblem(ProblemType.IMPORT_REJECTED, state.badRows + " of " + state.rows
                    + " rows break rules; nothing was written" + more + ".", state.errors);
        }
        if (state.rows == 0) {
            throw new ApiProblem(ProblemType.INVALID_BODY, "The import holds no rows.");
        }
        return new ImportReport().dryRun(dryRun).published(publish).rows(state.rows)
                .written(dryRun ? 0L : state.rows);
    }

    private void take(ImportRows.Row row, State state, boolean dryRun, boolean publish, Caller caller) {
        state.rows++;
        List<ProblemError> errors = new ArrayList<>(row.errors());
        CaseInputReader.Result content = null;
        if (errors.isEmpty()) {
            content = reader.read(row.document());
            errors.addAll(content.errors());
        }
        if (errors.isEmpty()) {
            errors.addAll(validator.check(content.input(), null, curation::exists));
        }
        if (!errors.isEmpty()) {
            state.badRows++;
            state.errorCount += errors.size();
            errors.stream().limit(Math.max(0, MAX_REPORTED - state.errors.size()))
                    .forEach(e -> state.errors.add(e.line(row.line())));
            return;
        }
        if (dryRun || state.badRows > 0) {
            return; // keep checking the rest, write nothing more
        }
        curation.insert(content.input(), publish ? "published" : "draft", caller, RevisionLog.Action.IMPORT,
                "import" + (publish ? ", published" : ""));
        em.clear(); // written and flushed: keep the persistence context (and each flush's dirty check) small

    }

    private static Reader utf8(File body) throws IOException {
        return new java.io.InputStreamReader(Files.newInputStream(body.toPath()), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Counters of one import. */
    private static final class State {
        long rows;
        long badRows;
        long errorCount;
        final List<ProblemError> errors = new ArrayList<>();
    }
}
