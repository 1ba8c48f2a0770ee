package org.armstrace.cases;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.armstrace.api.CasesApi;
import org.armstrace.api.model.CaseList;
import org.armstrace.api.model.ProblemError;
import org.armstrace.api.model.RevisionList;
import org.armstrace.common.DatasetIdentity;
import org.armstrace.common.cache.Remembered;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemResponses;
import org.armstrace.common.error.ProblemType;
import org.armstrace.common.http.ExportFormat;
import org.armstrace.common.http.QueryValues;
import org.armstrace.common.http.RecordETags;
import org.armstrace.export.ExportFiles;
import org.armstrace.revisions.RevisionLog;

/** The public read API of case records. Parameters reach it already checked against the contract. */
public class CasesResource implements CasesApi {

    private final CaseService service;
    private final Facets facets;
    private final CaseExporter exporter;
    private final RevisionLog revisions;
    private final UriInfo uri;
    private final HttpHeaders headers;
    private final CaseListJson pages;
    private final Remembered remembered;
    private final RoutingContext routing;

    public CasesResource(
            CaseService service,
            Facets facets,
            CaseExporter exporter,
            RevisionLog revisions,
            UriInfo uri,
            HttpHeaders headers,
            CaseListJson pages,
            Remembered remembered,
            RoutingContext routing) {
        this.routing = routing;
        this.service = service;
        this.remembered = remembered;
        this.pages = pages;
        this.exporter = exporter;
        this.headers = headers;
        this.facets = facets;
        this.revisions = revisions;
        this.uri = uri;
    }

    @Override
    public Response listCases(
            List<String> country,
            List<String> region,
            List<String> caseType,
            List<String> context,
            List<String> weapon3dRole,
            List<String> channel,
            List<String> legalStatus,
            List<String> confidence,
            Boolean uncertain,
            List<String> paymentMethod,
            List<String> sourceType,
            Boolean hasCoordinates,
            String dateFrom,
            String dateTo,
            String q,
            List<String> facet,
            Integer facetSize,
            String sort,
            Integer limit,
            String cursor,
            Boolean count,
            String format,
            Boolean bom,
            String release) {
        CaseFilter filter = CaseFilter.of(
                        country,
                        region,
                        caseType,
                        context,
                        weapon3dRole,
                        channel,
                        legalStatus,
                        confidence,
                        uncertain,
                        paymentMethod,
                        sourceType,
                        hasCoordinates,
                        dateFrom,
                        dateTo,
                        q)
                .in(service.scope(release));
        Optional<ExportFormat> export = ExportFormat.chosen(format, headers.getAcceptableMediaTypes());
        if (export.isPresent()) {
            CaseService.requireSortable(filter, CaseSort.of(sort));
            ExportFiles.Opened file;
            try {
                file = exporter.export(filter, CaseSort.of(sort), export.get(), Boolean.TRUE.equals(bom));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // closed when the answer ends however it ends: a HEAD request or a client gone before the body never
            // reaches the writer below, and must not leave the file open
            routing.addEndHandler(ended -> closeQuietly(file.in()));
            StreamingOutput body = out -> {
                try (InputStream in = file.in()) {
                    in.transferTo(out);
                }
            };
            return Response.ok(body, export.get().mediaType())
                    .header(HttpHeaders.CONTENT_LENGTH, file.bytes())
                    .header(
                            "Content-Disposition",
                            "inline; filename=\"" + export.get().fileName() + "\"")
                    .build();
        }
        List<Dimension> dimensions = QueryValues.split(facet).stream()
                .distinct()
                .map(f -> Dimension.of(f).orElseThrow())
                .toList();
        // a page answers the same until the revision log moves: remember its bytes under the exact request
        String request =
                uri.getRequestUri().getRawPath() + "?" + uri.getRequestUri().getRawQuery();
        PageAnswer answer = remembered.get("page", request, () -> {
            CasePage page = service.list(filter, CaseSort.of(sort), cursor, limit, count);
            String next = page.nextCursor() == null ? null : nextPage(page.nextCursor());
            byte[] body = pages.write(
                    new CaseList()
                            .nextCursor(page.nextCursor())
                            .next(next)
                            .totalCount(page.totalCount())
                            .facets(dimensions.isEmpty() ? null : facets.count(filter, dimensions, facetSize))
                            .snippets(page.snippets()),
                    page.documents());
            return new Remembered.Sized<>(new PageAnswer(body, next), body.length + request.length());
        });
        Response.ResponseBuilder response = Response.ok(answer.body(), MediaType.APPLICATION_JSON_TYPE);
        if (answer.next() != null) {
            response.header(HttpHeaders.LINK, "<" + answer.next() + ">; rel=\"next\"");
        }
        return response.build();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // a file opened for reading: nothing was lost
        }
    }

    /** A page as sent: its JSON and the link to the next one (null on the last). */
    private record PageAnswer(byte[] body, String next) {}

    /** The request's own path and query with the cursor replaced: a relative reference, right behind any proxy. */
    private String nextPage(String cursor) {
        URI next =
                uri.getRequestUriBuilder().replaceQueryParam("cursor", cursor).build();
        return next.getRawPath() + "?" + next.getRawQuery();
    }

    @Override
    public Response getCase(String id) {
        PublicView view = service.publicView(id).orElseThrow(() -> notFound());
        return switch (view) {
            case PublicView.Found found ->
                Response.ok(found.document(), MediaType.APPLICATION_JSON_TYPE)
                        .tag(RecordETags.entityTag(found.version(), true))
                        .header(HttpHeaders.LINK, DatasetIdentity.citeAsAndLicense("/v1/cases/" + id))
                        .build();
            case PublicView.Merged merged ->
                Response.status(Response.Status.MOVED_PERMANENTLY)
                        .location(URI.create("/v1/cases/" + merged.into()))
                        .build();
            case PublicView.Retracted gone ->
                ProblemResponses.builder(ProblemResponses.problem(
                                        ProblemType.RETRACTED,
                                        "Retracted: " + gone.reason(),
                                        List.of(),
                                        uri.getRequestUri().getRawPath())
                                .retractedAt(gone.at())
                                .replacedBy(gone.replacedBy()))
                        .build();
        };
    }

    @Override
    public Response getCaseHistory(String id) {
        service.publicView(id).orElseThrow(() -> notFound());
        return Response.ok(new RevisionList().items(revisions.publicHistory(id)))
                .build();
    }

    private static ApiProblem notFound() {
        return new ApiProblem(
                ProblemType.NOT_FOUND,
                "No published case record has this id.",
                List.of(ApiProblem.error(
                        "id", ProblemError.InEnum.PATH, "exists", "no published case record has this id")));
    }
}
