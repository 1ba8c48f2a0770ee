package org.armstrace.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.armstrace.api.model.Problem;
import org.armstrace.api.model.ProblemError;

/** Problem answers leave out the members that do not apply (line, retracted_at, ...) instead of writing nulls. */
@Singleton
public class ProblemJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(Problem.class, OmitNulls.class);
        mapper.addMixIn(ProblemError.class, OmitNulls.class);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface OmitNulls {
    }
}
