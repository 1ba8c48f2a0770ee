package org.armstrace.common.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLadvisoryLockBasedProxyManager;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Token buckets per client (an address, or a token for its owner's larger budget), refilled evenly
 * over a minute. By default the buckets live in this instance's memory (idle ones forgotten after ten
 * minutes), so each instance of a fleet counts on its own. With {@code armstrace.rate-limit.store=postgresql}
 * they live in the database (table {@code rate_limit_bucket}, Bucket4j's PostgreSQL proxy manager under an
 * advisory lock per client), so the limit holds across every instance on it, at the cost of one short
 * transaction per request. When that store cannot be reached, the instance counts in memory until it can.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    /** Forget expired shared buckets once every this many requests, a batch at a time. */
    private static final long SWEEP_EVERY = 1_000;

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
    private final Cache<String, io.github.bucket4j.Bucket> local = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();
    private final PostgreSQLadvisoryLockBasedProxyManager<String> shared;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicBoolean sharedFailing = new AtomicBoolean();

    public RateLimiter(
            @ConfigProperty(name = "armstrace.rate-limit.enabled") boolean enabled,
            @ConfigProperty(name = "armstrace.rate-limit.anonymous-per-minute") long anonymousPerMinute,
            @ConfigProperty(name = "armstrace.rate-limit.token-per-minute") long tokenPerMinute,
            @ConfigProperty(name = "armstrace.rate-limit.store") String store,
            DataSource dataSource) {
        this.enabled = enabled;
        this.anonymousPerMinute = anonymousPerMinute;
        this.tokenPerMinute = tokenPerMinute;
        this.shared = switch (store) {
            case "memory" -> null;
            case "postgresql" ->
                Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
                        .primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table("rate_limit_bucket")
                        .idColumn("id")
                        .stateColumn("state")
                        .expiresAtColumn("expires_at")
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                Duration.ofMinutes(1)))
                        .build();
            default ->
                throw new IllegalArgumentException(
                        "armstrace.rate-limit.store must be memory or postgresql, not " + store);
        };
    }

    public boolean enabled() {
        return enabled;
    }

    /** Takes one request from the client's bucket; {@code tokenKey} is non-null for an authenticated token. */
    public Decision take(String address, String tokenKey) {
        boolean token = tokenKey != null;
        long limit = token ? tokenPerMinute : anonymousPerMinute;
        String key = token ? "token:" + tokenKey : "addr:" + address;
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit)
                        .refillGreedy(limit, Duration.ofMinutes(1))
                        .build())
                .build();
        ConsumptionProbe probe = consume(key, configuration);
        long remaining = probe.getRemainingTokens();
        long reset = (long) Math.ceil((limit - remaining) * 60.0 / limit);
        long retry = (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9);
        return new Decision(
                probe.isConsumed(), token ? "token" : "address", limit, remaining, reset, Math.max(1, retry));
    }

    private ConsumptionProbe consume(String key, BucketConfiguration configuration) {
        if (shared != null) {
            try {
                ConsumptionProbe probe =
                        shared.getProxy(key, () -> configuration).tryConsumeAndReturnRemaining(1);
                if (sharedFailing.compareAndSet(true, false)) {
                    LOG.info("Rate limits are shared through the database again.");
                }
                if (requests.incrementAndGet() % SWEEP_EVERY == 0) {
                    shared.removeExpired(1_000);
                }
                return probe;
            } catch (RuntimeException unreachable) {
                if (sharedFailing.compareAndSet(false, true)) {
                    LOG.warnf(
                            "Rate limits cannot be shared through the database (%s); counting in this instance's"
                                    + " memory until it answers.",
                            unreachable.getMessage());
                }
            }
        }
        return local.get(
                        key,
                        k -> io.github.bucket4j.Bucket.builder()
                                .addLimit(configuration.getBandwidths()[0])
                                .build())
                .tryConsumeAndReturnRemaining(1);
    }
}
