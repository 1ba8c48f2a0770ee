package org.armstrace.cases;

import java.util.List;
import java.util.Map;

/**
 * One page of a case list: its records as their stored JSON documents (UTF-8 bytes, as read), the cursor of the next page
 * (null on the last), the total if asked, and the snippets of a search.
 */
public record CasePage(List<byte[]> documents, String nextCursor, Long totalCount, Map<String, String> snippets) {}
