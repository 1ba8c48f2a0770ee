package org.armstrace.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.armstrace.api.model.CaseInput;
import org.armstrace.cases.CaseValidator;

/** Runs the dataset's rules over a whole shipped dataset. */
public final class DatasetChecks {

    private DatasetChecks() {}

    /** Every broken rule of every record, as {@code id field rule: detail} lines; empty when the dataset is sound. */
    public static List<String> failures(List<ShippedRelease.Entry> records, CaseValidator validator) {
        List<String> failures = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ShippedRelease.Entry record : records) {
            if (record.id() == null || !record.id().matches("AT-[0-9]{6}") || !ids.add(record.id())) {
                failures.add(record.id() + " id unique: missing, malformed or repeated");
            }
        }
        for (ShippedRelease.Entry record : records) {
            validator
                    .check(record.content(), record.id(), ids::contains)
                    .forEach(e ->
                            failures.add(record.id() + " " + e.getName() + " " + e.getRule() + ": " + e.getDetail()));
        }
        return failures;
    }

    /** Every {@code related_ids} link that the record it names does not return, as {@code from -> to} lines. */
    public static List<String> oneWayLinks(List<ShippedRelease.Entry> records) {
        Map<String, CaseInput> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.id(), r.content()));
        List<String> oneWay = new ArrayList<>();
        for (ShippedRelease.Entry record : records) {
            for (String other : record.content().getRelatedIds()) {
                CaseInput target = byId.get(other);
                if (target == null || !target.getRelatedIds().contains(record.id())) {
                    oneWay.add(record.id() + " -> " + other);
                }
            }
        }
        return oneWay;
    }

    static void requireValid(List<ShippedRelease.Entry> records, CaseValidator validator) {
        List<String> failures = failures(records, validator);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(
                    "The shipped dataset breaks " + failures.size() + " rule(s):\n  " + String.join("\n  ", failures));
        }
    }
}
