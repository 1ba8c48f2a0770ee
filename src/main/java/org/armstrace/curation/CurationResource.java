package org.armstrace.curation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.File;
import java.net.URI;
import java.util.List;
import org.armstrace.api.CurationApi;
import org.armstrace.api.model.CaseInput;
import org.armstrace.api.model.CaseList;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.api.model.Retraction;
import org.armstrace.api.model.TokenCreated;
import org.armstrace.api.model.TokenList;
import org.armstrace.api.model.TokenRequest;
import org.armstrace.cases.CaseMapper;
import org.armstrace.common.http.RecordETags;
import org.armstrace.common.http.StreamedBody;

/**
 * The curation API. Authentication and role checks happen before it (see {@link AuthFilter}); bodies
 * have been checked against the contract; each method calls one service and shapes the answer.
 */
@StreamedBody // imports are the large bodies; curation requests are few, reads never pay for the count
public class CurationResource implements CurationApi {

    private final TokenService tokens;
    private final CurationService curation;
    private final IdempotentCreates creates;
    private final IdempotentImports imports;
    private final CurationQueries queries;
    private final CurrentCaller caller;
    private final HttpHeaders headers;
    private final ObjectMapper json;

    public CurationResource(
            TokenService tokens,
            CurationService curation,
            IdempotentCreates creates,
            IdempotentImports imports,
            CurationQueries queries,
            CurrentCaller caller,
            HttpHeaders headers,
            ObjectMapper json) {
        this.tokens = tokens;
        this.curation = curation;
        this.creates = creates;
        this.imports = imports;
        this.queries = queries;
        this.caller = caller;
        this.headers = headers;
        this.json = json;
    }

    @Override
    public Response createToken(TokenRequest request) {
        TokenCreated token = tokens.create(request.getName(), request.getRole());
        return Response.created(URI.create("/v1/curation/tokens/" + token.getId()))
                .entity(token)
                .header("Cache-Control", "no-store")
                .build();
    }

    @Override
    public Response listTokens() {
        return Response.ok(new TokenList().items(tokens.list())).build();
    }

    @Override
    public Response revokeToken(Long tokenId) {
        tokens.revoke(tokenId);
        return Response.noContent().build();
    }

    @Override
    public Response createDraft(CaseInput input, String idempotencyKey) {
        IdempotentCreates.Created created = creates.create(input, idempotencyKey, caller.get());
        return withETag(
                        Response.created(URI.create(
                                "/v1/curation/cases/" + created.record().getId())),
                        created.record())
                .header("Idempotent-Replayed", created.replayed() ? "true" : null)
                .build();
    }

    @Override
    public Response listCurationCases(List<String> status, Integer limit, String cursor) {
        CaseList page = queries.list(status, limit, cursor);
        return Response.ok(page).build();
    }

    @Override
    public Response getCurationCase(String id) {
        return withETag(Response.ok(), CaseMapper.toApi(curation.find(id))).build();
    }

    @Override
    public Response replaceCase(String id, String ifMatch, CaseInput input, String note) {
        return changed(curation.replace(id, ifMatch, input, note, caller.get()));
    }

    @Override
    public Response patchCase(String id, String ifMatch, Object body, String note) {
        JsonNode patch = json.valueToTree(body);
        return changed(curation.patch(id, ifMatch, patch, note, caller.get()));
    }

    @Override
    public Response publishCase(String id, String ifMatch, String note) {
        return changed(curation.publish(id, ifMatch, note, caller.get()));
    }

    @Override
    public Response retractCase(String id, String ifMatch, Retraction retraction) {
        return changed(curation.retract(id, ifMatch, retraction, caller.get()));
    }

    @Override
    public Response importCases(File body, Boolean dryRun, Boolean publish, String idempotencyKey) {
        MediaType type = headers.getMediaType();
        boolean csv = type != null && type.isCompatible(MediaType.valueOf("text/csv"));
        IdempotentImports.Outcome outcome = imports.run(body, csv, dryRun, publish, idempotencyKey, caller.get());
        return Response.ok(outcome.report())
                .header("Idempotent-Replayed", outcome.replayed() ? "true" : null)
                .build();
    }

    private static Response changed(CaseRecord record) {
        return withETag(Response.ok(), record).build();
    }

    private static Response.ResponseBuilder withETag(Response.ResponseBuilder builder, CaseRecord record) {
        return builder.entity(record)
                .tag(RecordETags.entityTag(record.getVersion(), false))
                .header("Cache-Control", "no-store");
    }
}
