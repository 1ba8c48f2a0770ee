package org.armstrace.common.error;

/**
 * The stable kinds of problem answers; clients branch on {@link #uri()}. A 400 always means that
 * something in the request itself is wrong (a parameter, a header, a body field, a row of an import, a
 * rule of the codebook) and names it; 422 means only that an Idempotency-Key was used before with
 * another body.
 */
public enum ProblemType {
    INVALID_PARAMETER(400, "invalid-parameter", "Invalid request parameter"),
    INVALID_BODY(400, "invalid-body", "Invalid request body"),
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict"),
    RETRACTED(410, "retracted", "Retracted"),
    PRECONDITION_FAILED(412, "precondition-failed", "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    URI_TOO_LONG(414, "uri-too-long", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency key reused"),
    IMPORT_REJECTED(400, "import-rejected", "Import rejected"),
    PRECONDITION_REQUIRED(428, "precondition-required", "Precondition required"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    INTERNAL_ERROR(500, "internal-error", "Internal error"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return "/problems/" + slug;
    }

    public String title() {
        return title;
    }
}
