package org.armstrace.releases;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.armstrace.api.ReleasesApi;
import org.armstrace.api.model.ProblemError;
import org.armstrace.api.model.ReleaseList;
import org.armstrace.api.model.ReleaseRequest;
import org.armstrace.cases.CaseScope;
import org.armstrace.cases.CaseService;
import org.armstrace.cases.PublicView;
import org.armstrace.common.DatasetIdentity;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;
import org.armstrace.common.http.CsvChoice;
import org.armstrace.common.http.HttpPolicies;
import org.armstrace.common.http.RecordETags;
import org.armstrace.curation.CurrentCaller;
import org.armstrace.export.CsvOutput;

/** Releases, their files and the changes between them. Everything under a version is immutable. */
public class ReleasesResource implements ReleasesApi {

    /** How long answers about {@code latest} may be cached: it moves on with each release. */
    static final String LATEST_CACHE = "public, max-age=60";

    private final ReleaseStore store;
    private final CaseService cases;
    private final ReleaseCutter cutter;
    private final ReleaseDiffs diffs;
    private final CurrentCaller caller;
    private final HttpHeaders headers;
    private final StoredFiles storedFiles;

    public ReleasesResource(
            ReleaseStore store,
            StoredFiles storedFiles,
            CaseService cases,
            ReleaseCutter cutter,
            ReleaseDiffs diffs,
            CurrentCaller caller,
            HttpHeaders headers) {
        this.store = store;
        this.storedFiles = storedFiles;
        this.cases = cases;
        this.cutter = cutter;
        this.diffs = diffs;
        this.caller = caller;
        this.headers = headers;
    }

    @Override
    public Response createRelease(ReleaseRequest request) {
        ReleaseStore.Row release = cutter.cutAlone(
                request.getVersion(),
                request.getNotes(),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS),
                caller.get().tokenId());
        String url = "/v1/releases/" + release.version();
        return Response.created(URI.create(url))
                .entity(store.toApi(release))
                .header(HttpHeaders.LINK, DatasetIdentity.citeAsAndLicense(url))
                .build();
    }

    @Override
    public Response listReleases() {
        return Response.ok(new ReleaseList()
                        .items(store.all().stream().map(store::toApi).toList()))
                .build();
    }

    @Override
    public Response getRelease(String version) {
        ReleaseStore.Row release = find(version);
        Response.ResponseBuilder response =
                Response.ok(store.toApi(release)).tag(new EntityTag("release-" + release.version(), true));
        return pinned(response, version, release).build();
    }

    @Override
    public Response getReleaseCase(String version, String id) {
        ReleaseStore.Row release = find(version);
        PublicView.Found record = cases.frozen(CaseScope.release(release.id()), id)
                .orElseThrow(() -> new ApiProblem(
                        ProblemType.NOT_FOUND,
                        "Release " + release.version() + " holds no case record with this id.",
                        List.of(ApiProblem.error(
                                "id", ProblemError.InEnum.PATH, "exists", "not in release " + release.version()))));
        // cite the record in the release, not the release as a whole
        return pinned(
                        Response.ok(record.document(), jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                                .tag(RecordETags.entityTag(record.version(), true)),
                        version,
                        release,
                        "/v1/releases/" + release.version() + "/cases/" + id)
                .build();
    }

    @Override
    public Response getReleaseFile(String version, String name, Boolean bom) {
        ReleaseStore.Row release = find(version);
        FileKind kind = FileKind.of(name).orElseThrow(); // the contract's enum of names has been checked
        List<ReleaseStore.FileRow> files = store.files(release.id());
        ReleaseStore.FileRow file = files.stream()
                .filter(f -> f.kind() == kind)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("release " + release.version() + " has no " + name));
        boolean withBom = Boolean.TRUE.equals(bom) && kind.isCsv();
        StreamingOutput body = out -> {
            if (withBom) {
                out.write(CsvOutput.BOM);
            }
            try (InputStream in = storedFiles.open(release, files, file)) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder response = Response.ok(body, kind.mediaType())
                .tag(new EntityTag(file.sha256(withBom)))
                .header(HttpHeaders.CONTENT_LENGTH, file.bytes() + (withBom ? CsvOutput.BOM.length : 0))
                // the bytes served are the bytes whose SHA-256 is the ETag: never re-encoded on the way
                .header("Content-Encoding", "identity")
                .header("Content-Disposition", "attachment; filename=\"" + kind.downloadName(release.version()) + "\"");
        return pinned(response, version, release).build();
    }

    @Override
    public Response getReleaseChanges(String version, String since, String format) {
        ReleaseStore.Row release = find(version);
        ReleaseStore.Row older = since == null
                ? previous(release)
                : store.find(since)
                        .orElseThrow(() -> ApiProblem.unknownRelease("since", ProblemError.InEnum.QUERY, since));
        if (SemanticVersion.parse(older.version()).compareTo(SemanticVersion.parse(release.version())) >= 0) {
            throw ApiProblem.invalidParameters(List.of(ApiProblem.queryError(
                    "since", "older_release", "must be a release older than " + release.version())));
        }
        boolean asCsv = CsvChoice.wanted(format, headers.getAcceptableMediaTypes());
        Response.ResponseBuilder response = asCsv
                ? Response.ok(diffs.csv(older, release), "text/csv; charset=UTF-8")
                : Response.ok(diffs.json(older, release), MediaType.APPLICATION_JSON);
        response.tag(
                new EntityTag("changes-" + older.version() + "-" + release.version() + (asCsv ? "-csv" : ""), true));
        return pinned(response, version, release).build();
    }

    private ReleaseStore.Row find(String version) {
        return store.find(version)
                .orElseThrow(() -> ApiProblem.unknownRelease("version", ProblemError.InEnum.PATH, version));
    }

    private ReleaseStore.Row previous(ReleaseStore.Row release) {
        if (release.previousVersion() == null) {
            throw ApiProblem.invalidParameters(List.of(ApiProblem.queryError(
                    "since",
                    "older_release",
                    release.version() + " is the first release: there is nothing older to compare with")));
        }
        return store.find(release.previousVersion()).orElseThrow();
    }

    /** Immutable caching and the citation links of an answer about one release. */
    private static Response.ResponseBuilder pinned(
            Response.ResponseBuilder response, String asked, ReleaseStore.Row release) {
        return pinned(response, asked, release, "/v1/releases/" + release.version());
    }

    /** The same, citing the given URL. */
    private static Response.ResponseBuilder pinned(
            Response.ResponseBuilder response, String asked, ReleaseStore.Row release, String citeAs) {
        String url = "/v1/releases/" + release.version();
        response.header(HttpHeaders.LINK, DatasetIdentity.citeAsAndLicense(citeAs));
        if ("latest".equals(asked)) {
            return response.header(HttpHeaders.CACHE_CONTROL, LATEST_CACHE).header("Content-Location", url);
        }
        return response.header(HttpHeaders.CACHE_CONTROL, HttpPolicies.IMMUTABLE);
    }
}
