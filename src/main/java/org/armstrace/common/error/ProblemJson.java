package org.armstrace.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.armstrace.api.model.CaseList;
import org.armstrace.api.model.Problem;
import org.armstrace.api.model.ProblemError;

/**
 * Optional members that do not apply are left out instead of written as null: a problem's line,
 * retracted_at, ...; a page's facets and snippets.
 */
@Singleton
public class ProblemJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(Problem.class, OmitNulls.class);
        mapper.addMixIn(ProblemError.class, OmitNulls.class);
        mapper.addMixIn(CaseList.class, CaseListMembers.class);
    }

    /** A page leaves out {@code facets} and {@code snippets} when not asked for (no facet, no search). */
    private abstract static class CaseListMembers {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract java.util.Map<String, java.util.List<org.armstrace.api.model.FacetValue>> getFacets();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract java.util.Map<String, String> getSnippets();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface OmitNulls {}
}
