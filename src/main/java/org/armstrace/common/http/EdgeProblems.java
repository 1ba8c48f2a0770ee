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
 * body instead: a body whose Content-Length is over the limit (Quarkus answers an empty 413; a body sent
 * without a Content-Length is counted by {@link StreamedBodyLimit}) and a query
 * with a broken percent-escape such as {@code cursor=%ZZ}, or any URI that {@link java.net.URI} refuses
 * (Quarkus answers an empty 400 unless {@code vertx.disableURIValidation} is set, as {@code Main} and the
 * tests set it: this check takes its place). A query holding UTF-8 sent without percent-encoding is
 * percent-encoded and routed again, so it is read as the UTF-8 it is. A request URI longer than
 * {@value #URI_MAX} characters gets a 414 problem: Vert.x reads request lines of up to 1 MiB
 * ({@code quarkus.http.limits.max-initial-line-length}) so that this check, not its bare 414, answers them
 * (Quarkus gives no hook to replace the answer Vert.x sends for a line over its limit). It runs before
 * Quarkus's own body-size check (order -2).
 */
@ApplicationScoped
public class EdgeProblems {

    /** The longest request URI answered (as sent, in characters): the contract's bound for links and instances. */
    static final int URI_MAX = 32_768;

    /** Set on a request routed again with its query percent-encoded: its URI was checked as the client sent it. */
    private static final String REROUTED = EdgeProblems.class.getName() + ".rerouted";

    private final ObjectMapper json;
    private final long maxBodyBytes;

    public EdgeProblems(ObjectMapper json, @ConfigProperty(name = "armstrace.limits.body-size") MemorySize maxBody) {
        this.json = json;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void route(@Observes Router router) {
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext context) {
        if (context.get(REROUTED) == null && context.request().uri().length() > URI_MAX) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            answer(
                    context,
                    ProblemType.URI_TOO_LONG,
                    "The request URI is longer than " + URI_MAX + " characters.",
                    List.of());
            return;
        }
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
        String query = context.request().query();
        if (query != null && query.chars().anyMatch(c -> c > 0x7F)) {
            // UTF-8 sent without percent-encoding (curl -g, many clients): the request line's bytes reach us
            // one char each; encode them, so that every reader of the query decodes the UTF-8 it is
            context.put(REROUTED, Boolean.TRUE);
            context.reroute(context.request().method(), context.request().path() + "?" + percentEncoded(query));
            return;
        }
        String badParameter = brokenEscape(query);
        if (badParameter == null && !validUri(context.request().uri())) {
            answer(
                    context,
                    ProblemType.MALFORMED_REQUEST,
                    "The request's URI is not a valid URI (RFC 3986).",
                    List.of());
            return;
        }
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

    /** The query with every byte beyond ASCII (a char up to 0xFF each; UTF-8 of anything above) as %XX. */
    static String percentEncoded(String query) {
        StringBuilder out = new StringBuilder(query.length() + 16);
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c <= 0x7F) {
                out.append(c);
            } else if (c <= 0xFF) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
        }
        return out.toString();
    }

    private static boolean validUri(String uri) {
        try {
            new java.net.URI(uri);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
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
