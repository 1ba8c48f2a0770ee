package org.armstrace.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.common.http.ExportFormat;

/**
 * Renders a case record into its public forms once ({@link #render}), and writes rendered records as
 * CSV, NDJSON or GeoJSON by moving their bytes: live exports, pinned exports and release files all
 * write the same stored texts, so they have the same bytes for the same records.
 */
@ApplicationScoped
public class RecordFormats {

    /** Something that hands every record it has, rendered, in order, to a writer. */
    @FunctionalInterface
    public interface Records {
        void forEach(RecordWriter writer) throws IOException;
    }

    /** Writes one rendered record. */
    @FunctionalInterface
    public interface RecordWriter {
        void write(RenderedRecord record) throws IOException;
    }

    private static final byte[] FEATURE_START = "{\"type\":\"Feature\",\"id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] GEOMETRY = ",\"geometry\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PROPERTIES = ",\"properties\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

    /** The CSV columns: the server-managed fields, then the content in codebook order. */
    private static final List<String> CSV_COLUMNS = java.util.stream.Stream.concat(
                    CaseCsvColumns.SERVER_MANAGED.stream(),
                    CaseCsvColumns.CONTENT.stream().map(CaseCsvColumns.Column::name))
            .toList();

    private final ObjectMapper json;
    private final String csvHeader;
    private final CsvOutput.Lines csvLines = CsvOutput.lines(CSV_COLUMNS);

    public RecordFormats(ObjectMapper json) {
        this.json = json;
        this.csvHeader = CsvOutput.header(CSV_COLUMNS);
    }

    /** The CSV columns: the server-managed fields, then the content in codebook order. */
    public static List<String> csvColumns() {
        return CSV_COLUMNS;
    }

    /** Every public form of a record. */
    public RenderedRecord render(CaseRecord record) {
        try {
            return RenderedRecord.of(
                    record.getId(),
                    json.writeValueAsString(record),
                    csvLines.line(csvRow(record)),
                    record.getLatitude() == null ? null : json.writeValueAsString(point(record)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored columns a format needs (of {@code document}, {@code csv_row}, {@code geometry}). */
    public static List<String> columns(ExportFormat format) {
        return switch (format) {
            case CSV -> List.of("csv_row");
            case NDJSON -> List.of("document");
            case GEOJSON -> List.of("document", "geometry");
        };
    }

    /** Takes rendered records one at a time and writes them in one format; {@link #finish} closes the document. */
    public interface Sink {
        void accept(RenderedRecord record) throws IOException;

        void finish() throws IOException;
    }

    /** Writes the records in one format (without a byte order mark: a CSV's mark is sent in front of the bytes). */
    public void write(ExportFormat format, Records records, OutputStream out) throws IOException {
        Sink sink = sink(format, out);
        records.forEach(sink::accept);
        sink.finish();
        out.flush();
    }

    /** A writer of one format onto {@code out}, fed a record at a time (several can share one pass over the records). */
    public Sink sink(ExportFormat format, OutputStream out) throws IOException {
        return switch (format) {
            case CSV -> new CsvSink(out);
            case NDJSON ->
                new Sink() {
                    @Override
                    public void accept(RenderedRecord record) throws IOException {
                        out.write(record.document());
                        out.write('\n');
                    }

                    @Override
                    public void finish() {}
                };
            case GEOJSON -> new GeoJsonSink(out);
        };
    }

    /** The header before the first record; a file with no record is what the CSV writer writes for no rows. */
    private final class CsvSink implements Sink {
        private final OutputStream out;
        private boolean started;

        CsvSink(OutputStream out) {
            this.out = out;
        }

        @Override
        public void accept(RenderedRecord record) throws IOException {
            if (!started) {
                out.write(csvHeader.getBytes(StandardCharsets.UTF_8));
                started = true;
            }
            out.write(record.csvRow());
        }

        @Override
        public void finish() throws IOException {
            if (!started) {
                CsvOutput.open(out, CSV_COLUMNS, false).close();
            }
        }
    }

    /** A FeatureCollection of the records: members in a fixed order, the record's document as properties. */
    private final class GeoJsonSink implements Sink {
        private final OutputStream out;
        private boolean first = true;

        GeoJsonSink(OutputStream out) throws IOException {
            this.out = out;
            out.write("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void accept(RenderedRecord record) throws IOException {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write(FEATURE_START);
            out.write(json.writeValueAsBytes(record.id()));
            out.write(GEOMETRY);
            out.write(record.geometry() == null ? NULL : record.geometry());
            out.write(PROPERTIES);
            out.write(record.document());
            out.write('}');
        }

        @Override
        public void finish() throws IOException {
            out.write("]}".getBytes(StandardCharsets.UTF_8));
        }
    }

    List<String> csvRow(CaseRecord record) {
        ObjectNode node = json.valueToTree(record);
        List<String> row = new ArrayList<>();
        CaseCsvColumns.SERVER_MANAGED.forEach(name -> row.add(node.path(name).asText("")));
        for (CaseCsvColumns.Column column : CaseCsvColumns.CONTENT) {
            JsonNode value = node.path(column.name());
            row.add(
                    switch (column.kind()) {
                        case CODES ->
                            StreamSupport.stream(value.spliterator(), false)
                                    .map(JsonNode::asText)
                                    .collect(Collectors.joining(";"));
                        case JSON -> value.isNull() || value.isMissingNode() ? "" : value.toString();
                        default -> value.isNull() || value.isMissingNode() ? "" : value.asText();
                    });
        }
        return row;
    }

    /** A GeoJSON point, its members in a fixed order (Map.of would change it from one run to the next). */
    private static Map<String, Object> point(CaseRecord record) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("type", "Point");
        point.put("coordinates", List.of(record.getLongitude(), record.getLatitude()));
        return point;
    }
}
