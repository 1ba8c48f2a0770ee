package org.armstrace.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC over the connection pool, for reads that return stored text and need no entities. Each
 * call takes a connection for one statement and gives it back before returning, so no connection is
 * ever held while a client reads. Inside a JTA transaction the pool hands out the transaction's
 * connection, so a read sees the transaction's own writes.
 */
@ApplicationScoped
public class Jdbc {

    /** Reads one row by column name. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> List<T> list(Sql sql, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql);
                ResultSet rows = statement.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rows.next()) {
                out.add(reader.read(rows));
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    public <T> Optional<T> first(Sql sql, RowReader<T> reader) {
        List<T> rows = list(sql.append(" limit 1"), reader);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Whether the query finds any row: {@code select exists(sql)}, which stops at the first. */
    public boolean exists(Sql sql) {
        return list(Sql.of("select exists(" + sql.text() + ")", sql.params().toArray()), row -> row.getBoolean(1))
                .get(0);
    }

    /**
     * The next {@code n} values of a sequence, in ascending order, in one statement; {@code sequence} is an
     * SQL expression naming it (a quoted name, or {@code pg_get_serial_sequence(...)} for an identity).
     */
    public List<Long> nextValues(String sequence, int n) {
        return list(Sql.of("select nextval(" + sequence + ") from generate_series(1, ?)", n), row -> row.getLong(1));
    }

    public long count(Sql sql) {
        return list(sql, row -> row.getLong(1)).get(0);
    }

    /** Runs a statement whose result is not read, such as {@code select pg_advisory_xact_lock(?)}. */
    public void run(Sql sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** A {@code timestamptz} column, at UTC (null for null). */
    public static OffsetDateTime timestamp(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Runs a write (outside the entity manager) and returns the number of rows it changed. */
    public int update(Sql sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    static PreparedStatement prepare(Connection connection, Sql sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.text());
        int index = 1;
        for (Object value : sql.params()) {
            switch (value) {
                case null -> statement.setNull(index, Types.NULL);
                case Sql.TextArray array ->
                    statement.setArray(
                            index,
                            connection.createArrayOf("text", array.values().toArray()));
                case String text -> statement.setString(index, text);
                case Long number -> statement.setLong(index, number);
                case Integer number -> statement.setInt(index, number);
                case Float number -> statement.setFloat(index, number);
                case Boolean flag -> statement.setBoolean(index, flag);
                case LocalDate date -> statement.setObject(index, date);
                case byte[] bytes -> statement.setBytes(index, bytes);
                default ->
                    throw new IllegalArgumentException(
                            "cannot bind a " + value.getClass().getName());
            }
            index++;
        }
        return statement;
    }

    /** A database error where none was expected: a 500 for the client, the cause in the log. */
    public static final class DatabaseException extends RuntimeException {
        public DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
