package org.armstrace.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.Release;
import org.armstrace.api.model.ReleaseFile;
import org.armstrace.common.DatasetIdentity;

/** The dataset described for catalogues (DCAT-AP 3) and for search engines (schema.org), as JSON-LD. */
final class DatasetMetadata {

    private static final List<String[]> DISTRIBUTIONS = List.of(
            new String[] {"/v1/cases?format=csv", "text/csv", "CSV"},
            new String[] {"/v1/cases?format=ndjson", "application/x-ndjson", "NDJSON"},
            new String[] {"/v1/cases?format=geojson", "application/geo+json", "GeoJSON"});

    private DatasetMetadata() {}

    static Map<String, Object> dcat(DatasetFacts.Facts facts, List<Release> releases, String base) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("dcat", "http://www.w3.org/ns/dcat#");
        context.put("dct", "http://purl.org/dc/terms/");
        context.put("foaf", "http://xmlns.com/foaf/0.1/");
        context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        context.put("spdx", "http://spdx.org/rdf/terms#");
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("@context", context);
        dataset.put("@id", base + "/v1/dataset");
        dataset.put("@type", "dcat:Dataset");
        dataset.put("dct:title", DatasetIdentity.TITLE);
        dataset.put("dct:description", DatasetIdentity.DESCRIPTION);
        dataset.put("dct:identifier", base + "/v1/dataset");
        dataset.put("dcat:version", facts.version());
        dataset.put("dct:publisher", ordered("@type", "foaf:Organization", "foaf:name", "ArmsTrace"));
        dataset.put("dct:license", ordered("@id", DatasetIdentity.LICENSE));
        dataset.put(
                "dcat:keyword",
                List.of("3D-printed firearms", "arms trafficking", "ghost guns", "seizures", "open data"));
        if (facts.issued() != null) {
            dataset.put("dct:issued", ordered("@value", facts.issued().toString(), "@type", "xsd:dateTime"));
        }
        if (facts.modified() != null) {
            dataset.put("dct:modified", ordered("@value", facts.modified().toString(), "@type", "xsd:dateTime"));
        }
        if (facts.from() != null) {
            dataset.put(
                    "dct:temporal",
                    ordered(
                            "@type",
                            "dct:PeriodOfTime",
                            "dcat:startDate",
                            ordered("@value", facts.from().toString(), "@type", "xsd:date"),
                            "dcat:endDate",
                            ordered("@value", facts.to().toString(), "@type", "xsd:date")));
        }
        dataset.put("dcat:landingPage", ordered("@id", base + "/q/swagger-ui"));
        List<Map<String, Object>> distributions = new ArrayList<>();
        for (Release release : releases) {
            for (ReleaseFile file : release.getFiles()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("@type", "dcat:Distribution");
                d.put(
                        "dct:title",
                        "Release " + release.getVersion() + ": "
                                + file.getName().toString());
                d.put("dct:issued", ordered("@value", release.getReleasedAt().toString(), "@type", "xsd:dateTime"));
                d.put("dcat:accessURL", ordered("@id", base + release.getUrl()));
                d.put("dcat:downloadURL", ordered("@id", base + file.getUrl()));
                d.put(
                        "dcat:mediaType",
                        ordered(
                                "@id",
                                "https://www.iana.org/assignments/media-types/"
                                        + file.getMediaType().replaceAll(";.*", "")));
                d.put("dcat:byteSize", ordered("@value", file.getBytes(), "@type", "xsd:nonNegativeInteger"));
                d.put(
                        "spdx:checksum",
                        ordered(
                                "@type",
                                "spdx:Checksum",
                                "spdx:algorithm",
                                ordered("@id", "spdx:checksumAlgorithm_sha256"),
                                "spdx:checksumValue",
                                file.getSha256()));
                d.put("dct:license", ordered("@id", DatasetIdentity.LICENSE));
                distributions.add(d);
            }
        }
        DISTRIBUTIONS.forEach(d -> distributions.add(ordered(
                "@type", "dcat:Distribution",
                "dct:title", "All published cases now, live (" + d[2] + ")",
                "dcat:accessURL", ordered("@id", base + d[0]),
                "dcat:downloadURL", ordered("@id", base + d[0]),
                "dcat:mediaType", ordered("@id", "https://www.iana.org/assignments/media-types/" + d[1]),
                "dct:license", ordered("@id", DatasetIdentity.LICENSE))));
        dataset.put("dcat:distribution", distributions);
        return dataset;
    }

    static Map<String, Object> schemaOrg(DatasetFacts.Facts facts, List<Release> releases, String base) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("@context", "https://schema.org/");
        dataset.put("@type", "Dataset");
        dataset.put("@id", base + "/v1/dataset");
        dataset.put("name", DatasetIdentity.TITLE);
        dataset.put("description", DatasetIdentity.DESCRIPTION);
        dataset.put("version", facts.version());
        dataset.put("url", base + "/v1/dataset");
        dataset.put("license", DatasetIdentity.LICENSE);
        dataset.put("creator", ordered("@type", "Organization", "name", DatasetIdentity.AUTHOR));
        dataset.put("isAccessibleForFree", true);
        dataset.put("keywords", List.of("3D-printed firearms", "arms trafficking", "ghost guns", "seizures"));
        if (facts.modified() != null) {
            dataset.put("dateModified", facts.modified().toString());
        }
        if (facts.from() != null) {
            dataset.put("temporalCoverage", facts.from() + "/" + facts.to());
        }
        dataset.put("variableMeasured", base + "/v1/codebook");
        List<Map<String, Object>> distributions = new ArrayList<>();
        for (Release release : releases) {
            for (ReleaseFile file : release.getFiles()) {
                distributions.add(ordered(
                        "@type",
                        "DataDownload",
                        "name",
                        "Release " + release.getVersion() + ": "
                                + file.getName().toString(),
                        "version",
                        release.getVersion(),
                        "encodingFormat",
                        file.getMediaType().replaceAll(";.*", ""),
                        "contentUrl",
                        base + file.getUrl(),
                        "contentSize",
                        file.getBytes() + " B",
                        "sha256",
                        file.getSha256(),
                        "uploadDate",
                        release.getReleasedAt().toString()));
            }
        }
        DISTRIBUTIONS.forEach(d -> distributions.add(ordered(
                "@type",
                "DataDownload",
                "name",
                "Live export (" + d[2] + ")",
                "encodingFormat",
                d[1],
                "contentUrl",
                base + d[0])));
        dataset.put("distribution", distributions);
        return dataset;
    }

    /** A JSON object with its members in the order given (Map.of would change the order from run to run). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
