package org.armstrace.common.error;

import java.util.List;
import org.armstrace.api.model.ProblemError;

/**
 * A client-facing failure: thrown anywhere, answered as an RFC 9457 problem by {@link ProblemMappers}.
 * The detail and errors are for people and must never carry internals.
 */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final transient List<ProblemError> errors;

    /** An error's detail is at most this long (the contract's bound). */
    static final int DETAIL_MAX = 1000;

    /** At most this many errors are listed in one answer. */
    public static final int MAX_ERRORS = 1000;

    public ApiProblem(ProblemType type, String detail, List<ProblemError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
    }

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    /** A 400 for bad parameters, its detail joining what each error says. */
    public static ApiProblem invalidParameters(List<ProblemError> errors) {
        String detail = String.join(
                        "; ",
                        errors.stream()
                                .limit(20)
                                .map(e -> e.getName() + " " + e.getDetail())
                                .toList())
                + (errors.size() > 20 ? "; and " + (errors.size() - 20) + " more" : "");
        return new ApiProblem(ProblemType.INVALID_PARAMETER, detail, errors);
    }

    /** A 404 for a release version that does not exist, naming the parameter that gave it. */
    public static ApiProblem unknownRelease(String name, ProblemError.InEnum in, String version) {
        return new ApiProblem(
                ProblemType.NOT_FOUND,
                "latest".equals(version)
                        ? "There is no release yet."
                        : "There is no release " + ProblemResponses.shorten(version) + ".",
                List.of(error(name, in, "exists", "no release has this version")));
    }

    public static ProblemError error(String name, ProblemError.InEnum in, String rule, String detail) {
        return new ProblemError()
                .name(ProblemResponses.shorten(name))
                .in(in)
                .rule(rule)
                .detail(detail.length() <= DETAIL_MAX ? detail : detail.substring(0, DETAIL_MAX - 3) + "...");
    }

    public static ProblemError queryError(String name, String rule, String detail) {
        return error(name, ProblemError.InEnum.QUERY, rule, detail);
    }

    public ProblemType type() {
        return type;
    }

    public List<ProblemError> errors() {
        return errors;
    }
}
