package org.armstrace.dataset;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.armstrace.api.DatasetApi;
import org.armstrace.common.http.BaseUri;

/** Dataset metadata and citation, with Link headers to the citation and the licence. */
public class DatasetResource implements DatasetApi {

    private static final Map<String, String> CITATION_TYPES = Map.of(
            "csl", "application/vnd.citationstyles.csl+json",
            "bibtex", "application/x-bibtex",
            "ris", "application/x-research-info-systems",
            "cff", "application/x-cff");

    private final DatasetFacts facts;
    private final UriInfo uri;
    private final HttpHeaders headers;

    public DatasetResource(DatasetFacts facts, UriInfo uri, HttpHeaders headers) {
        this.facts = facts;
        this.uri = uri;
        this.headers = headers;
    }

    @Override
    public Response getDataset(String profile) {
        String base = base();
        Object body = "schema.org".equals(profile) ? DatasetMetadata.schemaOrg(facts.now(), base)
                : DatasetMetadata.dcat(facts.now(), base);
        return withLinks(Response.ok(body, "application/ld+json")).build();
    }

    @Override
    public Response getCitation(String format) {
        String type = format != null ? CITATION_TYPES.get(format) : negotiated();
        DatasetFacts.Facts now = facts.now();
        String url = base() + "/v1/dataset";
        Object body = switch (type) {
            case "application/x-bibtex" -> Citations.bibtex(now, url);
            case "application/x-research-info-systems" -> Citations.ris(now, url);
            case "application/x-cff" -> Citations.cff(now, url);
            default -> Citations.cslJson(now, url);
        };
        return withLinks(Response.ok(body, type.startsWith("application/x-") ? type + "; charset=UTF-8" : type)).build();
    }

    /** The first citation type the client accepts (CSL-JSON for anything else). */
    private String negotiated() {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            for (String type : List.of(CITATION_TYPES.get("csl"), CITATION_TYPES.get("bibtex"), CITATION_TYPES.get("ris"),
                    CITATION_TYPES.get("cff"))) {
                if (!accepted.isWildcardType() && accepted.isCompatible(MediaType.valueOf(type))) {
                    return type;
                }
            }
        }
        return CITATION_TYPES.get("csl");
    }

    private Response.ResponseBuilder withLinks(Response.ResponseBuilder builder) {
        return builder.header(HttpHeaders.LINK, "</v1/dataset/citation>; rel=\"cite-as\", <" + DatasetFacts.LICENSE
                + ">; rel=\"license\"");
    }

    private String base() {
        return BaseUri.of(uri);
    }
}
