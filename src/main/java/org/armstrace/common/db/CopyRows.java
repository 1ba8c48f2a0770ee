package org.armstrace.common.db;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Rows sent to PostgreSQL with {@code COPY ... from stdin} in its text format: one statement for any
 * number of rows, without a bind and an execution per row. Values are written in the order of the
 * statement's column list; {@link #end()} closes a row. Text is escaped as the format asks (backslash,
 * tab, line feed, carriage return), {@code null} is {@code \N}, lists become {@code text[]} literals.
 */
public final class CopyRows implements AutoCloseable {

    /** Timestamps with microseconds and their offset, as PostgreSQL reads them whatever its settings. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    private final PGCopyOutputStream copy;
    private final Writer out;
    private boolean first = true;

    private CopyRows(PGCopyOutputStream copy) {
        this.copy = copy;
        this.out = new BufferedWriter(new java.io.OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * Starts {@code copy <table> (<columns>) from stdin} on the connection (in its transaction). Close
     * it to end the copy; PostgreSQL checks every row then.
     */
    public static CopyRows into(Connection connection, String tableAndColumns) {
        try {
            return new CopyRows(new PGCopyOutputStream(
                    connection.unwrap(PGConnection.class), "copy " + tableAndColumns + " from stdin", 1 << 16));
        } catch (SQLException e) {
            throw new Jdbc.DatabaseException(e);
        }
    }

    public CopyRows text(String value) {
        separate();
        if (value == null) {
            write("\\N");
        } else {
            escaped(value);
        }
        return this;
    }

    public CopyRows number(long value) {
        separate();
        write(Long.toString(value));
        return this;
    }

    /** A double precision value: Java's shortest exact form, which PostgreSQL reads back to the same double. */
    public CopyRows number(Double value) {
        return value == null ? text(null) : plain(Double.toString(value));
    }

    public CopyRows bool(boolean value) {
        return plain(value ? "t" : "f");
    }

    public CopyRows date(LocalDate value) {
        return value == null ? text(null) : plain(value.toString());
    }

    public CopyRows timestamp(OffsetDateTime value) {
        return value == null ? text(null) : plain(TIMESTAMP.format(value));
    }

    /** A {@code text[]} of the values, none null. */
    public CopyRows array(List<String> values) {
        StringBuilder literal = new StringBuilder(2 + values.size() * 16).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            String value = values.get(i);
            for (int j = 0; j < value.length(); j++) {
                char ch = value.charAt(j);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return text(literal.append('}').toString());
    }

    /** Ends the current row. */
    public void end() {
        write("\n");
        first = true;
    }

    /** Ends the copy: PostgreSQL has then written (or refused) every row. */
    @Override
    public void close() {
        try {
            out.flush();
            copy.endCopy();
        } catch (IOException e) {
            throw failure(e);
        } catch (SQLException e) {
            throw new Jdbc.DatabaseException(e);
        }
    }

    private CopyRows plain(String value) {
        separate();
        write(value);
        return this;
    }

    private void separate() {
        if (!first) {
            write("\t");
        }
        first = false;
    }

    private void escaped(String value) {
        try {
            int first = firstToEscape(value);
            if (first < 0) {
                out.write(value); // most texts: nothing to escape
                return;
            }
            int from = 0;
            for (int i = first; i < value.length(); i++) {
                String escape = switch (value.charAt(i)) {
                    case '\\' -> "\\\\";
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    default -> null;
                };
                if (escape != null) {
                    out.write(value, from, i - from);
                    out.write(escape);
                    from = i + 1;
                }
            }
            out.write(value, from, value.length() - from);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The index of the first character the text format escapes, or -1. */
    private static int firstToEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** pgjdbc reports a refused row as an IOException whose cause is the database's error. */
    private static RuntimeException failure(IOException e) {
        if (e.getCause() instanceof SQLException sql) {
            return new Jdbc.DatabaseException(sql);
        }
        return new UncheckedIOException(e);
    }
}
