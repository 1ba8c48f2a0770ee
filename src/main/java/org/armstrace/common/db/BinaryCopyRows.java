package org.armstrace.common.db;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Rows sent with {@code COPY ... from stdin (format binary)}: each value goes out as its length and its
 * bytes, so long texts are neither escaped here nor unescaped by PostgreSQL (for the renditions of an
 * import, 250 MB of documents and CSV rows per 100,000 records, that is most of what {@link CopyRows}'s
 * text format costs on both sides). Only {@code bigint} and {@code text} columns, in the order of the
 * statement's column list; every row has every column; {@link #end()} closes a row.
 */
public final class BinaryCopyRows implements AutoCloseable {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final PGCopyOutputStream copy;
    private final DataOutputStream out;
    private final int columns;
    private int written;

    private BinaryCopyRows(PGCopyOutputStream copy, int columns) throws IOException {
        this.copy = copy;
        this.columns = columns;
        this.out = new DataOutputStream(new java.io.BufferedOutputStream(copy, 1 << 16));
        out.write(SIGNATURE);
        out.writeInt(0); // flags: no OIDs
        out.writeInt(0); // no header extension
    }

    /**
     * Starts {@code copy <table> (<columns>) from stdin (format binary)} on the connection (in its
     * transaction), for rows of {@code columns} values. Close it to end the copy.
     */
    public static BinaryCopyRows into(Connection connection, String tableAndColumns, int columns) {
        try {
            return new BinaryCopyRows(
                    new PGCopyOutputStream(
                            connection.unwrap(PGConnection.class),
                            "copy " + tableAndColumns + " from stdin (format binary)",
                            1 << 16),
                    columns);
        } catch (SQLException e) {
            throw new Jdbc.DatabaseException(e);
        } catch (IOException e) {
            throw CopyRows.failure(e);
        }
    }

    /** A {@code bigint}. */
    public BinaryCopyRows number(long value) {
        try {
            start();
            out.writeInt(Long.BYTES);
            out.writeLong(value);
        } catch (IOException e) {
            throw CopyRows.failure(e);
        }
        return this;
    }

    /** A {@code text} (UTF-8, as the database stores it), or null. */
    public BinaryCopyRows text(String value) {
        try {
            start();
            if (value == null) {
                out.writeInt(-1);
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        } catch (IOException e) {
            throw CopyRows.failure(e);
        }
        return this;
    }

    /** Ends the current row, which must have had a value for every column. */
    public void end() {
        if (written != columns) {
            throw new IllegalStateException("A row of " + written + " values for " + columns + " columns");
        }
        written = 0;
    }

    /** Ends the copy: PostgreSQL has then written (or refused) every row. */
    @Override
    public void close() {
        try {
            out.writeShort(-1); // the trailer
            out.flush();
            copy.endCopy();
        } catch (IOException e) {
            throw CopyRows.failure(e);
        } catch (SQLException e) {
            throw new Jdbc.DatabaseException(e);
        }
    }

    private void start() throws IOException {
        if (written == 0) {
            out.writeShort(columns);
        }
        written++;
    }
}
