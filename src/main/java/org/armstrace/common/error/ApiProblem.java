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

    public ApiProblem(ProblemType type, String detail, List<ProblemError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    /** A 400 for bad parameters, its detail joining what each error says. */
    public static ApiProblem invalidParameters(List<ProblemError> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.getName() + " " + e.getDetail()).toList());
        return new ApiProblem(ProblemType.INVALID_PARAMETER, detail, errors);
    }

    public static ProblemError error(String name, ProblemError.InEnum in, String rule, String detail) {
        return new ProblemError().name(name).in(in).rule(rule).detail(detail);
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
