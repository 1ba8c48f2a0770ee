package org.armstrace.common.error;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.armstrace.api.model.Problem;
import org.armstrace.api.model.ProblemError;

/** Builds {@code application/problem+json} answers. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {}

    public static Response.ResponseBuilder builder(
            ProblemType type, String detail, List<ProblemError> errors, String instance) {
        return builder(problem(type, detail, errors, instance));
    }

    /** A problem document, its detail and instance cut to the contract's bounds. */
    public static Problem problem(ProblemType type, String detail, List<ProblemError> errors, String instance) {
        return new Problem()
                .type(type.uri())
                .title(type.title())
                .status(type.status())
                .detail(detail.length() <= DETAIL_MAX ? detail : detail.substring(0, DETAIL_MAX - 3) + "...")
                .instance(shorten(instance))
                .errors(errors);
    }

    /** The answer carrying a problem document (possibly with extension members set by the caller). */
    public static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.getStatus())
                .type(MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .entity(problem);
    }

    /** Client input echoed in a problem is cut at {@value #ECHO_MAX} characters. */
    public static final int ECHO_MAX = 200;

    private static final int DETAIL_MAX = 4000;

    public static String shorten(String text) {
        return text == null || text.length() <= ECHO_MAX ? text : text.substring(0, ECHO_MAX) + "...";
    }

    public static Response of(ApiProblem problem, String instance) {
        return builder(problem.type(), problem.getMessage(), problem.errors(), instance)
                .build();
    }
}
