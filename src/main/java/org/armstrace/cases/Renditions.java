package org.armstrace.cases;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.armstrace.common.db.BinaryCopyRows;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;

/**
 * Writes renditions: a record's public forms as one change left them, written once and never changed.
 * The live row, the revision that logged the change and every release that froze it point to the same
 * rendition (schema V13), so a release cut copies an id, not the texts.
 */
@ApplicationScoped
public class Renditions {

    private static final String COPY = "rendition (id, document, csv_row, geometry)";
    private static final String COPY_SEARCH = "rendition_search (rendition_id, search_main, search_extra)";
    /**
     * The identity sequence of {@code rendition.id}, by name: {@code nextval} of a literal resolves it once per
     * statement, where {@code nextval(pg_get_serial_sequence(...))} looked it up in the catalog for every id.
     */
    static final String SEQUENCE = "'rendition_id_seq'";

    private final Jdbc db;

    public Renditions(Jdbc db) {
        this.db = db;
    }

    /**
     * Stores the entity's rendered forms and search texts as a new rendition, in the caller's transaction, and
     * answers its id.
     */
    long insert(CaseEntity rendered) {
        // one statement, one round trip: the rendition's id goes on to its search texts
        return db.list(
                        Sql.of(
                                """
                                with r as (insert into rendition (document, csv_row, geometry) values (?, ?, ?) returning id)
                                insert into rendition_search (rendition_id, search_main, search_extra)
                                select id, ?, ? from r returning rendition_id""",
                                rendered.document,
                                rendered.csvRow,
                                rendered.geometry,
                                rendered.searchMain,
                                rendered.searchExtra),
                        row -> row.getLong(1))
                .get(0);
    }

    /**
     * Stores the rendered forms of many new records with {@code COPY} in its binary format (the texts go
     * out as they are, not escaped), on the caller's connection (the transaction's), and sets each
     * entity's rendition id.
     */
    void insertAll(Connection c, List<CaseEntity> entities) throws SQLException {
        List<Long> ids = db.nextValues(SEQUENCE, entities.size());
        try (BinaryCopyRows rows = BinaryCopyRows.into(c, COPY, 4)) {
            for (int i = 0; i < entities.size(); i++) {
                CaseEntity e = entities.get(i);
                e.renditionId = ids.get(i);
                rows.number(e.renditionId)
                        .text(e.document)
                        .text(e.csvRow)
                        .text(e.geometry)
                        .end();
            }
        }
        try (BinaryCopyRows rows = BinaryCopyRows.into(c, COPY_SEARCH, 3)) {
            for (CaseEntity e : entities) {
                rows.number(e.renditionId)
                        .text(e.searchMain)
                        .text(e.searchExtra)
                        .end();
            }
        }
    }
}
