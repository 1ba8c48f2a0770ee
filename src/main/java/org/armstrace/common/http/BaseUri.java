package org.armstrace.common.http;

import jakarta.ws.rs.core.UriInfo;

/** The service's absolute base URI, without a trailing slash, for links in documents (Atom, JSON-LD, citations). */
public final class BaseUri {

    private BaseUri() {
    }

    public static String of(UriInfo uri) {
        return uri.getBaseUri().toString().replaceAll("/+$", "");
    }
}
