package org.armstrace.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.armstrace.cases.CaseValidator;
import org.armstrace.codebook.Codebook;
import org.armstrace.releases.ReleaseCutter;
import org.armstrace.releases.ReleaseStore;
import org.armstrace.revisions.RevisionLog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Brings the database up to the newest shipped release at start. A fresh install applies every shipped
 * release in order and cuts each one (1.0.0, then 1.1.0, ...). An install that holds shipped releases and
 * nothing of its own (no revision written by a curator's token, no release but shipped ones) receives the
 * releases it lacks at its next start. An install whose curators changed things is never overwritten:
 * the start logs which release waits, and an admin reviews and applies it
 * ({@code POST /v1/curation/shipped-releases/{version}}, dry run first). Several instances starting together
 * against one database take turns on an advisory lock, so a release is applied once.
 */
@ApplicationScoped
public class ShippedDatasetLoader {

    private static final Logger LOG = Logger.getLogger(ShippedDatasetLoader.class);
    static final long LOCK_KEY = 0x41524d53L; // "ARMS"

    private final EntityManager em;
    private final ObjectMapper json;
    private final CaseValidator validator;
    private final RevisionLog revisions;
    private final ReleaseCutter cutter;
    private final ReleaseStore releases;
    private final ShippedReleaseApplier applier;
    private final Optional<String> upTo;

    /**
     * {@code armstrace.dataset.up-to} stops at a shipped release (default: the newest): an operator holds an
     * install back with it, and tests make an install that holds only 1.0.0.
     */
    public ShippedDatasetLoader(
            EntityManager em,
            ObjectMapper json,
            CaseValidator validator,
            RevisionLog revisions,
            ReleaseCutter cutter,
            ReleaseStore releases,
            ShippedReleaseApplier applier,
            @ConfigProperty(name = "armstrace.dataset.up-to") Optional<String> upTo) {
        this.upTo = upTo.filter(v -> !v.isBlank());
        this.em = em;
        this.releases = releases;
        this.applier = applier;
        this.cutter = cutter;
        this.revisions = revisions;
        this.validator = validator;
        this.json = ShippedReleases.strict(json);
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        lock(em);
        List<String> applied = new ArrayList<>(applier.applied());
        if (applied.isEmpty()) {
            long records = ((Number) em.createNativeQuery("select count(*) from case_record")
                            .getSingleResult())
                    .longValue();
            if (records > 0) {
                LOG.warnf("The database holds %d case records but no shipped dataset: not loading it.", records);
                return;
            }
        } else {
            releaseIfUnreleased();
        }
        if (everyVersionApplied(ShippedReleases.versions(json), applied)) {
            return; // the usual start: the shipped records are not read at all
        }
        ShippedReleases shipped = shipped();
        for (ShippedRelease release : shipped.all()) {
            if (applied.contains(release.version())) {
                if (upTo.filter(release.version()::equals).isPresent()) {
                    return;
                }
                continue;
            }
            String waits = applied.isEmpty() ? null : reasonToReview(release, applied);
            if (waits != null) {
                LOG.warnf(
                        "Shipped release %s is not applied: %s. An admin reviews it with POST /v1/curation/shipped-releases/%s?dry_run=true and applies it without dry_run.",
                        release.version(), waits, release.version());
                return;
            }
            DatasetChecks.requireValid(shipped.recordsAt(release.version()), validator);
            ShippedReleaseApplier.Report report =
                    applier.apply(release, ShippedReleaseApplier.Mode.AS_SHIPPED, null, release.releasedAt());
            cutter.cut(release.version(), release.notes(), release.releasedAt(), null, Codebook.of(release.codebook()));
            applied.add(release.version());
            LOG.infof(
                    "Applied the shipped release %s: %d records added, %d corrected; released as %s.",
                    release.version(), report.added().size(), report.corrected().size(), release.version());
            if (upTo.filter(release.version()::equals).isPresent()) {
                return;
            }
        }
    }

    /** Whether every shipped version (up to {@code armstrace.dataset.up-to}) is applied here already. */
    private boolean everyVersionApplied(List<String> versions, List<String> applied) {
        for (String version : versions) {
            if (!applied.contains(version)) {
                return false;
            }
            if (upTo.filter(version::equals).isPresent()) {
                return true;
            }
        }
        return true;
    }

    /** Takes the shipped releases' turn: one instance at a time applies them, until its transaction ends. */
    static void lock(EntityManager em) {
        em.createNativeQuery("select pg_advisory_xact_lock(" + LOCK_KEY + ")").getSingleResult();
    }

    /** Why a release cannot apply as shipped on this install; null when it can. */
    private String reasonToReview(ShippedRelease release, List<String> applied) {
        if (!applied.contains(release.previousVersion())) {
            return "its previous release " + release.previousVersion() + " is not applied";
        }
        long curated = revisions.curatorRevisions();
        if (curated > 0) {
            return curated + " revisions written by curators";
        }
        String latest = releases.latest().map(ReleaseStore.Row::version).orElse(null);
        if (!Objects.equals(latest, release.previousVersion())) {
            return "the latest release here is " + latest + ", not " + release.previousVersion();
        }
        return null;
    }

    /**
     * A database loaded before releases existed gets its first release too, if nothing public changed
     * since the load (else the shipped version would not describe it, and an editor should cut one).
     */
    private void releaseIfUnreleased() {
        if (releases.latest().isPresent()) {
            return;
        }
        long changed = revisions.publicChangesOtherThanImports();
        if (changed == 0) {
            ShippedRelease first = shipped().first();
            cutter.cut(first.version(), first.notes(), first.releasedAt(), null, Codebook.of(first.codebook()));
        } else {
            LOG.warnf(
                    "No release yet, and %d public changes since the shipped dataset: an editor should cut one.",
                    changed);
        }
    }

    /** The releases shipped in the jar, parsed afresh (applying one adjusts its records' links). */
    public ShippedReleases shipped() {
        return ShippedReleases.read(json);
    }
}
