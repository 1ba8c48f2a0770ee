package org.armstrace.codebook;

import jakarta.ws.rs.core.Response;
import org.armstrace.api.CodebookApi;

/** Serves the codebook and the JSON Schema of a case record. */
public class CodebookResource implements CodebookApi {

    private final Codebook codebook;
    private final CaseRecordSchema schema;

    public CodebookResource(Codebook codebook, CaseRecordSchema schema) {
        this.codebook = codebook;
        this.schema = schema;
    }

    @Override
    public Response getCodebook() {
        return Response.ok(codebook.document()).build();
    }

    @Override
    public Response getCaseRecordSchema() {
        return Response.ok(schema.document(), "application/schema+json").build();
    }
}
