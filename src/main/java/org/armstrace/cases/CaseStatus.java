package org.armstrace.cases;

import org.armstrace.api.model.CaseRecord;

/**
 * The statuses of a record as stored, taken from the contract's enum so that code and contract cannot
 * disagree. SQL keeps the literal {@code 'published'}: the partial indexes are defined on it.
 */
public final class CaseStatus {

    public static final String DRAFT = CaseRecord.StatusEnum.DRAFT.toString();
    public static final String PUBLISHED = CaseRecord.StatusEnum.PUBLISHED.toString();
    public static final String RETRACTED = CaseRecord.StatusEnum.RETRACTED.toString();

    private CaseStatus() {}
}
