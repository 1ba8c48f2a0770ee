package org.armstrace.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.armstrace.api.model.CaseInput;
import org.armstrace.api.model.ProblemError;
import org.armstrace.cases.CaseValidator;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.http.Contract;
import org.armstrace.common.http.InputText;
import org.armstrace.common.http.SchemaCheck;

/**
 * Reads record content: a create's or replacement's body, the result of a merge patch, a row of an
 * import. Every error is named at once, by field and rule: the text no input may carry, the contract's
 * {@code CaseInput} schema, and, when those already fail, the dataset's rules on the fields that could
 * be read (so a curator fixes a row in one round trip, not one per error).
 */
@ApplicationScoped
public class CaseInputReader {

    /** The content, or the errors that stop it being read. */
    public record Result(CaseInput input, List<ProblemError> errors) {}

    private final SchemaCheck schema;
    private final ObjectMapper json;
    private final CaseValidator validator;

    public CaseInputReader(Contract contract, ObjectMapper json, CaseValidator validator) {
        this.schema = SchemaCheck.of(contract, contract.schema("CaseInput"), "CaseInput");
        this.json = json;
        this.validator = validator;
    }

    /**
     * The content when it meets the contract (the caller then checks the dataset's rules), or every
     * error: the contract's, plus the rules' on the fields without a contract error.
     */
    public Result read(JsonNode document, Predicate<String> recordExists) {
        List<ProblemError> errors = new ArrayList<>(InputText.check(document));
        errors.addAll(schema.check(document));
        if (errors.isEmpty()) {
            try {
                return new Result(json.treeToValue(document, CaseInput.class), List.of());
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return new Result(null, List.of(unreadable()));
            }
        }
        errors.addAll(rulesOnTheRest(document, errors, recordExists));
        return new Result(null, errors);
    }

    /** The rules' errors on the fields that have no error yet (those with one are left out of the check). */
    List<ProblemError> rulesOnTheRest(JsonNode document, List<ProblemError> known, Predicate<String> recordExists) {
        if (!(document instanceof ObjectNode object)) {
            return List.of();
        }
        Set<String> reported = new TreeSet<>();
        known.forEach(e -> reported.add(field(e.getName())));
        if (reported.contains("latitude") || reported.contains("longitude")) {
            reported.addAll(List.of("latitude", "longitude")); // the rules check them as a pair
        }
        if (reported.contains("(body)")) {
            return List.of();
        }
        ObjectNode rest = object.deepCopy();
        for (String field : reported) {
            JsonNode value = rest.get(field);
            if (value == null) {
                continue;
            }
            // emptied, not removed: the model's creator needs its required properties present
            if (value.isArray()) {
                rest.putArray(field);
            } else if (value.isObject()) {
                rest.putObject(field);
            } else {
                rest.putNull(field);
            }
        }
        CaseInput input;
        try {
            input = json.treeToValue(rest, CaseInput.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return List.of();
        }
        return validator.check(input, null, recordExists).stream()
                .filter(e -> !reported.contains(field(e.getName())))
                .toList();
    }

    /** The top-level field of an error's JSON path ({@code sources[0].url} -> {@code sources}). */
    private static String field(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }

    private static ProblemError unreadable() {
        return ApiProblem.error("(body)", ProblemError.InEnum.BODY, "type", "cannot be read as a case record");
    }
}
