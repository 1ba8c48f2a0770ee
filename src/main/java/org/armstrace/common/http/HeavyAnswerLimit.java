package org.armstrace.common.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.armstrace.common.error.ProblemResponses;
import org.armstrace.common.error.ProblemType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Heavy answers stream for as long as their client takes to read them: exports of {@code /v1/cases}
 * (CSV, NDJSON, GeoJSON), release files and changes between releases. A client may have at most
 * {@code armstrace.heavy-answers.per-client} of them under way at once, and all clients together
 * {@code armstrace.heavy-answers.total}; one more is refused at once with a 429 problem and
 * Retry-After. A place is given back when its answer ends: sent, failed, or its connection closed.
 */
public class HeavyAnswerLimit {

    /** Seconds a refused client is asked to wait: about what a typical export takes. */
    static final int RETRY_AFTER_SECONDS = 10;

    private static final Set<String> HEAVY = Set.of("getReleaseFile", "getReleaseChanges");

    private final HeavyAnswers answers;

    public HeavyAnswerLimit(HeavyAnswers answers) {
        this.answers = answers;
    }

    // after the rate limit (a request over budget takes no place) and conditional GETs (a 304 is light)
    @ServerRequestFilter(priority = Priorities.USER + 200)
    public Optional<Response> limit(ContainerRequestContext request, ResourceInfo resource, RoutingContext routing) {
        if (!isHeavy(request, resource)) {
            return Optional.empty();
        }
        String client = routing.request().remoteAddress() == null
                ? "unknown"
                : routing.request().remoteAddress().host();
        HeavyAnswers.Refusal refusal = answers.take(client);
        if (refusal == null) {
            AtomicBoolean released = new AtomicBoolean();
            routing.addEndHandler(ended -> {
                if (released.compareAndSet(false, true)) {
                    answers.release(client);
                }
            });
            return Optional.empty();
        }
        String detail = refusal == HeavyAnswers.Refusal.CLIENT_BUSY
                ? "This client already has " + answers.perClient()
                        + " downloads (exports, release files or release changes)"
                        + " under way; retry when one of them has finished."
                : "The service is already sending " + answers.total() + " downloads (exports, release files or release"
                        + " changes); retry in " + RETRY_AFTER_SECONDS + " s.";
        return Optional.of(ProblemResponses.builder(
                        ProblemType.TOO_MANY_REQUESTS,
                        detail,
                        List.of(),
                        request.getUriInfo().getRequestUri().getRawPath())
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build());
    }

    private static boolean isHeavy(ContainerRequestContext request, ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return false;
        }
        String operation = resource.getResourceMethod().getName();
        if (HEAVY.contains(operation)) {
            return true;
        }
        return operation.equals("listCases")
                && ExportFormat.chosen(
                                request.getUriInfo().getQueryParameters().getFirst("format"),
                                request.getAcceptableMediaTypes())
                        .isPresent();
    }
}
