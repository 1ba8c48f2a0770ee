package org.armstrace.curation;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.armstrace.api.model.Role;
import org.armstrace.api.model.Token;
import org.armstrace.api.model.TokenCreated;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Bearer tokens: created with a random secret shown once, stored as SHA-256, checked on every request
 * (so a revocation takes effect at once). The first admin token comes from
 * {@code ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN} on an install that has no admin yet.
 */
@ApplicationScoped
public class TokenService implements org.armstrace.common.http.TokenCheck {

    private static final Logger LOG = Logger.getLogger(TokenService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MIN_BOOTSTRAP_LENGTH = 32;

    private final EntityManager em;
    private final Optional<String> bootstrapSecret;

    public TokenService(
            EntityManager em,
            @ConfigProperty(name = "armstrace.bootstrap-admin-token") Optional<String> bootstrapSecret) {
        this.em = em;
        this.bootstrapSecret = bootstrapSecret;
    }

    @Transactional
    public TokenCreated create(String name, Role role) {
        String secret = "at_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        TokenEntity token = store(name, role, secret);
        return new TokenCreated()
                .id(token.id)
                .name(token.name)
                .role(role)
                .createdAt(token.createdAt)
                .revokedAt(null)
                .secret(secret);
    }

    @Transactional
    public List<Token> list() {
        return em.createQuery("from TokenEntity order by id", TokenEntity.class)
                .getResultStream()
                .map(t -> new Token()
                        .id(t.id)
                        .name(t.name)
                        .role(Role.fromValue(t.role))
                        .createdAt(t.createdAt)
                        .revokedAt(t.revokedAt))
                .toList();
    }

    @Transactional
    public void revoke(long id) {
        TokenEntity token = em.find(TokenEntity.class, id);
        if (token == null) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "No token has this id.");
        }
        if (token.revokedAt == null) {
            token.revokedAt = OffsetDateTime.now();
        }
    }

    @Override
    public boolean isValid(String secret) {
        return authenticate(secret).isPresent();
    }

    /** The caller a secret belongs to, if it is a known, unrevoked token. */
    @Transactional
    public Optional<Caller> authenticate(String secret) {
        return em.createQuery("from TokenEntity where secretSha256 = :hash and revokedAt is null", TokenEntity.class)
                .setParameter("hash", sha256(secret))
                .getResultStream()
                .findFirst()
                .map(t -> new Caller(t.id, t.name, Role.fromValue(t.role)));
    }

    /**
     * Stores {@code ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN} as an admin token on an install without an active admin.
     * A secret that is already known is left as it is: a revoked bootstrap token stays revoked (a restart with
     * the variable still set must not bring it back), and neither the secret nor its hash is ever logged.
     */
    @Transactional
    void bootstrap(@Observes StartupEvent event) {
        if (bootstrapSecret.isEmpty() || bootstrapSecret.get().isBlank()) {
            return;
        }
        String secret = bootstrapSecret.get().strip();
        if (secret.length() < MIN_BOOTSTRAP_LENGTH) {
            throw new IllegalStateException(
                    "ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN must be at least " + MIN_BOOTSTRAP_LENGTH + " characters long");
        }
        em.createNativeQuery("select pg_advisory_xact_lock(4242)").getSingleResult();
        List<TokenEntity> known = em.createQuery("from TokenEntity where secretSha256 = :hash", TokenEntity.class)
                .setParameter("hash", sha256(secret))
                .getResultList();
        if (!known.isEmpty()) {
            TokenEntity token = known.get(0);
            if (token.revokedAt != null) {
                LOG.warnf(
                        "ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN is the secret of token %d, which was revoked; it stays revoked."
                                + " Remove the variable from the service's environment.",
                        token.id);
            } else {
                LOG.infof("ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN is already stored as token %d; nothing to do.", token.id);
            }
            return;
        }
        long admins = em.createQuery(
                        "select count(t) from TokenEntity t where t.role = 'admin' and t.revokedAt is null", Long.class)
                .getSingleResult();
        if (admins == 0) {
            store("bootstrap admin", Role.ADMIN, secret);
            LOG.info("Created the bootstrap admin token from ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN.");
        }
    }

    private TokenEntity store(String name, Role role, String secret) {
        TokenEntity token = new TokenEntity();
        token.name = name;
        token.role = role.toString();
        token.secretSha256 = sha256(secret);
        em.persist(token);
        em.flush();
        em.refresh(token);
        return token;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
