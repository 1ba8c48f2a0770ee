package org.armstrace.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemResponses;
import org.armstrace.common.error.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body sent without a Content-Length ({@code Transfer-Encoding: chunked}) is counted as it is read: past
 * {@code armstrace.limits.body-size} it is refused with the 413 problem that {@link EdgeProblems} answers
 * to a Content-Length over the same limit, the refusal is logged, and the connection is closed. Quarkus's
 * own limit ({@code quarkus.http.limits.max-body-size}, which answers an empty 413) is set above it, so
 * that this count always reaches the limit first. It runs only for the operations marked {@link StreamedBody}
 * (a global filter here cost the read path 40 % or more of its throughput in the benchmark).
 */
public class StreamedBodyLimit {

    private static final Logger LOG = Logger.getLogger(StreamedBodyLimit.class);

    private final long maxBytes;

    public StreamedBodyLimit(@ConfigProperty(name = "armstrace.limits.body-size") MemorySize maxBytes) {
        this.maxBytes = maxBytes.asLongValue();
    }

    @StreamedBody
    @ServerRequestFilter(priority = Priorities.ENTITY_CODER - 100)
    public void count(ContainerRequestContext request, HttpServerRequest http) {
        boolean unannounced = request.getHeaderString(HttpHeaders.TRANSFER_ENCODING.toString()) != null
                || (http.version() == HttpVersion.HTTP_2
                        && request.getHeaderString(HttpHeaders.CONTENT_LENGTH.toString()) == null
                        && request.hasEntity());
        if (unannounced) {
            request.setEntityStream(new Counted(request.getEntityStream(), http));
        }
    }

    /** The body, refused as soon as more than {@link #maxBytes} bytes of it have been read. */
    private final class Counted extends FilterInputStream {

        private final HttpServerRequest http;
        private long read;

        Counted(InputStream body, HttpServerRequest http) {
            super(body);
            this.http = http;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            read += n;
            if (read > maxBytes) {
                LOG.infof(
                        "Refused a %s %s: its body, sent without a Content-Length, is larger than %d bytes",
                        http.method(), ProblemResponses.shorten(http.path()), maxBytes);
                // the rest of the body is not read: the connection cannot carry another request
                http.response().putHeader(HttpHeaders.CONNECTION, "close");
                throw new ApiProblem(
                        ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes.");
            }
        }
    }
}
