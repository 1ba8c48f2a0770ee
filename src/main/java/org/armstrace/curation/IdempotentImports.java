package org.armstrace.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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
 * writes nothing; the same key with another body is refused (422). The key is stored in the import's own
 * transaction, so a retry after a lost answer finds it exactly when the import was written. Dry runs write
 * nothing and store no key.
 */
@ApplicationScoped
public class IdempotentImports {

    /** The report, and whether it is the answer of an earlier import with the same key. */
    public record Outcome(ImportReport report, boolean replayed) {}

    private record Used(String requestHash, String report) {}

    private final CaseImporter importer;
    private final Jdbc db;
    private final ObjectMapper json;

    public IdempotentImports(CaseImporter importer, Jdbc db, ObjectMapper json) {
        this.importer = importer;
        this.db = db;
        this.json = json;
    }

    public Outcome run(File body, boolean csv, boolean dryRun, boolean publish, String key, Caller caller) {
        if (key == null || dryRun) {
            return new Outcome(importer.run(body, csv, dryRun, publish, caller), false);
        }
        return keyed(body, csv, publish, key, caller);
    }

    @Transactional
    @TransactionConfiguration(timeout = CaseImporter.TIMEOUT_SECONDS)
    Outcome keyed(File body, boolean csv, boolean publish, String key, Caller caller) {
        String hash = hash(body, (csv ? "text/csv" : "application/x-ndjson") + " publish=" + publish);
        db.run(Sql.of("select pg_advisory_xact_lock(hashtextextended(?, ?))", key, caller.tokenId()));
        Optional<Used> previous = db.first(
                Sql.of(
                        "select request_hash, report::text as report from import_idempotency_key"
                                + " where token_id = ? and key = ?",
                        caller.tokenId(),
                        key),
                row -> new Used(row.getString("request_hash"), row.getString("report")));
        if (previous.isPresent()) {
            if (!hash.equals(previous.get().requestHash())) {
                throw new ApiProblem(
                        ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used before with a different import.",
                        List.of(ApiProblem.error(
                                "Idempotency-Key",
                                ProblemError.InEnum.HEADER,
                                "same_body",
                                "was used before with a different body")));
            }
            return new Outcome(read(previous.get().report()), true);
        }
        ImportReport report = importer.run(body, csv, false, publish, caller);
        db.update(Sql.of(
                "insert into import_idempotency_key (token_id, key, request_hash, report) values (?, ?, ?, cast(? as jsonb))",
                caller.tokenId(),
                key,
                hash,
                write(report)));
        return new Outcome(report, false);
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

    private String write(ImportReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportReport read(String report) {
        try {
            return json.readValue(report, ImportReport.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
