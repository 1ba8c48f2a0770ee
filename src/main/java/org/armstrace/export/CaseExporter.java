package org.armstrace.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
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
import org.armstrace.cases.CaseFilter;
import org.armstrace.cases.CasePage;
import org.armstrace.cases.CaseService;
import org.armstrace.cases.CaseSort;

/**
 * Streams every record of a filtered list as CSV, NDJSON or GeoJSON, in constant memory: records are
 * read in keyset chunks, each in its own short transaction, written, and forgotten.
 */
@ApplicationScoped
public class CaseExporter {

    static final int CHUNK = 500;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CaseService cases;
    private final ObjectMapper json;
    private final CsvMapper csv = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    public CaseExporter(CaseService cases, ObjectMapper json) {
        this.cases = cases;
        this.json = json;
    }

    public StreamingOutput export(CaseFilter filter, CaseSort sort, ExportFormat format, boolean bom) {
        return out -> {
            switch (format) {
                case CSV -> csv(filter, sort, out, bom);
                case NDJSON -> each(filter, sort, record -> {
                    out.write(json.writeValueAsBytes(record));
                    out.write('\n');
                });
                case GEOJSON -> geojson(filter, sort, out);
            }
            out.flush();
        };
    }

    /** The CSV columns: the server-managed fields, then the content in codebook order. */
    public static List<String> csvColumns() {
        List<String> columns = new ArrayList<>(CaseCsvColumns.SERVER_MANAGED);
        CaseCsvColumns.CONTENT.forEach(c -> columns.add(c.name()));
        return columns;
    }

    private void csv(CaseFilter filter, CaseSort sort, OutputStream out, boolean bom) throws IOException {
        if (bom) {
            out.write(BOM);
        }
        CsvSchema.Builder schema = CsvSchema.builder();
        csvColumns().forEach(schema::addColumn);
        try (SequenceWriter writer = csv.writer(schema.build().withHeader().withLineSeparator("\r\n"))
                .writeValues(new NonClosing(out))) {
            each(filter, sort, record -> writer.write(csvRow(record)));
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

    private void geojson(CaseFilter filter, CaseSort sort, OutputStream out) throws IOException {
        out.write("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
        boolean[] first = {true};
        each(filter, sort, record -> {
            if (!first[0]) {
                out.write(',');
            }
            first[0] = false;
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("id", record.getId());
            feature.put("geometry", record.getLatitude() == null ? null
                    : Map.of("type", "Point", "coordinates", List.of(record.getLongitude(), record.getLatitude())));
            feature.put("properties", record);
            out.write(json.writeValueAsBytes(feature));
        });
        out.write("]}".getBytes(StandardCharsets.UTF_8));
    }

    /** Calls {@code writer} for every matching record, chunk by chunk. */
    private void each(CaseFilter filter, CaseSort sort, RecordWriter writer) throws IOException {
        String cursor = null;
        do {
            String after = cursor;
            CasePage page = QuarkusTransaction.requiringNew().call(() -> cases.list(filter, sort, after, CHUNK, false));
            for (CaseRecord record : page.items()) {
                writer.write(record);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    /** Writes one record. */
    @FunctionalInterface
    private interface RecordWriter {
        void write(CaseRecord record) throws IOException;
    }

    /** Lets the CSV writer close without closing the response stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
