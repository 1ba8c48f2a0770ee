package org.armstrace.explorer;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.armstrace.cases.CaseFilter;
import org.armstrace.cases.CasePage;
import org.armstrace.cases.CaseService;
import org.armstrace.cases.Facets;
import org.armstrace.common.DatasetIdentity;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.http.Contract;
import org.armstrace.dataset.DatasetFacts;
import org.armstrace.releases.ReleaseStore;

/**
 * The web explorer's pages for people who will never write a curl command: home, map and browse. HTML
 * rendered on the server; the methods' names are not operations of the contract, so the API's contract
 * checks leave these paths alone.
 */
@Path("/")
@Produces(PageAnswers.HTML)
public class ExplorerResource {

    private final Pages pages;
    private final PageAnswers answers;
    private final ExplorerData data;
    private final CaseService cases;
    private final Facets facets;
    private final Contract contract;
    private final Labels labels;
    private final ReleaseStore releases;
    private final DatasetFacts facts;
    private final ReleaseLinks links;
    private final WorldMap map;

    public ExplorerResource(
            Pages pages,
            PageAnswers answers,
            ExplorerData data,
            CaseService cases,
            Facets facets,
            Contract contract,
            Labels labels,
            ReleaseStore releases,
            DatasetFacts facts,
            ReleaseLinks links,
            WorldMap map) {
        this.pages = pages;
        this.answers = answers;
        this.data = data;
        this.cases = cases;
        this.facets = facets;
        this.contract = contract;
        this.labels = labels;
        this.releases = releases;
        this.facts = facts;
        this.links = links;
        this.map = map;
    }

    @GET
    public Response home(@Context UriInfo uri, @Context HttpHeaders headers) {
        return guarded(() -> answers.live(uri, headers, PageAnswers.HTML, () -> {
            Map<String, Object> page = new HashMap<>();
            List<ReleaseStore.Row> all = releases.all();
            DatasetFacts.Facts now = facts.now(all.isEmpty() ? null : all.get(0));
            page.put("records", now.records());
            page.put("from", now.from());
            page.put("to", now.to());
            page.put("countries", data.countries(null));
            page.put("description", DatasetIdentity.DESCRIPTION);
            page.put("latest", all.isEmpty() ? null : links.of(all.get(0)));
            page.put("releases", all.stream().map(r -> links.summary(r)).toList());
            page.put("charts", data.charts(null));
            return pages.render("home.html", page);
        }));
    }

    @GET
    @Path("map")
    public Response mapPage(@QueryParam("release") String release, @Context UriInfo uri, @Context HttpHeaders headers) {
        Supplier<Object> body = () -> {
            List<WorldMap.Point> points = data.points(release);
            Map<String, Object> page = new HashMap<>();
            page.put("release", release);
            page.put("svg", map.svg("Map of cases with coordinates", points, true));
            page.put("points", points.size());
            page.put("cap", ExplorerData.MAP_POINTS);
            page.put("legend", data.legend(points));
            page.put(
                    "geojson",
                    "/v1/cases?has_coordinates=true&format=geojson" + (release == null ? "" : "&release=" + release));
            return pages.render("map.html", page);
        };
        return guarded(() -> release == null
                ? answers.live(uri, headers, PageAnswers.HTML, body)
                : answers.immutable(uri, headers, PageAnswers.HTML, body));
    }

    @GET
    @Path("cases")
    public Response browse(@Context UriInfo uri, @Context HttpHeaders headers) {
        return guarded(() -> {
            BrowseQuery query = BrowseQuery.parse(uri.getQueryParameters(), contract);
            Supplier<Object> body = () -> {
                CaseFilter filter = query.filter().in(cases.scope(query.release()));
                CasePage page = cases.list(filter, query.sort(), query.cursor(), query.limit(), true);
                Map<String, Object> view = new HashMap<>();

                Map<String, String> values = new HashMap<>();
                BrowseQuery.NAMES.forEach(name -> values.put(name, query.value(name) == null ? "" : query.value(name)));
                values.put("limit", Integer.toString(query.limit()));
                values.put("sort", query.sort().code());
                view.put("v", values);
                view.put("limits", List.of("10", "25", "50", "100", "200"));
                view.put("rows", BrowseView.rows(page, data, labels));
                view.put("total", page.totalCount());
                view.put("groups", BrowseView.groups(query, facets, cases, contract, labels));
                view.put(
                        "releases",
                        releases.all().stream().map(ReleaseStore.Row::version).toList());
                view.put(
                        "next", page.nextCursor() == null ? null : "/cases?" + query.with("cursor", page.nextCursor()));
                view.put("first", query.cursor() == null ? null : "/cases?" + query.with("cursor", null));
                view.put("csv", query.download("csv"));
                view.put("ndjson", query.download("ndjson"));
                view.put("geojson", query.download("geojson"));
                view.put("api", "/v1/cases?" + query.with("cursor", null));
                view.put(
                        "pin",
                        query.release() != null
                                ? null
                                : releases.latest()
                                        .map(r -> "/cases?" + query.with("cursor", null, "release", r.version()))
                                        .orElse(null));
                view.put(
                        "live",
                        query.release() == null ? null : "/cases?" + query.with("cursor", null, "release", null));
                return pages.render("browse.html", view);
            };
            return query.release() == null
                    ? answers.live(uri, headers, PageAnswers.HTML, body)
                    : answers.immutable(uri, headers, PageAnswers.HTML, body);
        });
    }

    private Response guarded(Supplier<Response> page) {
        try {
            return page.get();
        } catch (ApiProblem problem) {
            return PageAnswers.error(problem.type().status(), pages.problem(problem));
        }
    }
}
