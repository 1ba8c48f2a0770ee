package org.armstrace.cases;

import java.util.List;
import org.armstrace.api.model.CaseRecord;

/** One page of a case list: its records, the cursor of the next page (null on the last) and the total if asked. */
public record CasePage(List<CaseRecord> items, String nextCursor, Long totalCount) {
}
