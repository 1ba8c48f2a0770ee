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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.armstrace.testing.ContractOperations.Operation;

/**
 * Validates every response that a test receives against {@code openapi/openapi.yaml}: status declared,
 * headers and body of the declared shape. A response the contract does not describe fails the test.
 * Paths outside the API ({@code /q/...}), paths the contract does not have (a 404 for
 * {@code /v1/nothing-here}) and HEAD and OPTIONS requests (which the framework answers on every path, and
 * which the contract does not describe) pass through.
 *
 * <p>A status must be declared by the operation itself; the {@code default} response stands for
 * unexpected faults only (5xx), not for any status the contract forgot. A 405 answers for a path, not an
 * operation: it is checked against the path's operations that declare it.
 *
 * <p>It also records, for {@code ContractCoverageIT}, the {@code operationId status} pairs it has
 * validated, and writes them to {@link ContractCoverage#FILE} when the test JVM ends.
 */
public final class ContractValidationFilter implements Filter {

    public static final ContractValidationFilter INSTANCE = new ContractValidationFilter();

    private final OpenApiInteractionValidator validator = build();
    private final ContractOperations contract = ContractOperations.load();

    /** Methods, paths and statuses seen, as "GET /v1/cases 200". */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** Operations and statuses seen, as "listCases 200". */
    private final Set<String> covered = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean writing = new AtomicBoolean();

    private ContractValidationFilter() {}

    /** The parser finds its extensions with the context class loader, which must be the one that loaded it. */
    private static OpenApiInteractionValidator build() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OpenApiInteractionValidator.class.getClassLoader());
        try {
            return OpenApiInteractionValidator.createForSpecificationUrl(Path.of("openapi", "openapi.yaml")
                            .toAbsolutePath()
                            .toUri()
                            .toString())
                    .build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request,
            FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        String path = URI.create(request.getURI()).getRawPath();
        if (!path.startsWith("/v1/")) {
            return response;
        }
        List<Operation> onPath = contract.onPath(path);
        if (onPath.isEmpty()) {
            return response;
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (method.equals("HEAD") || method.equals("OPTIONS")) {
            return response; // answered by the framework for every path; the contract does not describe them
        }
        int status = response.statusCode();
        List<Operation> answering =
                onPath.stream().filter(o -> o.method().equals(method)).toList();
        if (answering.isEmpty() && status == 405) {
            answering = onPath.stream().filter(o -> o.declares(405)).toList();
        }
        if (answering.isEmpty()) {
            throw new AssertionError(method + " " + path + " answered " + status + ", but the contract has no "
                    + method + " operation on " + onPath.get(0).path()
                    + (status == 405 ? " and none of its operations declares 405" : ""));
        }
        for (Operation operation : answering) {
            check(operation, path, status, response);
        }
        seen.add(method + " " + path + " " + status);
        for (Operation operation : answering) {
            record(operation.id() + " " + status);
        }
        return response;
    }

    private void check(Operation operation, String path, int status, Response response) {
        if (!operation.declares(status) && !(status >= 500 && operation.hasDefault())) {
            throw new AssertionError(response.getStatusLine() + " to " + operation + " is not a status the contract "
                    + "declares for it (declared: " + operation.statuses() + "; default is for 5xx faults).\nBody: "
                    + abbreviate(response.asString()));
        }
        SimpleResponse.Builder actual = SimpleResponse.Builder.status(status).withBody(decoded(response));
        response.headers().forEach(h -> actual.withHeader(h.getName(), h.getValue()));
        if (response.contentType() != null && !response.contentType().isEmpty()) {
            actual.withContentType(response.contentType());
        }
        ValidationReport report =
                validator.validateResponse(path, Request.Method.valueOf(operation.method()), actual.build());
        if (report.hasErrors()) {
            throw new AssertionError("Response to " + operation + " at " + path + " (" + status
                    + ") breaks the contract:\n"
                    + SimpleValidationReportFormat.getInstance().apply(report)
                    + "\nBody: " + abbreviate(response.asString()));
        }
    }

    /** The body as the client library would decode it, also when a test turned decoding off to see the gzip. */
    private static byte[] decoded(Response response) {
        byte[] body = response.asByteArray();
        boolean gzipped = body.length > 2
                && (body[0] & 0xff) == 0x1f
                && (body[1] & 0xff) == 0x8b
                && "gzip"
                        .equalsIgnoreCase(String.valueOf(response.header("Content-Encoding"))
                                .strip());
        if (!gzipped) {
            return body;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError("the body says gzip but is not: " + e.getMessage(), e);
        }
    }

    /**
     * Keeps a pair. The first one also claims the coverage file for this run (replacing a file an
     * earlier run left) and registers the hook that writes every pair when the JVM ends; the claim runs
     * the same code as the hook, while every class it needs can still be loaded.
     */
    private void record(String pair) {
        if (covered.add(pair) && writing.compareAndSet(false, true)) {
            ContractCoverage.merge(List.of(pair));
            Runtime.getRuntime().addShutdownHook(new Thread(this::writeCoverage, "contract-coverage"));
        }
    }

    private void writeCoverage() {
        try {
            ContractCoverage.merge(covered);
        } catch (RuntimeException e) {
            System.err.println("Could not write the contract coverage: " + e);
        }
    }

    public Set<String> seen() {
        return Set.copyOf(seen);
    }

    /** The "operationId status" pairs seen so far by this instance. */
    public Set<String> covered() {
        return Set.copyOf(covered);
    }

    private static String abbreviate(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "...";
    }
}
