package org.armstrace.dataset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.armstrace.cases.CaseValidator;

/** Runs the dataset's validation rules over a whole shipped dataset. */
public final class DatasetChecks {

    private DatasetChecks() {}

    /** Every broken rule of every record, as {@code id field rule: detail} lines; empty when the dataset is sound. */
    public static List<String> failures(ShippedDataset dataset, CaseValidator validator) {
        List<String> failures = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ShippedDataset.Entry record : dataset.records()) {
            if (record.id() == null || !record.id().matches("AT-[0-9]{6}") || !ids.add(record.id())) {
                failures.add(record.id() + " id unique: missing, malformed or repeated");
            }
        }
        for (ShippedDataset.Entry record : dataset.records()) {
            validator
                    .check(record.content(), record.id(), ids::contains)
                    .forEach(e ->
                            failures.add(record.id() + " " + e.getName() + " " + e.getRule() + ": " + e.getDetail()));
        }
        return failures;
    }

    static void requireValid(ShippedDataset dataset, CaseValidator validator) {
        List<String> failures = failures(dataset, validator);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(
                    "The shipped dataset breaks " + failures.size() + " rule(s):\n  " + String.join("\n  ", failures));
        }
    }
}
