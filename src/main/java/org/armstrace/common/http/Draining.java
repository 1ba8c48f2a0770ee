package org.armstrace.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.armstrace.common.error.ProblemResponses;
import org.armstrace.common.error.ProblemType;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * A graceful stop on SIGTERM. The requests under way finish (Quarkus waits for them up to
 * {@code quarkus.shutdown.timeout}); a request that arrives after the signal is refused at once with a
 * 503 problem, {@code Retry-After} and {@code Connection: close}, so that a client or load balancer goes
 * elsewhere and the drain cannot be prolonged by new work. The process then stops its database and exits 0,
 * as service managers expect of a requested stop (the JVM's own handling of SIGTERM exits 143).
 */
@Singleton
public class Draining {

    /** Seconds a refused client is asked to wait: about what a restart takes. */
    static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(Draining.class);
    private static volatile boolean started;
    private static volatile boolean draining;

    private final ObjectMapper json;

    public Draining(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Installs the SIGTERM handler (before Quarkus starts). Until the application has started, SIGTERM keeps
     * its usual meaning: the JVM stops at once, through its shutdown hooks.
     */
    public static void onSigterm() {
        Signal.handle(new Signal("TERM"), signal -> {
            if (!started) {
                System.exit(128 + signal.getNumber());
                return;
            }
            if (!draining) {
                draining = true;
                LOG.info("SIGTERM: finishing the requests under way, refusing new ones");
                Quarkus.asyncExit(0);
            }
        });
    }

    void started(@Observes StartupEvent event) {
        started = true;
    }

    void register(@Observes Filters filters) {
        filters.register(this::refuseWhileDraining, Integer.MAX_VALUE);
    }

    private void refuseWhileDraining(RoutingContext routing) {
        if (!draining) {
            routing.next();
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(ProblemResponses.problem(
                    ProblemType.SERVICE_UNAVAILABLE,
                    "The service is stopping; retry in " + RETRY_AFTER_SECONDS + " s (another instance may answer).",
                    List.of(),
                    routing.request().path()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        routing.response()
                .setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
