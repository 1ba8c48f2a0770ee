package org.armstrace.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.armstrace.api.model.CaseInput;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.http.Contract;
import org.armstrace.common.http.SchemaCheck;

/**
 * Reads record content that did not come through a checked request body (the result of a merge patch,
 * a row of an import): checked against the contract's {@code CaseInput} schema first, so that every
 * problem is named by field and rule rather than failing on the first.
 */
@ApplicationScoped
public class CaseInputReader {

    /** The content, or the errors that stop it being read. */
    public record Result(CaseInput input, List<ProblemError> errors) {}

    private final SchemaCheck schema;
    private final ObjectMapper json;

    public CaseInputReader(Contract contract, ObjectMapper json) {
        this.schema = SchemaCheck.of(contract, contract.schema("CaseInput"), "CaseInput");
        this.json = json;
    }

    public Result read(JsonNode document) {
        List<ProblemError> errors = schema.check(document);
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        try {
            return new Result(json.treeToValue(document, CaseInput.class), List.of());
        } catch (JsonProcessingException e) {
            return new Result(
                    null,
                    List.of(org.armstrace.common.error.ApiProblem.error(
                            "(body)", ProblemError.InEnum.BODY, "type", "cannot be read as a case record")));
        }
    }
}
