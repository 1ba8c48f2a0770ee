package org.armstrace.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.armstrace.common.db.Jdbc;

/**
 * Inserts many new records at once, in the caller's transaction, with JDBC batches: one round trip per
 * table and batch instead of several per record. Each entity must be complete and rendered (see
 * {@link CaseDocuments}); it gets its row id. The columns are those that {@link CaseEntity} maps.
 */
@ApplicationScoped
public class CaseBulkInsert {

    private static final String RECORD = """
            insert into case_record (public_id, status, version, event_date, date_precision, event_start, event_end, end_date,
                announcement_date, country, other_countries, place, region, geo_precision, latitude, longitude, case_type,
                legal_status, context, weapon_3d_role, channels, payment_methods, prices, metrics, people, agencies, summary,
                outcome, confidence, uncertain, uncertainty_notes, related_ids, created_at, updated_at, search_main, search_extra,
                document, csv_row, geometry)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb),
                cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SOURCE = """
            insert into case_source (case_id, position, publisher, title, published, url, archive_url, source_type, language,
                supports) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String COUNT =
            "insert into case_count (case_id, count_key, value, qualifier, note) values (?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public CaseBulkInsert(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** New public ids, in ascending order, from the public id sequence. */
    public List<String> newPublicIds(int n) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select nextval('case_public_id_seq') from generate_series(1, ?)")) {
            s.setInt(1, n);
            List<String> ids = new ArrayList<>(n);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ids.add(String.format("AT-%06d", rows.getLong(1)));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new Jdbc.DatabaseException(e);
        }
    }

    public void insert(List<CaseEntity> entities) {
        if (entities.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(RECORD, new String[] {"id"})) {
                for (CaseEntity e : entities) {
                    bindRecord(c, s, e);
                    s.addBatch();
                }
                s.executeBatch();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    for (CaseEntity e : entities) {
                        keys.next();
                        e.id = keys.getLong(1);
                    }
                }
            }
            try (PreparedStatement sources = c.prepareStatement(SOURCE);
                    PreparedStatement counts = c.prepareStatement(COUNT)) {
                for (CaseEntity e : entities) {
                    for (SourceEntity source : e.sources) {
                        bindSource(c, sources, e.id, source);
                        sources.addBatch();
                    }
                    for (CountEntity count : e.counts) {
                        counts.setLong(1, e.id);
                        counts.setString(2, count.countKey);
                        counts.setLong(3, count.value);
                        counts.setString(4, count.qualifier);
                        counts.setString(5, count.note);
                        counts.addBatch();
                    }
                }
                sources.executeBatch();
                counts.executeBatch();
            }
        } catch (SQLException e) {
            throw new Jdbc.DatabaseException(e);
        }
    }

    private void bindRecord(Connection c, PreparedStatement s, CaseEntity e) throws SQLException {
        int i = 1;
        s.setString(i++, e.publicId);
        s.setString(i++, e.status);
        s.setInt(i++, e.version);
        s.setString(i++, e.eventDate);
        s.setString(i++, e.datePrecision);
        s.setObject(i++, e.eventStart);
        s.setObject(i++, e.eventEnd);
        s.setString(i++, e.endDate);
        s.setString(i++, e.announcementDate);
        s.setString(i++, e.country);
        s.setArray(i++, c.createArrayOf("text", e.otherCountries.toArray()));
        s.setString(i++, e.place);
        s.setString(i++, e.region);
        s.setString(i++, e.geoPrecision);
        setDouble(s, i++, e.latitude);
        setDouble(s, i++, e.longitude);
        s.setString(i++, e.caseType);
        s.setString(i++, e.legalStatus);
        s.setString(i++, e.context);
        s.setString(i++, e.weapon3dRole);
        s.setArray(i++, c.createArrayOf("text", e.channels.toArray()));
        s.setArray(i++, c.createArrayOf("text", e.paymentMethods.toArray()));
        s.setString(i++, write(e.prices));
        s.setString(i++, write(e.metrics));
        s.setString(i++, write(e.people));
        s.setArray(i++, c.createArrayOf("text", e.agencies.toArray()));
        s.setString(i++, e.summary);
        s.setString(i++, e.outcome);
        s.setString(i++, e.confidence);
        s.setBoolean(i++, e.uncertain);
        s.setString(i++, e.uncertaintyNotes);
        s.setArray(i++, c.createArrayOf("text", e.relatedIds.toArray()));
        s.setObject(i++, e.createdAt);
        s.setObject(i++, e.updatedAt);
        s.setString(i++, e.searchMain);
        s.setString(i++, e.searchExtra);
        s.setString(i++, e.document);
        s.setString(i++, e.csvRow);
        s.setString(i, e.geometry);
    }

    private static void bindSource(Connection c, PreparedStatement s, long caseId, SourceEntity source)
            throws SQLException {
        s.setLong(1, caseId);
        s.setInt(2, source.position);
        s.setString(3, source.publisher);
        s.setString(4, source.title);
        s.setString(5, source.published);
        s.setString(6, source.url);
        s.setString(7, source.archiveUrl);
        s.setString(8, source.sourceType);
        s.setString(9, source.language);
        s.setArray(10, c.createArrayOf("text", source.supports.toArray()));
    }

    private static void setDouble(PreparedStatement s, int i, Double value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, value);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
