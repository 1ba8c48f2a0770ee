package org.armstrace.testing;

import jakarta.enterprise.context.ApplicationScoped;
import org.armstrace.api.model.Role;
import org.armstrace.curation.TokenService;

/** Tokens for tests: a fresh one per role, made through the service as an admin would. */
@ApplicationScoped
public class Tokens {

    public static final String BOOTSTRAP_ADMIN = "test-bootstrap-admin-secret-0123456789";

    private final TokenService tokens;

    public Tokens(TokenService tokens) {
        this.tokens = tokens;
    }

    public String secret(Role role) {
        return tokens.create("test " + role, role).getSecret();
    }

    /** A token that existed and was revoked. */
    public String revoked() {
        var token = tokens.create("test revoked", Role.ADMIN);
        tokens.revoke(token.getId());
        return token.getSecret();
    }
}
