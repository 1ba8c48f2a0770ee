package org.armstrace.explorer;

import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.armstrace.api.model.ProblemError;
import org.armstrace.cases.CaseService;
import org.armstrace.cases.PublicView;
import org.armstrace.common.error.ProblemType;
import org.armstrace.common.http.BaseUri;
import org.armstrace.common.http.Contract;
import org.armstrace.releases.ReleaseStore;
import org.armstrace.revisions.RevisionLog;

/**
 * A page per record at a stable URL ({@code /cases/AT-000035}): the record in plain language, its sources,
 * related records, its public history and how to cite it; a retracted record shows its tombstone (410), a
 * merged one redirects to the record it was merged into (301), as the API does.
 */
@Path("/cases/{id}")
@Produces(PageAnswers.HTML)
public class CasePages {

    /** A revision of the record's public history. */
    @TemplateData
    record Change(long sequence, int version, String action, String at, String note) {}

    /** A related record, or its id alone when it is not published. */
    @TemplateData
    record Related(String id, String heading) {}

    private final Pages pages;
    private final PageAnswers answers;
    private final CaseService cases;
    private final RevisionLog revisions;
    private final ExplorerData data;
    private final Labels labels;
    private final Contract contract;
    private final ReleaseStore releases;
    private final BaseUri base;

    public CasePages(
            Pages pages,
            PageAnswers answers,
            CaseService cases,
            RevisionLog revisions,
            ExplorerData data,
            Labels labels,
            Contract contract,
            ReleaseStore releases,
            BaseUri base) {
        this.pages = pages;
        this.answers = answers;
        this.cases = cases;
        this.revisions = revisions;
        this.data = data;
        this.labels = labels;
        this.contract = contract;
        this.releases = releases;
        this.base = base;
    }

    @GET
    public Response casePage(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        List<ProblemError> errors = contract.operation("getCase")
                .orElseThrow()
                .pathParameters()
                .get("id")
                .check(List.of(id));
        if (!errors.isEmpty()) {
            return PageAnswers.error(
                    400, pages.problem(400, "Invalid record id", "A record id is AT- and six digits.", errors));
        }
        Optional<PublicView> view = cases.publicView(id);
        if (view.isEmpty()) {
            return PageAnswers.error(
                    404,
                    pages.problem(
                            404,
                            ProblemType.NOT_FOUND.title(),
                            "No published case record has the id " + id + ".",
                            List.of()));
        }
        return switch (view.get()) {
            case PublicView.Merged merged ->
                Response.status(Response.Status.MOVED_PERMANENTLY)
                        .location(URI.create("/cases/" + merged.into()))
                        .build();
            case PublicView.Retracted gone -> {
                Map<String, Object> page = new HashMap<>();
                page.put("id", id);
                page.put("reason", gone.reason());
                page.put(
                        "at", gone.at() == null ? null : gone.at().toLocalDate().toString());
                page.put("replacedBy", gone.replacedBy());
                page.put("history", history(id));
                yield PageAnswers.error(410, pages.render("retracted.html", page));
            }
            case PublicView.Found found -> answers.live(uri, headers, PageAnswers.HTML, () -> render(id, found));
        };
    }

    private String render(String id, PublicView.Found found) {
        Map<String, Object> record = data.record(found.document());
        CaseView view = CaseView.of(record, labels);
        Map<String, Object> page = new HashMap<>();
        page.put("c", view);
        page.put("related", view.relatedIds().stream().map(this::related).toList());
        page.put("history", history(id));
        page.put("url", base.get() + "/cases/" + id);
        page.put("api", "/v1/cases/" + id);
        Optional<ReleaseStore.Row> latest = releases.latest();
        page.put(
                "frozenIn",
                latest.filter(r -> data.frozen(r.version(), id).isPresent())
                        .map(ReleaseStore.Row::version)
                        .orElse(null));
        page.put("base", base.get());
        String updated = String.valueOf(record.getOrDefault("updated_at", ""));
        page.put("year", updated.length() >= 4 ? updated.substring(0, 4) : "n.d.");
        return pages.render("case.html", page);
    }

    private Related related(String id) {
        return cases.publicView(id)
                .filter(v -> v instanceof PublicView.Found)
                .map(v -> {
                    Map<String, Object> r = data.record(((PublicView.Found) v).document());
                    return new Related(
                            id,
                            labels.of("case_type", (String) r.get("case_type")) + ", " + CaseView.where(r) + ", "
                                    + r.get("event_date"));
                })
                .orElse(new Related(id, null));
    }

    private List<Change> history(String id) {
        return revisions.publicHistory(id).stream()
                .map(r -> new Change(
                        r.getSequence(),
                        r.getVersion(),
                        r.getAction().toString(),
                        r.getAt().toLocalDate().toString(),
                        r.getNote()))
                .toList();
    }
}
