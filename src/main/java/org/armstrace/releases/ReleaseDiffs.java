package org.armstrace.releases;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.armstrace.cases.CaseScope;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.armstrace.export.CsvOutput;
import org.armstrace.revisions.CaseSnapshots;

/**
 * What changed between two releases: records added, records updated (with the RFC 6902 JSON Patch that
 * turns the older frozen record into the newer one) and records no longer in it (retracted or merged).
 * Only records whose frozen revision differs are read, in id order, in keyset chunks each in its own
 * short transaction, and streamed: however many records changed, one chunk is in memory at a time, and
 * no database connection is held while the answer waits for a slow client.
 */
@ApplicationScoped
public class ReleaseDiffs {

    /** How many records changed, by kind. */
    record Totals(long added, long updated, long retracted) {}

    public static final List<String> CSV_COLUMNS =
            List.of("id", "change", "version", "previous_version", "op", "path", "from", "value");

    private static final EnumSet<DiffFlags> FLAGS =
            EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);
    static final int CHUNK = 200;
    /** A changed record: its id, and its version and document in each release (null where it is not in one). */
    private record Changed(
            String id, Integer olderVersion, Integer newerVersion, String olderDocument, String newerDocument) {}

    private final Jdbc db;
    private final ObjectMapper json;

    public ReleaseDiffs(Jdbc db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The contract's {@code ReleaseDiff} as JSON: the totals, then the items. */
    public StreamingOutput json(ReleaseStore.Row older, ReleaseStore.Row newer) {
        Totals totals = totals(older, newer);
        return out -> {
            try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
                generator.writeStartObject();
                generator.writeStringField("version", newer.version());
                generator.writeStringField("since", older.version());
                generator.writeNumberField("added", totals.added());
                generator.writeNumberField("updated", totals.updated());
                generator.writeNumberField("retracted", totals.retracted());
                generator.writeArrayFieldStart("items");
                each(older, newer, item -> json.writeTree(generator, item));
                generator.writeEndArray();
                generator.writeEndObject();
            }
        };
    }

    /** The same as CSV: one row per patch operation of an updated record, one row per added or retracted record. */
    public StreamingOutput csv(ReleaseStore.Row older, ReleaseStore.Row newer) {
        return out -> {
            try (CsvOutput.Rows writer = CsvOutput.open(out, CSV_COLUMNS, false)) {
                each(older, newer, item -> {
                    List<String> head = List.of(
                            item.path("id").asText(),
                            item.path("change").asText(),
                            item.path("version").asText(""),
                            item.path("previous_version").asText(""));
                    if (!item.path("patch").isArray()) {
                        writer.write(row(head, "", "", "", ""));
                        return;
                    }
                    for (JsonNode op : item.path("patch")) {
                        writer.write(row(
                                head,
                                op.path("op").asText(),
                                op.path("path").asText(),
                                op.path("from").asText(""),
                                op.has("value") ? op.get("value").toString() : ""));
                    }
                });
            }
        };
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    Totals totals(ReleaseStore.Row older, ReleaseStore.Row newer) {
        return db.list(
                        Sql.of("select count(*) filter (where o.id is null) as added, "
                                        + "count(*) filter (where o.id is not null and n.id is not null) as updated, "
                                        + "count(*) filter (where n.id is null) as retracted ")
                                .append(changed(older, newer, "")),
                        row -> new Totals(row.getLong("added"), row.getLong("updated"), row.getLong("retracted")))
                .get(0);
    }

    /**
     * The changed records whose id is after {@code after} (both sides filtered: they join on the id).
     */
    private static Sql changed(ReleaseStore.Row older, ReleaseStore.Row newer, String after) {
        return Sql.of("from ")
                .append(frozenAfter(newer, after))
                .append(" n full join ")
                .append(frozenAfter(older, after))
                .append(" o on o.public_id = n.public_id"
                        + " where o.id is null or n.id is null or o.revision_sequence <> n.revision_sequence");
    }

    /** A release's rows whose id is after {@code after}, each with the document it froze. */
    private static Sql frozenAfter(ReleaseStore.Row release, String after) {
        CaseScope scope = CaseScope.release(release.id());
        return Sql.of(
                "(select c.id, c.public_id, c.version, c.revision_sequence, " + scope.rendered("document") + " from "
                        + scope.records() + " c " + scope.renditionJoin()
                        + " where c.release_id = ? and c.public_id > ?)",
                release.id(),
                after);
    }

    /**
     * Hands each changed record, in id order, to {@code sink}: read {@value #CHUNK} at a time after the
     * last id handed over, each chunk in its own transaction, ended before the chunk is written.
     */
    private void each(ReleaseStore.Row older, ReleaseStore.Row newer, ItemSink sink) throws IOException {
        String after = "";
        List<Changed> rows;
        do {
            String from = after;
            rows = QuarkusTransaction.requiringNew().call(() -> chunk(older, newer, from));
            for (Changed row : rows) {
                sink.accept(item(row));
            }
            after = rows.isEmpty() ? after : rows.get(rows.size() - 1).id();
        } while (rows.size() == CHUNK);
    }

    private List<Changed> chunk(ReleaseStore.Row older, ReleaseStore.Row newer, String after) {
        return db.list(
                Sql.of("select coalesce(n.public_id, o.public_id) as id, o.version as older_version, "
                                + "n.version as newer_version, o.document as older_document, "
                                + "n.document as newer_document ")
                        .append(changed(older, newer, after))
                        .append(" order by 1 limit " + CHUNK),
                row -> new Changed(
                        row.getString("id"),
                        row.getObject("older_version", Integer.class),
                        row.getObject("newer_version", Integer.class),
                        row.getString("older_document"),
                        row.getString("newer_document")));
    }

    /**
     * One {@code ReleaseDiffItem}, built as JSON so that patch operations keep an explicit
     * {@code "value": null} (a field set to null) and carry no {@code from}.
     */
    private ObjectNode item(Changed row) {
        String change = row.olderVersion() == null ? "added" : row.newerVersion() == null ? "retracted" : "updated";
        ObjectNode item = json.createObjectNode().put("id", row.id()).put("change", change);
        putVersion(item, "version", row.newerVersion());
        putVersion(item, "previous_version", row.olderVersion());
        if (change.equals("updated")) {
            item.set("patch", JsonDiff.asJson(tree(row.olderDocument()), tree(row.newerDocument()), FLAGS));
        } else {
            item.putNull("patch");
        }
        return item;
    }

    private static void putVersion(ObjectNode item, String name, Integer version) {
        if (version == null) {
            item.putNull(name);
        } else {
            item.put(name, version.intValue());
        }
    }

    private static List<String> row(List<String> head, String... rest) {
        List<String> row = new ArrayList<>(head);
        row.addAll(List.of(rest));
        return row;
    }

    private JsonNode tree(String snapshot) {
        return json.valueToTree(CaseSnapshots.read(json, snapshot));
    }

    /** Takes one changed record. */
    @FunctionalInterface
    private interface ItemSink {
        void accept(ObjectNode item) throws IOException;
    }
}
