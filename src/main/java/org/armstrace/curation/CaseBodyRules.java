package org.armstrace.curation;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.armstrace.common.http.BodyRules;

/**
 * A create's or replacement's body that breaks the contract is refused before it is bound: this adds the
 * dataset's rules on the fields that could be read, so that the answer names every error of the record
 * at once (a body that meets the contract is checked by {@link CurationService} after binding).
 */
@ApplicationScoped
public class CaseBodyRules implements BodyRules {

    private static final Set<String> CASE_INPUT_BODIES = Set.of("createDraft", "replaceCase");

    private final CaseInputReader reader;
    private final Jdbc db;

    public CaseBodyRules(CaseInputReader reader, Jdbc db) {
        this.reader = reader;
        this.db = db;
    }

    @Override
    public List<ProblemError> check(String operationId, JsonNode body, List<ProblemError> contractErrors) {
        if (!CASE_INPUT_BODIES.contains(operationId) || contractErrors.isEmpty()) {
            return List.of();
        }
        return reader.rulesOnTheRest(body, contractErrors, this::exists);
    }

    private boolean exists(String publicId) {
        return db.first(Sql.of("select 1 from case_record where public_id = ?", publicId), row -> 1)
                .isPresent();
    }
}
