package org.armstrace.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.armstrace.api.model.ImportReport;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;

/**
 * Imports honouring {@code Idempotency-Key}, like creates ({@link IdempotentCreates}): per token, a key
 * first used with a body (same media type, same {@code publish}) answers that import's report again and
 * writes nothing; the same key with another body is refused (422). The key is looked up and stored inside
 * the import's own transaction ({@link CaseImporter#run}), so a retry after a lost answer finds it exactly
 * when the import was written. Dry runs write nothing and store no key.
 */
@ApplicationScoped
public class IdempotentImports {

    /** The report, and whether it is the answer of an earlier import with the same key. */
    public record Outcome(ImportReport report, boolean replayed) {}

    private final CaseImporter importer;
    private final Jdbc db;
    private final ObjectMapper json;

    public IdempotentImports(CaseImporter importer, Jdbc db, ObjectMapper json) {
        this.importer = importer;
        this.db = db;
        this.json = json;
    }

    public Outcome run(File body, boolean csv, boolean dryRun, boolean publish, String key, Caller caller) {
        Key guard = key == null || dryRun
                ? null
                : new Key(key, hash(body, (csv ? "text/csv" : "application/x-ndjson") + " publish=" + publish), caller);
        ImportReport report = importer.run(body, csv, dryRun, publish, caller, guard);
        return new Outcome(report, guard != null && guard.replayed);
    }

    /** One import's key: looked up at the start of its transaction, stored at its end. */
    public final class Key {
        private final String key;
        private final String hash;
        private final Caller caller;
        private boolean replayed;

        private Key(String key, String hash, Caller caller) {
            this.key = key;
            this.hash = hash;
            this.caller = caller;
        }

        /** The report of the import that used this key before with the same body; a 422 if another body. */
        Optional<ImportReport> earlier() {
            db.run(Sql.of("select pg_advisory_xact_lock(hashtextextended(?, ?))", key, caller.tokenId()));
            Optional<String[]> previous = db.first(
                    Sql.of(
                            "select request_hash, report::text as report from import_idempotency_key"
                                    + " where token_id = ? and key = ?",
                            caller.tokenId(),
                            key),
                    row -> new String[] {row.getString("request_hash"), row.getString("report")});
            if (previous.isEmpty()) {
                return Optional.empty();
            }
            if (!hash.equals(previous.get()[0])) {
                throw new ApiProblem(
                        ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used before with a different import.",
                        List.of(ApiProblem.error(
                                "Idempotency-Key",
                                ProblemError.InEnum.HEADER,
                                "same_body",
                                "was used before with a different body")));
            }
            replayed = true;
            try {
                return Optional.of(json.readValue(previous.get()[1], ImportReport.class));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        void remember(ImportReport report) {
            try {
                db.update(Sql.of(
                        "insert into import_idempotency_key (token_id, key, request_hash, report)"
                                + " values (?, ?, ?, cast(? as jsonb))",
                        caller.tokenId(),
                        key,
                        hash,
                        json.writeValueAsString(report)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String hash(File body, String kind) {
        try (InputStream in = Files.newInputStream(body.toPath())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(kind.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
