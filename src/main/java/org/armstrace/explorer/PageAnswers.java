package org.armstrace.explorer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.armstrace.common.http.DatasetState;
import org.armstrace.common.http.HttpPolicies;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pages are cached like the API's answers: a live page has a weak ETag of its URL and of the dataset's
 * state (last revision, last release), so a conditional GET answers 304 before anything is read or
 * rendered; a page about one release never changes and is cached for good.
 */
@ApplicationScoped
public class PageAnswers {

    static final String HTML = "text/html; charset=UTF-8";

    private final DatasetState dataset;
    private final long liveMaxAge;

    public PageAnswers(DatasetState dataset, @ConfigProperty(name = "armstrace.cache.live-max-age") long liveMaxAge) {
        this.dataset = dataset;
        this.liveMaxAge = liveMaxAge;
    }

    /** A live page: it changes when the dataset does. */
    Response live(UriInfo uri, HttpHeaders headers, String type, Supplier<Object> body) {
        return answer(uri, headers, type, dataset.state(), "public, max-age=" + liveMaxAge, body);
    }

    /** A page about one release (or pinned to one): the same bytes for good. */
    Response immutable(UriInfo uri, HttpHeaders headers, String type, Supplier<Object> body) {
        return answer(uri, headers, type, "release", HttpPolicies.IMMUTABLE, body);
    }

    private static Response answer(
            UriInfo uri, HttpHeaders headers, String type, String state, String caching, Supplier<Object> body) {
        EntityTag tag = new EntityTag(
                hash(uri.getRequestUri().getRawPath() + "?"
                        + uri.getRequestUri().getRawQuery() + "|" + state),
                true);
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
            return Response.notModified(tag)
                    .header(HttpHeaders.CACHE_CONTROL, caching)
                    .header("Vary", "Accept-Encoding")
                    .build();
        }
        return Response.ok(body.get(), type)
                .tag(tag)
                .header(HttpHeaders.CACHE_CONTROL, caching)
                .header("Vary", "Accept-Encoding")
                .build();
    }

    /** An error page, never cached. */
    static Response error(int status, String html) {
        return Response.status(status)
                .type(HTML)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(html)
                .build();
    }

    private static boolean matches(String ifNoneMatch, EntityTag tag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals("\"" + tag.getValue() + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
