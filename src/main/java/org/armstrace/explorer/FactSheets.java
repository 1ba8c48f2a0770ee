package org.armstrace.explorer;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.cache.Remembered;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.http.BaseUri;
import org.armstrace.releases.ReleaseStore;

/**
 * The fact sheet of a release, for policy makers: one or two A4 pages with the key figures, the charts,
 * the map, the method and the citation; as a page made to print, and as a PDF rendered by the service
 * (the same bytes on every download of a release). Both never change, so both are cached for good.
 */
@Path("/releases/{version}")
public class FactSheets {

    private final Pages pages;
    private final PageAnswers answers;
    private final ReleaseStore releases;
    private final ReleaseLinks links;
    private final ExplorerData data;
    private final WorldMap map;
    private final BaseUri base;
    private final FactSheetPdf pdf;
    private final Remembered remembered;

    public FactSheets(
            Pages pages,
            PageAnswers answers,
            ReleaseStore releases,
            ReleaseLinks links,
            ExplorerData data,
            WorldMap map,
            BaseUri base,
            FactSheetPdf pdf,
            Remembered remembered) {
        this.pages = pages;
        this.answers = answers;
        this.releases = releases;
        this.links = links;
        this.data = data;
        this.map = map;
        this.base = base;
        this.pdf = pdf;
        this.remembered = remembered;
    }

    @GET
    @Path("fact-sheet")
    public Response factSheet(
            @PathParam("version") String version, @Context UriInfo uri, @Context HttpHeaders headers) {
        if ("latest".equals(version)) {
            return releases.latest()
                    .map(r -> Response.status(Response.Status.FOUND)
                            .location(java.net.URI.create("/releases/" + r.version() + "/fact-sheet"))
                            .header(jakarta.ws.rs.core.HttpHeaders.CACHE_CONTROL, "no-cache")
                            .build())
                    .orElseGet(() -> unknown(version));
        }
        return release(version) == null
                ? unknown(version)
                : answers.immutable(uri, headers, PageAnswers.HTML, () -> html(version, true));
    }

    @GET
    @Path("fact-sheet.pdf")
    public Response factSheetPdf(
            @PathParam("version") String version, @Context UriInfo uri, @Context HttpHeaders headers) {
        ReleaseStore.Row release = release(version);
        if (release == null) {
            return unknown(version);
        }
        Response response = answers.immutable(
                uri,
                headers,
                "application/pdf",
                () -> remembered.get("fact-sheet-pdf", version, () -> {
                    byte[] bytes = pdf.render(html(version, false), base.get(), release);
                    return new Remembered.Sized<>(bytes, bytes.length);
                }));
        return response.getStatus() == 200
                ? Response.fromResponse(response)
                        .header(
                                "Content-Disposition",
                                "attachment; filename=\"armstrace-" + version + "-fact-sheet.pdf\"")
                        .build()
                : response;
    }

    /** The fact sheet's XHTML; links are absolute in the PDF (it leaves the site), relative on the page. */
    String html(String version, boolean page) {
        ReleaseStore.Row row = release(version);
        List<WorldMap.Point> points = data.points(version);
        Map<String, Object> sheet = new HashMap<>();
        sheet.put("r", links.of(row));
        sheet.put("site", page ? "" : base.get());
        sheet.put("base", base.get());
        sheet.put("countries", data.countries(version));
        sheet.put("seized", data.total(version, "printed_firearms_seized"));
        sheet.put("arrested", data.total(version, "persons_arrested"));
        sheet.put("charts", data.charts(version));
        sheet.put("map", map.svg("Cases with coordinates in release " + version, points, page));
        sheet.put("legend", data.legend(points));
        sheet.put("span", span(version));
        sheet.put("page", page);
        return pages.render("fact-sheet.html", sheet);
    }

    private String span(String version) {
        List<String> years =
                data.charts(version).get(0).rows().stream().map(r -> r.get(0)).toList();
        return years.isEmpty() ? "no dated records" : years.get(0) + "–" + years.get(years.size() - 1);
    }

    private ReleaseStore.Row release(String version) {
        return "latest".equals(version) ? null : releases.find(version).orElse(null);
    }

    private Response unknown(String version) {
        ApiProblem problem = ApiProblem.unknownRelease("version", ProblemError.InEnum.PATH, version);
        return PageAnswers.error(404, pages.problem(problem));
    }
}
