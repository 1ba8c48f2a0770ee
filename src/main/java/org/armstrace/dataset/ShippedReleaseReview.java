package org.armstrace.dataset;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.armstrace.api.model.ProblemError;
import org.armstrace.api.model.ShippedReleaseReport;
import org.armstrace.api.model.SkippedCorrection;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;

/**
 * An admin's review of a shipped release that did not apply by itself (curators changed this install):
 * a dry run applies it in a transaction that is rolled back; without dry run it is applied for good.
 */
@ApplicationScoped
public class ShippedReleaseReview {

    private static final int TIMEOUT_SECONDS = 600;

    private final EntityManager em;
    private final ShippedDatasetLoader loader;
    private final ShippedReleaseApplier applier;

    public ShippedReleaseReview(EntityManager em, ShippedDatasetLoader loader, ShippedReleaseApplier applier) {
        this.em = em;
        this.loader = loader;
        this.applier = applier;
    }

    public ShippedReleaseReport apply(String version, boolean dryRun, long tokenId) {
        ShippedRelease release = loader.shipped()
                .find(version)
                .orElseThrow(() -> new ApiProblem(
                        ProblemType.NOT_FOUND,
                        "No release " + version + " ships with this build of ArmsTrace.",
                        List.of(ApiProblem.error(
                                "version", ProblemError.InEnum.PATH, "shipped_release", "no such shipped release"))));
        ShippedReleaseApplier.Report report;
        try {
            report = QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).call(() -> {
                ShippedDatasetLoader.lock(em);
                List<String> applied = applier.applied();
                if (applied.contains(version)) {
                    throw conflict("Shipped release " + version + " is applied here already.");
                }
                if (release.previousVersion() != null && !applied.contains(release.previousVersion())) {
                    throw conflict("Shipped release " + version + " changes " + release.previousVersion()
                            + ", which is not applied here: apply it first.");
                }
                ShippedReleaseApplier.Report done =
                        applier.apply(release, ShippedReleaseApplier.Mode.REVIEWED, tokenId, now());
                if (dryRun) {
                    throw new DryRun(done); // rolls the transaction back
                }
                return done;
            });
        } catch (DryRun dry) {
            report = dry.report;
        }
        return new ShippedReleaseReport()
                .version(report.version())
                .dryRun(dryRun)
                .added(report.added())
                .renumbered(report.renumbered())
                .corrected(report.corrected())
                .skipped(report.skipped().stream()
                        .map(s -> new SkippedCorrection()
                                .id(s.id())
                                .reason(s.reason())
                                .note(s.note()))
                        .toList());
    }

    /** Ends a dry run's transaction by rolling it back, carrying what it would have done. */
    private static final class DryRun extends RuntimeException {
        private final transient ShippedReleaseApplier.Report report;

        DryRun(ShippedReleaseApplier.Report report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    private static ApiProblem conflict(String detail) {
        return new ApiProblem(
                ProblemType.CONFLICT,
                detail,
                List.of(ApiProblem.error("version", ProblemError.InEnum.PATH, "applicable", detail)));
    }

    /** To the microsecond PostgreSQL keeps, as curation's writes do. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
