package org.armstrace.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's public absolute base URL, without a trailing slash, for links in documents (Atom, JSON-LD,
 * citations). It comes from configuration ({@code armstrace.public-base-url}, env ARMSTRACE_PUBLIC_BASE_URL),
 * never from the request: a {@code Host} header chosen by a client must not end up in answers that are
 * cached and served to others.
 */
@ApplicationScoped
public class BaseUri {

    private final String base;

    public BaseUri(
            @ConfigProperty(name = "armstrace.public-base-url", defaultValue = "http://localhost:8080")
                    String configured) {
        this.base = checked(configured);
    }

    /** The base URL, for example {@code https://armstrace.example.org} (no trailing slash). */
    public String get() {
        return base;
    }

    static String checked(String configured) {
        String value = configured == null ? "" : configured.strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = new URI(value);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "armstrace.public-base-url (ARMSTRACE_PUBLIC_BASE_URL) is not a valid URL: " + value);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalStateException("armstrace.public-base-url (ARMSTRACE_PUBLIC_BASE_URL) must be an absolute"
                    + " http(s) URL without query or fragment, such as https://armstrace.example.org: " + value);
        }
        return value;
    }
}
