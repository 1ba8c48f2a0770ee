package org.armstrace.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.Predicate;
import org.armstrace.api.model.CaseInput;
import org.armstrace.dataset.ShippedRelease;
import org.armstrace.dataset.ShippedReleases;

/** The shipped dataset as a fresh install holds it, for tests whose expectations depend on it. */
public final class Shipped {

    public static final ShippedReleases RELEASES =
            ShippedReleases.read(ShippedReleases.strict(new ObjectMapper().findAndRegisterModules()));
    public static final List<ShippedRelease.Entry> RECORDS =
            RELEASES.recordsAt(RELEASES.latest().version());

    private Shipped() {}

    /** How many shipped records match. */
    public static int count(Predicate<CaseInput> filter) {
        return (int) RECORDS.stream()
                .map(ShippedRelease.Entry::content)
                .filter(filter)
                .count();
    }
}
