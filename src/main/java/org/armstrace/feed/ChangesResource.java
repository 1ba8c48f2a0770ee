package org.armstrace.feed;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.armstrace.api.ChangesApi;
import org.armstrace.api.model.Change;
import org.armstrace.api.model.ChangeList;
import org.armstrace.common.http.BaseUri;
import org.armstrace.revisions.RevisionLog;

/** The change feed, as JSON pages and as Atom. */
public class ChangesResource implements ChangesApi {

    private final RevisionLog feed;
    private final BaseUri base;

    public ChangesResource(RevisionLog feed, BaseUri base) {
        this.feed = feed;
        this.base = base;
    }

    @Override
    public Response listChanges(Long since, Integer limit) {
        List<Change> changes = feed.publicChangesAfter(since, limit);
        long next = changes.isEmpty() ? since : changes.get(changes.size() - 1).getSequence();
        return Response.ok(new ChangeList()
                        .items(changes)
                        .nextSince(next)
                        .next("/v1/changes?since=" + next + "&limit=" + limit))
                .build();
    }

    @Override
    public Response getChangesAtom(Integer limit) {
        return Response.ok(
                        AtomFeed.write(feed.latestPublicChanges(limit), base.get()),
                        "application/atom+xml; charset=UTF-8")
                .build();
    }
}
