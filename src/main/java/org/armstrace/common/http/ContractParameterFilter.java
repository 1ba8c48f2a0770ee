package org.armstrace.common.http;

import static org.armstrace.common.error.ApiProblem.queryError;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.error.ApiProblem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks the query string and the path parameters of every request against the parameters that the
 * contract declares for the matched operation, before any of them is converted: an unknown parameter
 * (a typo such as {@code contry=FR}), a wrong type, a value out of range, a malformed id, a broken
 * percent-encoding or a control character ({@link InputText}) all answer 400 naming each bad parameter.
 * Header parameters that the contract declares (Idempotency-Key, If-Match) are checked the same way when
 * sent.
 */
public class ContractParameterFilter {

    private final Contract contract;

    public ContractParameterFilter(Contract contract) {
        this.contract = contract;
    }

    @ServerRequestFilter
    public void checkQuery(ContainerRequestContext request, ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return;
        }
        contract.operation(resource.getResourceMethod().getName()).ifPresent(operation -> {
            Map<String, ParameterSpec> declared = operation.queryParameters();
            Map<String, List<String>> given =
                    parse(request.getUriInfo().getRequestUri().getRawQuery());
            List<ProblemError> errors = new ArrayList<>();
            operation.pathParameters().forEach((name, spec) -> {
                List<String> values =
                        request.getUriInfo().getPathParameters(true).get(name);
                if (values != null) {
                    errors.addAll(checked(spec, values));
                }
            });
            operation.headerParameters().forEach((name, spec) -> {
                List<String> values = request.getHeaders().get(name);
                if (values != null && !values.isEmpty()) {
                    errors.addAll(checked(spec, values));
                }
            });
            given.forEach((name, values) -> {
                ParameterSpec spec = declared.get(name);
                if (InputText.refusal(name).isPresent()) {
                    errors.add(queryError(
                            "(name)",
                            "control_character",
                            "a parameter name " + InputText.refusal(name).get()));
                } else if (spec == null) {
                    errors.add(queryError(
                            name,
                            "unknown_parameter",
                            "is not a parameter of this operation; known: "
                                    + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet()))));
                } else {
                    errors.addAll(checked(spec, values));
                }
            });
            declared.values().stream()
                    .filter(p -> p.required() && !given.containsKey(p.name()))
                    .forEach(p -> errors.add(queryError(p.name(), "required", "is required")));
            if (!errors.isEmpty()) {
                throw ApiProblem.invalidParameters(errors);
            }
            QueryValues.keep(request, given);
        });
    }

    /** The value's control characters first (nothing else is checked then), else the contract's rules. */
    private static List<ProblemError> checked(ParameterSpec spec, List<String> values) {
        for (String value : values) {
            java.util.Optional<String> refusal = InputText.refusal(value);
            if (refusal.isPresent()) {
                return List.of(ApiProblem.error(spec.name(), spec.in(), "control_character", refusal.get()));
            }
        }
        return spec.check(values);
    }

    /** Splits and strictly decodes a raw query string; broken escapes or UTF-8 are a 400, not a guess. */
    static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), null);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String raw, String parameter) {
        byte[] out = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                out[n++] = ' ';
            } else if (c == '%') {
                if (i + 2 >= raw.length()
                        || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw badEncoding(raw, parameter);
                }
                out[n++] =
                        (byte) ((Character.digit(raw.charAt(i + 1), 16) << 4) | Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                throw badEncoding(raw, parameter); // EdgeProblems percent-encodes raw UTF-8 before this
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw badEncoding(raw, parameter);
        }
    }

    private static ApiProblem badEncoding(String raw, String parameter) {
        String name = parameter == null ? raw.substring(0, Math.min(raw.length(), 40)) : parameter;
        return ApiProblem.invalidParameters(
                List.of(queryError(name, "encoding", "is not valid percent-encoded UTF-8")));
    }
}
