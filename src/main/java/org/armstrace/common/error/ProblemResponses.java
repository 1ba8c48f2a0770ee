package org.armstrace.common.error;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.armstrace.api.model.Problem;
import org.armstrace.api.model.ProblemError;

/** Builds {@code application/problem+json} answers. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    public static Response.ResponseBuilder builder(ProblemType type, String detail, List<ProblemError> errors,
            String instance) {
        Problem problem = new Problem()
                .type(type.uri())
                .title(type.title())
                .status(type.status())
                .detail(detail)
                .instance(instance)
                .errors(errors);
        return Response.status(type.status())
                .type(MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .entity(problem);
    }

    public static Response of(ApiProblem problem, String instance) {
        return builder(problem.type(), problem.getMessage(), problem.errors(), instance).build();
    }
}
