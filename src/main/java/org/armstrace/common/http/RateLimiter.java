package org.armstrace.common.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Token buckets per client (an address, or a token for its owner's larger budget), refilled evenly
 * over a minute. Buckets of idle clients are forgotten after ten minutes. Limits are per instance.
 */
@ApplicationScoped
public class RateLimiter {

    /** The outcome of one request: allowed or not, what is left, and when to retry. */
    public record Decision(
            boolean allowed, String policy, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

        public String policyHeader() {
            return "\"" + policy + "\";q=" + limit + ";w=60";
        }

        public String rateLimitHeader() {
            return "\"" + policy + "\";r=" + remaining + ";t=" + resetSeconds;
        }
    }

    private final boolean enabled;
    private final long anonymousPerMinute;
    private final long tokenPerMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();

    public RateLimiter(
            @ConfigProperty(name = "armstrace.rate-limit.enabled") boolean enabled,
            @ConfigProperty(name = "armstrace.rate-limit.anonymous-per-minute") long anonymousPerMinute,
            @ConfigProperty(name = "armstrace.rate-limit.token-per-minute") long tokenPerMinute) {
        this.enabled = enabled;
        this.anonymousPerMinute = anonymousPerMinute;
        this.tokenPerMinute = tokenPerMinute;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Takes one request from the client's bucket; {@code tokenKey} is non-null for an authenticated token. */
    public Decision take(String address, String tokenKey) {
        boolean token = tokenKey != null;
        long limit = token ? tokenPerMinute : anonymousPerMinute;
        String key = token ? "token:" + tokenKey : "addr:" + address;
        Bucket bucket = buckets.get(
                key,
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(limit)
                                .refillGreedy(limit, Duration.ofMinutes(1))
                                .build())
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long remaining = probe.getRemainingTokens();
        long reset = (long) Math.ceil((limit - remaining) * 60.0 / limit);
        long retry = (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9);
        return new Decision(
                probe.isConsumed(), token ? "token" : "address", limit, remaining, reset, Math.max(1, retry));
    }
}
