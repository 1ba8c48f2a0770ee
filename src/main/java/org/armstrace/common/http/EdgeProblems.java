package org.armstrace.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemResponses;
import org.armstrace.common.error.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Requests that the HTTP layer would refuse with a bare status before any resource sees them get a problem
 * body instead: a body whose Content-Length is over the limit (Quarkus answers an empty 413) and a query
 * with a broken percent-escape such as {@code cursor=%ZZ} (Vert.x answers an empty 400). It runs before
 * Quarkus's own body-size check (order -2).
 */
@ApplicationScoped
public class EdgeProblems {

    private final ObjectMapper json;
    private final long maxBodyBytes;

    public EdgeProblems(
            ObjectMapper json, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.json = json;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void route(@Observes Router router) {
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > maxBodyBytes) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            answer(
                    context,
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + maxBodyBytes + " bytes.",
                    List.of());
            return;
        }
        String badParameter = brokenEscape(context.request().query());
        if (badParameter != null) {
            answer(
                    context,
                    ProblemType.INVALID_PARAMETER,
                    badParameter + " is not valid percent-encoded UTF-8",
                    List.of(ApiProblem.queryError(badParameter, "encoding", "is not valid percent-encoded UTF-8")));
            return;
        }
        context.next();
    }

    /** The name of the first query parameter with a {@code %} not followed by two hex digits, or null. */
    static String brokenEscape(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            for (int i = pair.indexOf('%'); i >= 0; i = pair.indexOf('%', i + 1)) {
                if (i + 2 >= pair.length()
                        || Character.digit(pair.charAt(i + 1), 16) < 0
                        || Character.digit(pair.charAt(i + 2), 16) < 0) {
                    int eq = pair.indexOf('=');
                    String name =
                            eq < 0 || eq > i ? pair.substring(0, Math.min(pair.length(), 40)) : pair.substring(0, eq);
                    return name.chars().allMatch(c -> c >= 0x21 && c < 0x7F) && !name.contains("%") ? name : "(query)";
                }
            }
        }
        return null;
    }

    private void answer(RoutingContext context, ProblemType type, String detail, List<ProblemError> errors) {
        String body;
        try {
            body = json.writeValueAsString(ProblemResponses.problem(
                    type,
                    detail,
                    errors,
                    ProblemResponses.shorten(context.request().path())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response()
                .setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }
}
