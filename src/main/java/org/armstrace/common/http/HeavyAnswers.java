package org.armstrace.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts the heavy answers (exports, release files, changes between releases) being sent, per client
 * address and in all, against their limits. Limits are per instance.
 */
@ApplicationScoped
public class HeavyAnswers {

    /** Why a heavy answer was refused, or null when it may go ahead. */
    public enum Refusal {
        CLIENT_BUSY,
        SERVICE_BUSY
    }

    private final int perClient;
    private final int total;
    private final ConcurrentMap<String, Integer> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger inAll = new AtomicInteger();

    public HeavyAnswers(
            @ConfigProperty(name = "armstrace.heavy-answers.per-client") int perClient,
            @ConfigProperty(name = "armstrace.heavy-answers.total") int total) {
        this.perClient = perClient;
        this.total = total;
    }

    public int perClient() {
        return perClient;
    }

    public int total() {
        return total;
    }

    /** Takes a place for one more heavy answer to {@code client}; null if taken, else why not. */
    public Refusal take(String client) {
        if (inAll.incrementAndGet() > total) {
            inAll.decrementAndGet();
            return Refusal.SERVICE_BUSY;
        }
        boolean[] taken = {false};
        byClient.compute(client, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perClient) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            inAll.decrementAndGet();
            return Refusal.CLIENT_BUSY;
        }
        return null;
    }

    /** Gives back the place of an answer to {@code client} that has ended (sent, failed or abandoned). */
    public void release(String client) {
        byClient.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
        inAll.decrementAndGet();
    }
}
