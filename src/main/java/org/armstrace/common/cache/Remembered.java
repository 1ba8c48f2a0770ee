package org.armstrace.common.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.armstrace.common.http.DatasetState;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers that cannot change until the revision log moves (facet counts, totals, statistics, records
 * by id), remembered under the request that asked and the last revision sequence. When a revision
 * commits, on this instance or another one on the same database, the sequence moves and every
 * remembered answer stops being found; the cache's weight bound then evicts them. Never stale: the
 * sequence is read before the answer is computed, so an answer is filed under a sequence no later than
 * the data it was computed from.
 *
 * <p>One computation per answer: requests that ask for an answer while another request computes it wait
 * for that result instead of computing it again (after a commit, many clients ask for the same facet at
 * once; each computing it would hold a connection for the same work). The computing request does the
 * work on its own thread, so it keeps its context (transaction, request scope); a failed computation is
 * not remembered, and each waiting request then computes the answer itself.
 */
@ApplicationScoped
public class Remembered {

    /** What is remembered: a kind of answer, the normalised request, and the dataset state it holds for. */
    private record Key(String kind, Object request, String state) {}

    /** An answer and an estimate of its size in bytes. */
    public record Sized<T>(T value, int bytes) {}

    private final AsyncCache<Key, Sized<?>> cache;
    private final DatasetState dataset;

    public Remembered(DatasetState dataset, @ConfigProperty(name = "armstrace.cache.max-bytes") long maxBytes) {
        this.dataset = dataset;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Sized<?> value) -> 200 + value.bytes())
                .expireAfterAccess(Duration.ofMinutes(30))
                .buildAsync();
    }

    /** The answer to {@code request} at the dataset's current state, computed at most once per state. */
    @SuppressWarnings("unchecked")
    public <T> T get(String kind, Object request, Supplier<Sized<T>> compute) {
        Key key = new Key(kind, request, dataset.state());
        CompletableFuture<Sized<?>> mine = new CompletableFuture<>();
        CompletableFuture<Sized<?>> theirs = cache.asMap().putIfAbsent(key, mine);
        if (theirs != null) {
            try {
                return (T) theirs.join().value();
            } catch (CompletionException | CancellationException failed) {
                return compute.get().value(); // theirs failed (and is forgotten): this request tries on its own
            }
        }
        try {
            Sized<T> answer = compute.get();
            mine.complete(answer);
            return answer.value();
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e); // wakes the waiting requests; the cache drops a failed answer
            throw e;
        }
    }

    /** Forgets every answer: for changes made around the revision log (by hand in the database, or by tests). */
    public void forgetAll() {
        cache.synchronous().invalidateAll();
    }
}
