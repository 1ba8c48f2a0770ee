package org.armstrace.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates every response that a test receives against {@code openapi/openapi.yaml}: status declared,
 * headers and body of the declared shape. A response the contract does not describe fails the test.
 * Paths outside the API ({@code /q/...}) are not part of the contract and pass through.
 */
public final class ContractValidationFilter implements Filter {

    public static final ContractValidationFilter INSTANCE = new ContractValidationFilter();

    private final OpenApiInteractionValidator validator = build();

    /** Operation ids and statuses seen, as "GET /v1/cases 200", for coverage checks. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    private ContractValidationFilter() {
    }

    /** The parser finds its extensions with the context class loader, which must be the one that loaded it. */
    private static OpenApiInteractionValidator build() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OpenApiInteractionValidator.class.getClassLoader());
        try {
            return OpenApiInteractionValidator
                    .createForSpecificationUrl(Path.of("openapi", "openapi.yaml").toAbsolutePath().toUri().toString())
                    .build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        String path = URI.create(request.getURI()).getRawPath();
        if (!path.startsWith("/v1/")) {
            return response;
        }
        Request.Method method = Request.Method.valueOf(request.getMethod().toUpperCase(Locale.ROOT));
        SimpleResponse.Builder actual = SimpleResponse.Builder.status(response.statusCode())
                .withBody(response.asByteArray());
        response.headers().forEach(h -> actual.withHeader(h.getName(), h.getValue()));
        if (response.contentType() != null && !response.contentType().isEmpty()) {
            actual.withContentType(response.contentType());
        }
        ValidationReport report = validator.validateResponse(path, method, actual.build());
        if (report.hasErrors()) {
            throw new AssertionError("Response to " + method + " " + path + " (" + response.statusCode()
                    + ") breaks the contract:\n" + SimpleValidationReportFormat.getInstance().apply(report)
                    + "\nBody: " + abbreviate(response.asString()));
        }
        seen.add(method + " " + path + " " + response.statusCode());
        return response;
    }

    public Set<String> seen() {
        return Set.copyOf(seen);
    }

    private static String abbreviate(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "...";
    }
}
