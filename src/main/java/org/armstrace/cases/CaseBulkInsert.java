package org.armstrace.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.armstrace.common.db.CopyRows;
import org.armstrace.common.db.Jdbc;

/**
 * Inserts many new records at once, in the caller's transaction, with {@code COPY}: one statement per
 * table and batch instead of a bind and an execution per record. Each entity must be complete and
 * rendered (see {@link CaseDocuments#render}) and carry a new public id; it gets its rendition and its row id. The columns are
 * those that {@link CaseEntity} maps.
 */
@ApplicationScoped
public class CaseBulkInsert {

    private static final String RECORD = """
            case_record (public_id, status, version, event_date, date_precision, event_start, event_end, end_date,
                announcement_date, country, other_countries, place, region, geo_precision, latitude, longitude, case_type,
                legal_status, context, weapon_3d_role, channels, payment_methods, prices, metrics, people, agencies, summary,
                outcome, confidence, uncertain, uncertainty_notes, related_ids, created_at, updated_at, rendition_id)""";
    private static final String SOURCE = """
            case_source (case_id, position, publisher, title, published, url, archive_url, source_type, language,
                supports)""";
    private static final String COUNT = "case_count (case_id, count_key, value, qualifier, note)";

    private final DataSource dataSource;
    private final Jdbc db;
    private final ObjectMapper json;
    private final Renditions renditions;

    public CaseBulkInsert(DataSource dataSource, Jdbc db, ObjectMapper json, Renditions renditions) {
        this.dataSource = dataSource;
        this.db = db;
        this.json = json;
        this.renditions = renditions;
    }

    /** New public ids, in ascending order, from the public id sequence. */
    public List<String> newPublicIds(int n) {
        return db.nextValues("'case_public_id_seq'", n).stream()
                .map(CaseEntity::publicIdOf)
                .toList();
    }

    public void insert(List<CaseEntity> entities) {
        if (entities.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            renditions.insertAll(c, entities);
            try (CopyRows rows = CopyRows.into(c, RECORD)) {
                for (CaseEntity e : entities) {
                    record(rows, e);
                }
            }
            assignIds(c, entities);
            try (CopyRows rows = CopyRows.into(c, SOURCE)) {
                for (CaseEntity e : entities) {
                    for (SourceEntity source : e.sources) {
                        source(rows, e.id, source);
                    }
                }
            }
            try (CopyRows rows = CopyRows.into(c, COUNT)) {
                for (CaseEntity e : entities) {
                    for (CountEntity count : e.counts) {
                        rows.number(e.id)
                                .text(count.countKey)
                                .number(count.value)
                                .text(count.qualifier)
                                .text(count.note)
                                .end();
                    }
                }
            }
        } catch (SQLException e) {
            throw new Jdbc.DatabaseException(e);
        }
    }

    /** The row ids PostgreSQL gave the new records, found by their public ids. */
    private static void assignIds(Connection c, List<CaseEntity> entities) throws SQLException {
        Map<String, CaseEntity> byPublicId = new HashMap<>();
        entities.forEach(e -> byPublicId.put(e.publicId, e));
        try (PreparedStatement s =
                c.prepareStatement("select id, public_id from case_record where public_id = any(?)")) {
            s.setArray(1, c.createArrayOf("text", byPublicId.keySet().toArray()));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    byPublicId.remove(rows.getString("public_id")).id = rows.getLong("id");
                }
            }
        }
        if (!byPublicId.isEmpty()) {
            throw new IllegalStateException("records not found after their copy: " + byPublicId.keySet());
        }
    }

    private void record(CopyRows rows, CaseEntity e) {
        rows.text(e.publicId)
                .text(e.status)
                .number(e.version)
                .text(e.eventDate)
                .text(e.datePrecision)
                .date(e.eventStart)
                .date(e.eventEnd)
                .text(e.endDate)
                .text(e.announcementDate)
                .text(e.country)
                .array(e.otherCountries)
                .text(e.place)
                .text(e.region)
                .text(e.geoPrecision)
                .number(e.latitude)
                .number(e.longitude)
                .text(e.caseType)
                .text(e.legalStatus)
                .text(e.context)
                .text(e.weapon3dRole)
                .array(e.channels)
                .array(e.paymentMethods)
                .text(write(e.prices))
                .text(write(e.metrics))
                .text(write(e.people))
                .array(e.agencies)
                .text(e.summary)
                .text(e.outcome)
                .text(e.confidence)
                .bool(e.uncertain)
                .text(e.uncertaintyNotes)
                .array(e.relatedIds)
                .timestamp(e.createdAt)
                .timestamp(e.updatedAt)
                .number(e.renditionId)
                .end();
    }

    private static void source(CopyRows rows, long caseId, SourceEntity source) {
        rows.number(caseId)
                .number(source.position)
                .text(source.publisher)
                .text(source.title)
                .text(source.published)
                .text(source.url)
                .text(source.archiveUrl)
                .text(source.sourceType)
                .text(source.language)
                .array(source.supports)
                .end();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
