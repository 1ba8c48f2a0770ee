package org.armstrace.common.db;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * Values are encoded to UTF-8 once and escaped as bytes (the four escaped characters are single bytes
 * that never occur inside a multi-byte character), so most texts go out as one copy of their bytes.
 */
public final class CopyRows implements AutoCloseable {

    /** Timestamps with microseconds and their offset, as PostgreSQL reads them whatever its settings. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    private final PGCopyOutputStream copy;
    private final OutputStream out;
    private boolean first = true;

    private CopyRows(PGCopyOutputStream copy) {
        this.copy = copy;
        this.out = new BufferedOutputStream(copy, 1 << 16);
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
        mark('\n');
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
            mark('\t');
        }
        first = false;
    }

    private void escaped(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        try {
            int from = 0;
            for (int i = 0; i < bytes.length; i++) {
                byte escape = switch (bytes[i]) {
                    case '\\' -> '\\';
                    case '\t' -> 't';
                    case '\n' -> 'n';
                    case '\r' -> 'r';
                    default -> 0;
                };
                if (escape != 0) {
                    out.write(bytes, from, i - from);
                    out.write('\\');
                    out.write(escape);
                    from = i + 1;
                }
            }
            out.write(bytes, from, bytes.length - from);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Text that needs no escaping: numbers, dates, the format's own marks. */
    private void write(String s) {
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void mark(char ascii) {
        try {
            out.write(ascii);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** pgjdbc reports a refused row as an IOException whose cause is the database's error. */
    static RuntimeException failure(IOException e) {
        if (e.getCause() instanceof SQLException sql) {
            return new Jdbc.DatabaseException(sql);
        }
        return new UncheckedIOException(e);
    }
}
