package org.armstrace.common.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
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
 */
@ApplicationScoped
public class Remembered {

    /** What is remembered: a kind of answer, the normalised request, and the dataset state it holds for. */
    private record Key(String kind, Object request, String state) {}

    /** An answer and an estimate of its size in bytes. */
    public record Sized<T>(T value, int bytes) {}

    private final Cache<Key, Sized<?>> cache;
    private final DatasetState dataset;

    public Remembered(DatasetState dataset, @ConfigProperty(name = "armstrace.cache.max-bytes") long maxBytes) {
        this.dataset = dataset;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Sized<?> value) -> 200 + value.bytes())
                .expireAfterAccess(Duration.ofMinutes(30))
                .build();
    }

    /** The answer to {@code request} at the dataset's current state, computed at most once per state. */
    @SuppressWarnings("unchecked")
    public <T> T get(String kind, Object request, Supplier<Sized<T>> compute) {
        Key key = new Key(kind, request, dataset.state());
        Sized<?> found = cache.getIfPresent(key);
        if (found == null) {
            found = compute.get();
            cache.put(key, found);
        }
        return (T) found.value();
    }

    /** Forgets every answer: for changes made around the revision log (by hand in the database, or by tests). */
    public void forgetAll() {
        cache.invalidateAll();
    }
}
