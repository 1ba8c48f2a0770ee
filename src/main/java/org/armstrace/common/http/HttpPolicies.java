package org.armstrace.common.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.armstrace.common.error.ProblemResponses;
import org.armstrace.common.error.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every API answer gets from the web's point of view: rate limits (with RateLimit and
 * RateLimit-Policy headers, 429 when exceeded), ETags and conditional GETs (304), Cache-Control and
 * Vary. Live public answers have a weak ETag of the request and of the dataset's last revision, so a
 * conditional GET answers 304 before any query runs; a resource may set its own ETag instead.
 */
public class HttpPolicies {

    /** Cache-Control of answers that never change: about one release, or pinned to one. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private static final String ETAG = "armstrace.etag";
    /** Operations that tag their own answers (a record's version, a release's content). */
    private static final Set<String> OWN_TAGS =
            Set.of("getCase", "getRelease", "getReleaseCase", "getReleaseFile", "getReleaseChanges");

    private static final String LIMIT = "armstrace.rate-limit";
    private static final String VARY = "Accept, Accept-Encoding";

    private final Contract contract;
    private final RateLimiter limiter;
    private final TokenCheck tokens;
    private final DatasetState dataset;
    private final long liveMaxAge;

    public HttpPolicies(
            Contract contract,
            RateLimiter limiter,
            TokenCheck tokens,
            DatasetState dataset,
            @ConfigProperty(name = "armstrace.cache.live-max-age") long liveMaxAge) {
        this.contract = contract;
        this.limiter = limiter;
        this.tokens = tokens;
        this.dataset = dataset;
        this.liveMaxAge = liveMaxAge;
    }

    /**
     * Every request to a resource (the API and the explorer's pages, which run the same queries) takes from
     * the client's one budget; static files, health and metrics are Vert.x routes and never come here.
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public Optional<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        if (!limiter.enabled()) {
            return Optional.empty();
        }
        RateLimiter.Decision decision = limiter.take(
                http.remoteAddress() == null ? "unknown" : http.remoteAddress().host(),
                tokenKey(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        request.setProperty(LIMIT, decision);
        if (decision.allowed()) {
            return Optional.empty();
        }
        return Optional.of(ProblemResponses.builder(
                        ProblemType.TOO_MANY_REQUESTS,
                        "More than " + decision.limit() + " requests a minute from this client; retry in "
                                + decision.retryAfterSeconds() + " s.",
                        List.of(),
                        request.getUriInfo().getRequestUri().getRawPath())
                .header("Retry-After", decision.retryAfterSeconds())
                .header("RateLimit-Policy", decision.policyHeader())
                .header("RateLimit", decision.rateLimitHeader())
                .build());
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Optional<Response> conditionalGet(ContainerRequestContext request, ResourceInfo resource) {
        if (!isPublicRead(request, resource)
                || OWN_TAGS.contains(resource.getResourceMethod().getName())) {
            return Optional.empty();
        }
        // an answer pinned to a release never changes; a live one changes with the revision log
        String state = isPinned(request) ? "release" : dataset.state();
        EntityTag tag = new EntityTag(
                hash(request.getUriInfo().getRequestUri().getRawPath() + "?"
                        + request.getUriInfo().getRequestUri().getRawQuery() + "|"
                        + request.getHeaderString(HttpHeaders.ACCEPT)
                        + "|" + state),
                true);
        request.setProperty(ETAG, tag);
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            return Optional.of(notModified(tag, request));
        }
        return Optional.empty();
    }

    @ServerResponseFilter
    public void decorate(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        if (!request.getUriInfo().getPath().startsWith("/v1/")) {
            return;
        }
        if (request.getProperty(LIMIT) instanceof RateLimiter.Decision decision) {
            response.getHeaders().putSingle("RateLimit-Policy", decision.policyHeader());
            response.getHeaders().putSingle("RateLimit", decision.rateLimitHeader());
        }
        response.getHeaders().putSingle("Vary", VARY);
        if (response.getStatus() >= 400) {
            return;
        }
        boolean publicRead = isPublicRead(request, resource);
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders()
                    .putSingle(HttpHeaders.CACHE_CONTROL, publicRead ? publicCaching(request) : "no-store");
        }
        if (!publicRead) {
            return;
        }
        if (request.getProperty(ETAG) instanceof EntityTag tag && response.getStatus() == 200) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, tag.toString());
        }
        Object own = response.getHeaders().getFirst(HttpHeaders.ETAG);
        if (own != null
                && response.getStatus() == 200
                && matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), EntityTag.valueOf(own.toString()))) {
            response.setStatus(304);
            response.setEntity(null);
        }
    }

    private Response notModified(EntityTag tag, ContainerRequestContext request) {
        Response.ResponseBuilder builder = Response.notModified(tag)
                .header(HttpHeaders.CACHE_CONTROL, publicCaching(request))
                .header("Vary", VARY);
        if (request.getProperty(LIMIT) instanceof RateLimiter.Decision decision) {
            builder.header("RateLimit-Policy", decision.policyHeader()).header("RateLimit", decision.rateLimitHeader());
        }
        return builder.build();
    }

    /** A public answer pinned to a release ({@code release=}) never changes; a live one may, after a while. */
    private String publicCaching(ContainerRequestContext request) {
        return isPinned(request) ? IMMUTABLE : "public, max-age=" + liveMaxAge;
    }

    private static boolean isPinned(ContainerRequestContext request) {
        return QueryValues.has(request, "release");
    }

    /** GET or HEAD of an operation that needs no token. */
    private boolean isPublicRead(ContainerRequestContext request, ResourceInfo resource) {
        String method = request.getMethod();
        if (!(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                || resource == null
                || resource.getResourceMethod() == null) {
            return false;
        }
        return contract.operation(resource.getResourceMethod().getName())
                .map(op -> op.requiredRole() == null)
                .orElse(false);
    }

    /** Weak comparison (RFC 9110 13.1.2): any listed tag with the same opaque value, or "*". */
    static boolean matches(String ifNoneMatch, EntityTag tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("\"" + tag.getValue() + "\"")) {
                return true;
            }
        }
        return false;
    }

    /** A key for a working token's bucket (a hash, never the secret); null without one, or for a bad one. */
    private String tokenKey(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String secret = authorization.substring(7).strip();
        return tokens.isValid(secret) ? hash(secret) : null;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
