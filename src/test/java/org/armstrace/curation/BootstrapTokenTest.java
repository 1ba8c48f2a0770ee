package org.armstrace.curation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.armstrace.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The README lets the bootstrap admin revoke itself. A restart with ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN still set
 * must then start (no duplicate key), keep the token revoked, and never log the secret or its SHA-256.
 * Runs in a transaction that is rolled back, so the other tests keep their admin.
 */
@QuarkusTest
class BootstrapTokenTest {

    @Inject
    TokenService tokens;

    @Inject
    EntityManager em;

    @Test
    @TestTransaction
    void aRevokedBootstrapTokenStaysRevokedOnRestartAndItsSecretIsNeverLogged() {
        String hash = TokenService.sha256(Tokens.BOOTSTRAP_ADMIN);
        // the bootstrap admin revoked itself, and with it every other admin token is gone
        em.createQuery("update TokenEntity set revokedAt = :now where role = 'admin' and revokedAt is null")
                .setParameter("now", OffsetDateTime.now())
                .executeUpdate();
        em.clear();

        List<LogRecord> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            assertDoesNotThrow(() -> tokens.bootstrap(new StartupEvent())); // as on the next start
        } finally {
            root.removeHandler(capture);
        }

        List<TokenEntity> stored = em.createQuery("from TokenEntity where secretSha256 = :hash", TokenEntity.class)
                .setParameter("hash", hash)
                .getResultList();
        assertEquals(1, stored.size(), "the secret is stored once");
        assertNotNull(stored.get(0).revokedAt, "the revoked bootstrap token stays revoked");
        assertTrue(tokens.authenticate(Tokens.BOOTSTRAP_ADMIN).isEmpty(), "the revoked secret does not authenticate");

        assertTrue(
                logged.stream()
                        .anyMatch(r ->
                                r.getLevel().intValue() >= Level.WARNING.intValue() && text(r).contains("revoked")),
                "a warning says the bootstrap token stays revoked: " + texts(logged));
        for (LogRecord record : logged) {
            String text = text(record);
            assertFalse(text.contains(Tokens.BOOTSTRAP_ADMIN), "the log shows the secret: " + text);
            assertFalse(text.toLowerCase().contains(hash), "the log shows the secret's SHA-256: " + text);
        }
    }

    private static List<String> texts(List<LogRecord> records) {
        return records.stream().map(BootstrapTokenTest::text).toList();
    }

    /** The message as it would be printed, with its parameters and any exception's messages. */
    private static String text(LogRecord record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(' ').append(parameter);
            }
        }
        for (Throwable e = record.getThrown(); e != null; e = e.getCause()) {
            text.append(' ').append(e);
        }
        return text.toString();
    }
}
