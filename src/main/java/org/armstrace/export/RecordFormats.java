package org.armstrace.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.armstrace.api.model.CaseRecord;

/**
 * Writes case records as CSV, NDJSON or GeoJSON, one record at a time, from any source of records:
 * live exports and release files use the same writers, so they have the same bytes for the same records.
 */
@ApplicationScoped
public class RecordFormats {

    /** Something that hands every record it has, in order, to a writer. */
    @FunctionalInterface
    public interface Records {
        void forEach(RecordWriter writer) throws IOException;
    }

    /** Writes one record. */
    @FunctionalInterface
    public interface RecordWriter {
        void write(CaseRecord record) throws IOException;
    }

    private final ObjectMapper json;

    public RecordFormats(ObjectMapper json) {
        this.json = json;
    }

    public void write(ExportFormat format, Records records, OutputStream out, boolean bom) throws IOException {
        switch (format) {
            case CSV -> csv(records, out, bom);
            case NDJSON -> records.forEach(record -> {
                out.write(json.writeValueAsBytes(record));
                out.write('\n');
            });
            case GEOJSON -> geojson(records, out);
        }
        out.flush();
    }

    /** The CSV columns: the server-managed fields, then the content in codebook order. */
    public static List<String> csvColumns() {
        List<String> columns = new ArrayList<>(CaseCsvColumns.SERVER_MANAGED);
        CaseCsvColumns.CONTENT.forEach(c -> columns.add(c.name()));
        return columns;
    }

    private void csv(Records records, OutputStream out, boolean bom) throws IOException {
        try (SequenceWriter writer = CsvOutput.open(out, csvColumns(), bom)) {
            records.forEach(record -> writer.write(csvRow(record)));
        }
    }

    List<String> csvRow(CaseRecord record) {
        ObjectNode node = json.valueToTree(record);
        List<String> row = new ArrayList<>();
        CaseCsvColumns.SERVER_MANAGED.forEach(name -> row.add(node.path(name).asText("")));
        for (CaseCsvColumns.Column column : CaseCsvColumns.CONTENT) {
            JsonNode value = node.path(column.name());
            row.add(switch (column.kind()) {
                case CODES -> StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText)
                        .collect(Collectors.joining(";"));
                case JSON -> value.isNull() || value.isMissingNode() ? "" : value.toString();
                default -> value.isNull() || value.isMissingNode() ? "" : value.asText();
            });
        }
        return row;
    }

    private void geojson(Records records, OutputStream out) throws IOException {
        out.write("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
        boolean[] first = {true};
        records.forEach(record -> {
            if (!first[0]) {
                out.write(',');
            }
            first[0] = false;
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("id", record.getId());
            feature.put("geometry", record.getLatitude() == null ? null : point(record));
            feature.put("properties", record);
            out.write(json.writeValueAsBytes(feature));
        });
        out.write("]}".getBytes(StandardCharsets.UTF_8));
    }

    /** A GeoJSON point, its members in a fixed order (Map.of would change it from one run to the next). */
    private static Map<String, Object> point(CaseRecord record) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("type", "Point");
        point.put("coordinates", List.of(record.getLongitude(), record.getLatitude()));
        return point;
    }
}
