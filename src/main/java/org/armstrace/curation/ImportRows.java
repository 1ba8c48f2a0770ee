package org.armstrace.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.export.CaseCsvColumns;
import org.armstrace.export.CsvCells;

/**
 * Reads the rows of an import one at a time, NDJSON or CSV, and hands each to a consumer as a JSON
 * document with its line number, or with the errors that stop it being read. Nothing is kept.
 */
final class ImportRows {

    /** A row: its line, and either its document or why it cannot be read. */
    record Row(long line, JsonNode document, List<ProblemError> errors) {}

    private ImportRows() {}

    static void ndjson(Reader body, ObjectMapper json, Consumer<Row> consumer) throws IOException {
        BoundedLines lines = new BoundedLines(body, CELL_MAX);
        long line = 0;
        while (lines.next()) {
            line++;
            if (lines.tooLong()) {
                consumer.accept(new Row(
                        line,
                        null,
                        List.of(error("(row)", "max_length", "is longer than " + CELL_MAX + " characters"))));
                continue;
            }
            String text = lines.text();
            if (text.isBlank()) {
                continue;
            }
            try {
                consumer.accept(new Row(line, exact(json).readTree(text), List.of()));
            } catch (JsonProcessingException e) {
                consumer.accept(new Row(line, null, List.of(error("(row)", "json", "is not a JSON object"))));
            }
        }
    }

    /**
     * A cell (or an NDJSON line) may hold at most this many characters: a record's JSON body is at most
     * 1 MiB, and so is any one cell of it.
     */
    static final int CELL_MAX = 1_048_576;

    private static final CsvMapper CSV = CsvMapper.builder(com.fasterxml.jackson.dataformat.csv.CsvFactory.builder()
                    .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                            .maxStringLength(CELL_MAX)
                            .build())
                    .build())
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    static void csv(Reader body, ObjectMapper json, Consumer<Row> consumer) throws IOException {
        Reader withoutBom = withoutBom(body);
        long[] line = {1};
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(withoutBom)) {
            read(rows, json, consumer, line);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() != null && e.getLocation().getLineNr() > 0
                    ? e.getLocation().getLineNr()
                    : line[0];
            throw new ApiProblem(
                    org.armstrace.common.error.ProblemType.MALFORMED_REQUEST,
                    "The import is not readable CSV at line " + at + " (" + why(e) + "); nothing was written.",
                    List.of(error("(row)", "csv", why(e)).line(at)));
        }
    }

    /** What is wrong with the CSV, in words (Jackson's message without its internals). */
    private static String why(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return "a cell is longer than " + CELL_MAX + " characters";
        }
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Too many entries")) {
            return "a row has more cells than the header has columns";
        }
        if (message.contains("quote") || message.contains("separator")) {
            return "a quoted cell is not closed, or has text after its closing quote";
        }
        return "the row cannot be split into cells";
    }

    /** A CSV exported with {@code bom=true} starts with a byte order mark: it is not part of the first column's name. */
    private static Reader withoutBom(Reader body) throws IOException {
        java.io.PushbackReader in = new java.io.PushbackReader(body, 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }

    private static void read(
            MappingIterator<Map<String, String>> rows, ObjectMapper json, Consumer<Row> consumer, long[] lastLine)
            throws IOException {
        List<String> unknown = unknownColumns(rows);
        if (!unknown.isEmpty()) {
            throw new ApiProblem(
                    org.armstrace.common.error.ProblemType.IMPORT_REJECTED,
                    "The CSV header names unknown columns; nothing was written.",
                    unknown.stream()
                            .map(c -> error(c, "unknown_field", "is not a column of the case CSV"))
                            .toList());
        }
        while (rows.hasNextValue()) {
            long line = rows.getCurrentLocation().getLineNr();
            lastLine[0] = line;
            Map<String, String> cells = rows.nextValue();
            List<ProblemError> errors = new ArrayList<>();
            ObjectNode document = toDocument(cells, json, errors);
            consumer.accept(new Row(line, errors.isEmpty() ? document : null, errors));
        }
    }

    private static List<String> unknownColumns(MappingIterator<Map<String, String>> rows) {
        CsvSchema header = (CsvSchema) rows.getParserSchema();
        List<String> unknown = new ArrayList<>();
        if (header == null) {
            return unknown;
        }
        header.forEach(column -> {
            if (CaseCsvColumns.content(column.getName()).isEmpty()
                    && !CaseCsvColumns.SERVER_MANAGED.contains(column.getName())) {
                unknown.add(column.getName());
            }
        });
        return unknown;
    }

    private static ObjectNode toDocument(Map<String, String> cells, ObjectMapper json, List<ProblemError> errors) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        cells.forEach((name, cell) -> CaseCsvColumns.content(name).ifPresent(column -> {
            if (cell == null || cell.isEmpty()) {
                return;
            }
            switch (column.kind()) {
                case TEXT -> document.put(name, CsvCells.unneutralised(cell));
                case NUMBER -> {
                    try {
                        document.put(name, new BigDecimal(cell.strip()));
                    } catch (NumberFormatException e) {
                        errors.add(error(name, "type", "'" + cell + "' is not a number"));
                    }
                }
                case BOOLEAN -> {
                    if (cell.equals("true") || cell.equals("false")) {
                        document.put(name, Boolean.parseBoolean(cell));
                    } else {
                        errors.add(error(name, "type", "must be true or false"));
                    }
                }
                case CODES -> {
                    ArrayNode codes = document.putArray(name);
                    for (String code : cell.split(";")) {
                        if (!code.isBlank()) {
                            codes.add(code.strip());
                        }
                    }
                }
                case JSON -> {
                    try {
                        document.set(name, exact(json).readTree(cell));
                    } catch (JsonProcessingException e) {
                        errors.add(error(name, "json", "is not valid JSON"));
                    }
                }
            }
        }));
        return document;
    }

    /** Numbers read exactly (as BigDecimal), so that one too large or too precise to store is named, not rounded. */
    private static com.fasterxml.jackson.databind.ObjectReader exact(ObjectMapper json) {
        return json.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    static ProblemError error(String field, String rule, String detail) {
        return ApiProblem.error(field, ProblemError.InEnum.BODY, rule, detail);
    }
}
