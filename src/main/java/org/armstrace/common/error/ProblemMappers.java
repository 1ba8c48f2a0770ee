package org.armstrace.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.http.Contract;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem answer. A client mistake is never a 500, and no stack
 * trace or class name ever leaves the server: unexpected faults are logged here and answered blandly.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Contract contract;

    public ProblemMappers(Contract contract) {
        this.contract = contract;
    }

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        return ProblemResponses.of(problem, path(uri));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return ProblemResponses.builder(
                        ProblemType.NOT_FOUND, "There is no resource at " + path(uri) + ".", List.of(), path(uri))
                .build();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri, jakarta.ws.rs.core.Request request) {
        String allow = String.join(", ", contract.allowedMethods(path(uri)));
        return ProblemResponses.builder(
                        ProblemType.METHOD_NOT_ALLOWED,
                        request.getMethod() + " is not allowed on " + path(uri) + "; allowed: " + allow + ".",
                        List.of(),
                        path(uri))
                .header(HttpHeaders.ALLOW, allow)
                .build();
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri, HttpHeaders headers) {
        String accept = ProblemResponses.shorten(String.join(", ", headers.getRequestHeader(HttpHeaders.ACCEPT)));
        String detail = "None of the media types in Accept (" + accept + ") can be produced for " + path(uri)
                + ". Ask for application/json.";
        return ProblemResponses.builder(
                        ProblemType.NOT_ACCEPTABLE,
                        detail,
                        List.of(ApiProblem.error(
                                HttpHeaders.ACCEPT,
                                ProblemError.InEnum.HEADER,
                                "acceptable",
                                accept + " cannot be produced")),
                        path(uri))
                .build();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, UriInfo uri, HttpHeaders headers) {
        String type = ProblemResponses.shorten(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        return ProblemResponses.builder(
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "The request body's media type (" + type + ") is not accepted at " + path(uri) + ".",
                        List.of(ApiProblem.error(
                                HttpHeaders.CONTENT_TYPE,
                                ProblemError.InEnum.HEADER,
                                "supported",
                                type + " is not accepted")),
                        path(uri))
                .build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return ProblemResponses.builder(
                        ProblemType.MALFORMED_REQUEST,
                        "The request body is not valid JSON" + where + ".",
                        List.of(),
                        path(uri))
                .build();
    }

    @ServerExceptionMapper
    public Response otherWebError(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        if (status == 413) {
            return ProblemResponses.builder(
                            ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large.", List.of(), path(uri))
                    .build();
        }
        return ProblemResponses.builder(
                        ProblemType.MALFORMED_REQUEST, "The request could not be understood.", List.of(), path(uri))
                .build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseOutage.isOutage(e)) {
            LOG.warnf("The database is unavailable answering %s: %s", path(uri), e.getMessage());
            return ProblemResponses.builder(
                            ProblemType.SERVICE_UNAVAILABLE,
                            "The database is not reachable just now; retry in " + DatabaseOutage.RETRY_AFTER_SECONDS
                                    + " s.",
                            List.of(),
                            path(uri))
                    .header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
                    .build();
        }
        if (e instanceof java.io.IOException && "Request too large".equals(e.getMessage())) {
            // a streamed body past quarkus.http.limits.max-body-size (a backstop above armstrace.limits.body-size,
            // which StreamedBodyLimit answers first): Quarkus has already answered 413 and closed
            return ProblemResponses.builder(
                            ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large.", List.of(), path(uri))
                    .build();
        }
        if (UnstorableValue.isUnstorable(e)) {
            LOG.warnf("A value the database cannot store reached it answering %s: %s", path(uri), e.getMessage());
            return ProblemResponses.builder(
                            ProblemType.MALFORMED_REQUEST,
                            "The request holds a value that cannot be stored (a control character, or a number out of range).",
                            List.of(),
                            path(uri))
                    .build();
        }
        if (ClientHangUp.is(e)) {
            // the answer was under way: nothing more can be sent, and nothing is wrong with the service
            LOG.infof("The client of %s went away before its answer was sent (%s)", path(uri), e.getMessage());
            return Response.status(Response.Status.INTERNAL_SERVER_ERROR).build();
        }
        LOG.errorf(e, "Unexpected fault answering %s", path(uri));
        return ProblemResponses.builder(
                        ProblemType.INTERNAL_ERROR,
                        "The server could not answer. The fault has been logged; please retry later.",
                        List.of(),
                        path(uri))
                .build();
    }

    /** The request path, shortened so that a problem never echoes an unbounded input. */
    private static String path(UriInfo uri) {
        return uri == null ? null : ProblemResponses.shorten(uri.getRequestUri().getRawPath());
    }
}
