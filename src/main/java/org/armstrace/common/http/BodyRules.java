package org.armstrace.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.armstrace.api.model.ProblemError;

/**
 * Rules a feature checks on a JSON request body beside the contract's schema, so that one answer names
 * every error of the body (implemented by curation for case records, which common cannot import).
 */
public interface BodyRules {

    /**
     * The errors of the body of this operation beyond {@code contractErrors} (the schema's and
     * {@link InputText}'s, already found); empty when the operation is not this feature's.
     */
    List<ProblemError> check(String operationId, JsonNode body, List<ProblemError> contractErrors);
}
