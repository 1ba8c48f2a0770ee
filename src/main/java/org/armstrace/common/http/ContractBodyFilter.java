package org.armstrace.common.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks every JSON request body against the schema the contract declares for the operation, before
 * it is bound: size (413), syntax (400 with line and column), then every schema violation at once,
 * unknown fields included, each named by its JSON path (400), together with the text no input may carry
 * ({@link InputText}) and the rules a feature adds for its bodies ({@link BodyRules}), so that a body's
 * every error is reported in one answer.
 */
public class ContractBodyFilter {

    private final Contract contract;
    private final ObjectMapper json;
    private final long maxBytes;
    private final Map<String, SchemaCheck> schemas = new ConcurrentHashMap<>();
    private final List<BodyRules> rules;

    public ContractBodyFilter(
            Contract contract,
            ObjectMapper json,
            @ConfigProperty(name = "armstrace.limits.json-body-bytes") long maxBytes,
            jakarta.enterprise.inject.Instance<BodyRules> rules) {
        this.contract = contract;
        this.rules = rules.stream().toList();
        this.json = json;
        this.maxBytes = maxBytes;
    }

    @ServerRequestFilter(priority = Priorities.ENTITY_CODER)
    public void checkBody(ContainerRequestContext request, ResourceInfo resource) throws IOException {
        if (resource == null || resource.getResourceMethod() == null) {
            return;
        }
        Contract.Operation operation =
                contract.operation(resource.getResourceMethod().getName()).orElse(null);
        if (operation == null || operation.jsonBodySchema() == null || !request.hasEntity()) {
            return;
        }
        byte[] body = readLimited(request.getEntityStream());
        JsonNode document = parse(body);
        List<ProblemError> errors = new ArrayList<>(InputText.check(document));
        errors.addAll(schemaOf(operation).check(document));
        errors.addAll(rules.stream()
                .flatMap(r -> r.check(operation.id(), document, errors).stream())
                .toList());
        if (!errors.isEmpty()) {
            throw new ApiProblem(
                    ProblemType.INVALID_BODY,
                    errors.size() == 1 ? "1 field breaks the contract." : errors.size() + " fields break the contract.",
                    errors);
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    private SchemaCheck schemaOf(Contract.Operation operation) {
        return schemas.computeIfAbsent(operation.id(), id -> SchemaCheck.of(contract, operation.jsonBodySchema(), id));
    }

    private byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            throw new ApiProblem(
                    ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes.");
        }
        return body;
    }

    /** Syntax errors propagate as Jackson's exception, which ProblemMappers answers with line and column. */
    private JsonNode parse(byte[] body) throws IOException {
        JsonNode node = json.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(body);
        if (node == null || node.isMissingNode()) {
            throw new ApiProblem(
                    ProblemType.MALFORMED_REQUEST, "The request body is empty; a JSON document is expected.");
        }
        return node;
    }
}
