package org.armstrace.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dataset described for catalogues (DCAT-AP 3) and for search engines (schema.org), as JSON-LD. */
final class DatasetMetadata {

    private static final List<String[]> DISTRIBUTIONS = List.of(
            new String[] {"/v1/cases?format=csv", "text/csv", "CSV"},
            new String[] {"/v1/cases?format=ndjson", "application/x-ndjson", "NDJSON"},
            new String[] {"/v1/cases?format=geojson", "application/geo+json", "GeoJSON"});

    private DatasetMetadata() {
    }

    static Map<String, Object> dcat(DatasetFacts.Facts facts, String base) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("dcat", "http://www.w3.org/ns/dcat#");
        context.put("dct", "http://purl.org/dc/terms/");
        context.put("foaf", "http://xmlns.com/foaf/0.1/");
        context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("@context", context);
        dataset.put("@id", base + "/v1/dataset");
        dataset.put("@type", "dcat:Dataset");
        dataset.put("dct:title", DatasetFacts.TITLE);
        dataset.put("dct:description", DatasetFacts.DESCRIPTION);
        dataset.put("dct:identifier", base + "/v1/dataset");
        dataset.put("dcat:version", facts.version());
        dataset.put("dct:publisher", Map.of("@type", "foaf:Organization", "foaf:name", "ArmsTrace"));
        dataset.put("dct:license", Map.of("@id", DatasetFacts.LICENSE));
        dataset.put("dcat:keyword", List.of("3D-printed firearms", "arms trafficking", "ghost guns", "seizures",
                "open data"));
        if (facts.issued() != null) {
            dataset.put("dct:issued", Map.of("@value", facts.issued().toString(), "@type", "xsd:dateTime"));
        }
        if (facts.modified() != null) {
            dataset.put("dct:modified", Map.of("@value", facts.modified().toString(), "@type", "xsd:dateTime"));
        }
        if (facts.from() != null) {
            dataset.put("dct:temporal", Map.of("@type", "dct:PeriodOfTime",
                    "dcat:startDate", Map.of("@value", facts.from().toString(), "@type", "xsd:date"),
                    "dcat:endDate", Map.of("@value", facts.to().toString(), "@type", "xsd:date")));
        }
        dataset.put("dcat:landingPage", Map.of("@id", base + "/q/swagger-ui"));
        dataset.put("dcat:distribution", DISTRIBUTIONS.stream().map(d -> Map.of(
                "@type", "dcat:Distribution",
                "dct:title", "All published cases (" + d[2] + ")",
                "dcat:accessURL", Map.of("@id", base + d[0]),
                "dcat:downloadURL", Map.of("@id", base + d[0]),
                "dcat:mediaType", Map.of("@id", "https://www.iana.org/assignments/media-types/" + d[1]),
                "dct:license", Map.of("@id", DatasetFacts.LICENSE))).toList());
        return dataset;
    }

    static Map<String, Object> schemaOrg(DatasetFacts.Facts facts, String base) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("@context", "https://schema.org/");
        dataset.put("@type", "Dataset");
        dataset.put("@id", base + "/v1/dataset");
        dataset.put("name", DatasetFacts.TITLE);
        dataset.put("description", DatasetFacts.DESCRIPTION);
        dataset.put("version", facts.version());
        dataset.put("url", base + "/v1/dataset");
        dataset.put("license", DatasetFacts.LICENSE);
        dataset.put("creator", Map.of("@type", "Organization", "name", DatasetFacts.AUTHOR));
        dataset.put("isAccessibleForFree", true);
        dataset.put("keywords", List.of("3D-printed firearms", "arms trafficking", "ghost guns", "seizures"));
        if (facts.modified() != null) {
            dataset.put("dateModified", facts.modified().toString());
        }
        if (facts.from() != null) {
            dataset.put("temporalCoverage", facts.from() + "/" + facts.to());
        }
        dataset.put("variableMeasured", base + "/v1/codebook");
        dataset.put("distribution", DISTRIBUTIONS.stream().map(d -> Map.of("@type", "DataDownload",
                "encodingFormat", d[1], "contentUrl", base + d[0])).toList());
        return dataset;
    }
}
