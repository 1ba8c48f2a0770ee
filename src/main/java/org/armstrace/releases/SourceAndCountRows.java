package org.armstrace.releases;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.armstrace.export.CsvOutput;
import org.armstrace.export.DataPackage;

/**
 * The rows of a release's {@code sources.csv} and {@code counts.csv} for one record, read from the record's
 * served document with a streaming parser: only its {@code sources} and {@code counts} are looked at, and no
 * tree of the document is built (building one per record was most of the Java time of writing a release's
 * files). A cell is what the document holds, as text: a list is joined with {@code ;}, a missing value or
 * {@code null} is empty. Sources keep their order (numbered from 1); counts are in order of their keys.
 */
final class SourceAndCountRows {

    private static final List<String> SOURCE_FIELDS =
            DataPackage.SOURCE_COLUMNS.subList(2, DataPackage.SOURCE_COLUMNS.size());

    private final JsonFactory factory;

    SourceAndCountRows(JsonFactory factory) {
        this.factory = factory;
    }

    /** Writes the record's sources and counts, each as the rows of its file. */
    void write(String id, byte[] document, CsvOutput.Rows sources, CsvOutput.Rows counts) throws IOException {
        try (JsonParser parser = factory.createParser(document)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, id);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("sources") && value == JsonToken.START_ARRAY) {
                    writeSources(id, parser, sources);
                } else if (field.equals("counts") && value == JsonToken.START_OBJECT) {
                    writeCounts(id, parser, counts);
                } else {
                    parser.skipChildren();
                }
            }
        }
    }

    private static void writeSources(String id, JsonParser parser, CsvOutput.Rows csv) throws IOException {
        int position = 1;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String[] cells = new String[SOURCE_FIELDS.size()];
            Arrays.fill(cells, "");
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren(); // not a source: a row of its position alone
            }
            while (token == JsonToken.START_OBJECT && parser.nextToken() == JsonToken.FIELD_NAME) {
                int column = SOURCE_FIELDS.indexOf(parser.currentName());
                parser.nextToken();
                String text = cell(parser);
                if (column >= 0) {
                    cells[column] = text;
                }
            }
            List<String> row = new ArrayList<>(cells.length + 2);
            row.add(id);
            row.add(Integer.toString(position++));
            row.addAll(Arrays.asList(cells));
            csv.write(row);
        }
    }

    private static void writeCounts(String id, JsonParser parser, CsvOutput.Rows csv) throws IOException {
        Map<String, String[]> counts = new TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String[] cells = {"", "", ""}; // value, qualifier, note
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    int column = switch (parser.currentName()) {
                        case "value" -> 0;
                        case "qualifier" -> 1;
                        case "note" -> 2;
                        default -> -1;
                    };
                    parser.nextToken();
                    String text = cell(parser);
                    if (column >= 0) {
                        cells[column] = text;
                    }
                }
            } else {
                parser.skipChildren();
            }
            counts.put(key, cells);
        }
        for (Map.Entry<String, String[]> count : counts.entrySet()) {
            String[] cells = count.getValue();
            csv.write(List.of(id, count.getKey(), cells[0], cells[1], cells[2]));
        }
    }

    /** The current value as a cell; the parser is left on its last token. */
    private static String cell(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            StringBuilder joined = new StringBuilder();
            boolean first = true;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (!first) {
                    joined.append(';');
                }
                first = false;
                joined.append(token.isStructStart() ? skipped(parser) : scalar(parser, "null"));
            }
            return joined.toString();
        }
        return token.isStructStart() ? skipped(parser) : scalar(parser, "");
    }

    private static String scalar(JsonParser parser, String whenNull) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? whenNull : parser.getText();
    }

    /** An object (or a list inside a list) is not a cell's text: it is skipped and written empty. */
    private static String skipped(JsonParser parser) throws IOException {
        parser.skipChildren();
        return "";
    }

    private static void expect(JsonToken actual, JsonToken expected, String id) {
        if (actual != expected) {
            throw new IllegalStateException("The stored document of " + id + " is not a JSON object");
        }
    }
}
