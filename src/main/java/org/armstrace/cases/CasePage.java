package org.armstrace.cases;

import java.util.List;
import java.util.Map;
import org.armstrace.api.model.CaseRecord;

/**
 * One page of a case list: its records, the cursor of the next page (null on the last), the total if
 * asked, and the snippets of a search.
 */
public record CasePage(List<CaseRecord> items, String nextCursor, Long totalCount, Map<String, String> snippets) {
}
