package org.armstrace.dataset;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.armstrace.api.DatasetApi;
import org.armstrace.api.model.ProblemError;
import org.armstrace.api.model.Release;
import org.armstrace.common.DatasetIdentity;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.http.BaseUri;
import org.armstrace.curation.CurrentCaller;
import org.armstrace.releases.ReleaseStore;

/** Dataset metadata and citation, with Link headers to the citation and the licence. */
public class DatasetResource implements DatasetApi {

    private static final Map<String, String> CITATION_TYPES = Map.of(
            "csl", "application/vnd.citationstyles.csl+json",
            "bibtex", "application/x-bibtex",
            "ris", "application/x-research-info-systems",
            "cff", "application/x-cff");

    private final DatasetFacts facts;
    private final ReleaseStore releases;
    private final BaseUri base;
    private final HttpHeaders headers;

    private final ShippedReleaseReview shipped;
    private final CurrentCaller caller;

    public DatasetResource(
            DatasetFacts facts,
            ReleaseStore releases,
            BaseUri base,
            HttpHeaders headers,
            ShippedReleaseReview shipped,
            CurrentCaller caller) {
        this.shipped = shipped;
        this.caller = caller;
        this.facts = facts;
        this.releases = releases;
        this.base = base;
        this.headers = headers;
    }

    @Override
    public Response applyShippedRelease(String version, Boolean dryRun) {
        return Response.ok(shipped.apply(
                        version, Boolean.TRUE.equals(dryRun), caller.get().tokenId()))
                .build();
    }

    @Override
    public Response getDataset(String profile) {
        String base = base();
        List<ReleaseStore.Row> rows = releases.all();
        List<Release> all = rows.stream().map(releases::toApi).toList();
        DatasetFacts.Facts now = facts.now(rows.isEmpty() ? null : rows.get(0)); // newest first
        Object body = "schema.org".equals(profile)
                ? DatasetMetadata.schemaOrg(now, all, base)
                : DatasetMetadata.dcat(now, all, base);
        return withLinks(Response.ok(body, "application/ld+json"), "/v1/dataset/citation")
                .build();
    }

    /** Cites the release asked for, else the latest release (the live dataset before any release). */
    @Override
    public Response getCitation(String format, String release) {
        String type = format != null ? CITATION_TYPES.get(format) : negotiated();
        Optional<ReleaseStore.Row> cited = release == null
                ? releases.latest()
                : Optional.of(releases.find(release)
                        .orElseThrow(() -> ApiProblem.unknownRelease("release", ProblemError.InEnum.QUERY, release)));
        DatasetFacts.Facts cite = cited.map(facts::of).orElseGet(() -> facts.now(null));
        String path = cited.map(r -> "/v1/releases/" + r.version()).orElse("/v1/dataset");
        String url = base() + path;
        Object body = switch (type) {
            case "application/x-bibtex" -> Citations.bibtex(cite, url);
            case "application/x-research-info-systems" -> Citations.ris(cite, url);
            case "application/x-cff" -> Citations.cff(cite, url);
            default -> Citations.cslJson(cite, url);
        };
        return withLinks(Response.ok(body, type.startsWith("application/x-") ? type + "; charset=UTF-8" : type), path)
                .build();
    }

    /** The first citation type the client accepts (CSL-JSON for anything else). */
    private String negotiated() {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            for (String type : List.of(
                    CITATION_TYPES.get("csl"),
                    CITATION_TYPES.get("bibtex"),
                    CITATION_TYPES.get("ris"),
                    CITATION_TYPES.get("cff"))) {
                if (!accepted.isWildcardType() && accepted.isCompatible(MediaType.valueOf(type))) {
                    return type;
                }
            }
        }
        return CITATION_TYPES.get("csl");
    }

    private Response.ResponseBuilder withLinks(Response.ResponseBuilder builder, String citeAs) {
        return builder.header(HttpHeaders.LINK, DatasetIdentity.citeAsAndLicense(citeAs));
    }

    private String base() {
        return base.get();
    }
}
