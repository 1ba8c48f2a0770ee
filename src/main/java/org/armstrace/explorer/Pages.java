package org.armstrace.explorer;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.releases.ReleaseStore;

/** Renders the explorer's templates ({@code templates/explorer/}), each with what the layout needs. */
@ApplicationScoped
public class Pages {

    private final Engine engine;
    private final ReleaseStore releases;

    public Pages(Engine engine, ReleaseStore releases) {
        this.engine = engine;
        this.releases = releases;
    }

    String render(String template, Map<String, Object> data) {
        TemplateInstance page = engine.getTemplate("explorer/" + template).instance();
        data.forEach(page::data);
        page.data(
                "latestVersion",
                releases.latest().map(ReleaseStore.Row::version).orElse(null));
        return page.render();
    }

    /** An error as a page: what is wrong, each bad parameter by name. */
    String problem(int status, String title, String detail, List<ProblemError> errors) {
        return render(
                "error.html",
                Map.of(
                        "status",
                        status,
                        "title",
                        title,
                        "detail",
                        detail,
                        "errors",
                        errors.stream()
                                .map(e -> e.getName() + ": " + e.getDetail())
                                .toList()));
    }

    String problem(ApiProblem problem) {
        return problem(problem.type().status(), problem.type().title(), problem.getMessage(), problem.errors());
    }
}
