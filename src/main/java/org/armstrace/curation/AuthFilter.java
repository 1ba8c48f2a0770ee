package org.armstrace.curation;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.armstrace.api.model.ProblemError;
import org.armstrace.api.model.Role;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemResponses;
import org.armstrace.common.error.ProblemType;
import org.armstrace.common.http.Contract;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every operation that the contract marks with {@code x-required-role}: a missing,
 * malformed, unknown or revoked bearer token is a 401, too small a role a 403, before anything runs.
 */
public class AuthFilter {

    private static final Pattern BEARER = Pattern.compile("Bearer ([A-Za-z0-9._~+/=-]{16,200})");

    private final Contract contract;
    private final TokenService tokens;
    private final CurrentCaller current;

    public AuthFilter(Contract contract, TokenService tokens, CurrentCaller current) {
        this.contract = contract;
        this.tokens = tokens;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return Optional.empty();
        }
        String needed = contract.operation(resource.getResourceMethod().getName())
                .map(Contract.Operation::requiredRole)
                .orElse(null);
        if (needed == null) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Optional.of(unauthorized(path, "required", "This operation needs a bearer token."));
        }
        var matcher = BEARER.matcher(header.strip());
        if (!matcher.matches()) {
            return Optional.of(
                    unauthorized(path, "bearer", "The Authorization header must be 'Bearer <token secret>'."));
        }
        Optional<Caller> caller = tokens.authenticate(matcher.group(1));
        if (caller.isEmpty()) {
            return Optional.of(unauthorized(path, "valid_token", "This token is unknown or has been revoked."));
        }
        current.set(caller.get());
        Role role = Role.fromValue(needed);
        if (!caller.get().hasAtLeast(role)) {
            throw new ApiProblem(
                    ProblemType.FORBIDDEN,
                    "This operation needs the " + role + " role; this token is a "
                            + caller.get().role() + "'s.");
        }
        return Optional.empty();
    }

    private static Response unauthorized(String path, String rule, String detail) {
        return ProblemResponses.builder(
                        ProblemType.UNAUTHORIZED,
                        detail,
                        List.of(ApiProblem.error(HttpHeaders.AUTHORIZATION, ProblemError.InEnum.HEADER, rule, detail)),
                        path)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"armstrace\"")
                .build();
    }
}
