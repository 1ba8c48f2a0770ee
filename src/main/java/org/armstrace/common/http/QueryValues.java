package org.armstrace.common.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Query values as the contract checked them: the one place that splits a list parameter (repeated,
 * or comma-separated as {@code country=FR,BE}), and the query string that {@link ContractParameterFilter}
 * parsed once, kept on the request for the filters after it.
 */
public final class QueryValues {

    private static final String PARSED = "armstrace.query";

    private QueryValues() {}

    /** Every value of a list parameter, repeated or comma-separated, stripped, in order (none for null). */
    public static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    static void keep(ContainerRequestContext request, Map<String, List<String>> parsed) {
        request.setProperty(PARSED, Map.copyOf(parsed));
    }

    /** Whether the request's query names this parameter (from the checked parse when there was one). */
    @SuppressWarnings("unchecked")
    static boolean has(ContainerRequestContext request, String name) {
        Object parsed = request.getProperty(PARSED);
        return parsed instanceof Map<?, ?> map
                ? ((Map<String, List<String>>) map).containsKey(name)
                : request.getUriInfo().getQueryParameters().containsKey(name);
    }
}
