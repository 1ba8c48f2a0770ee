package org.armstrace.releases;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
    /** The changed records whose id is after {@code :after} (both sides filtered: they join on the id). */
    private static final String CHANGED = """
            from (select id, public_id, version, revision_sequence, document from release_case
                  where release_id = :newer and public_id > :after) n
            full join (select id, public_id, version, revision_sequence, document from release_case
                  where release_id = :older and public_id > :after) o
                on o.public_id = n.public_id
            where o.id is null or n.id is null or o.revision_sequence <> n.revision_sequence""";

    private final EntityManager em;
    private final ObjectMapper json;

    public ReleaseDiffs(EntityManager em, ObjectMapper json) {
        this.em = em;
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
            try (SequenceWriter writer = CsvOutput.open(out, CSV_COLUMNS, false)) {
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
        Object[] row = (Object[]) em.createNativeQuery("select count(*) filter (where o.id is null), "
                        + "count(*) filter (where o.id is not null and n.id is not null), count(*) filter (where n.id is null) "
                        + CHANGED)
                .setParameter("newer", newer.id())
                .setParameter("older", older.id())
                .setParameter("after", "")
                .getSingleResult();
        return new Totals(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    /**
     * Hands each changed record, in id order, to {@code sink}: read {@value #CHUNK} at a time after the
     * last id handed over, each chunk in its own transaction, ended before the chunk is written.
     */
    private void each(ReleaseStore.Row older, ReleaseStore.Row newer, ItemSink sink) throws IOException {
        String after = "";
        List<Object[]> rows;
        do {
            String from = after;
            rows = QuarkusTransaction.requiringNew().call(() -> chunk(older, newer, from));
            for (Object[] row : rows) {
                sink.accept(item(row));
            }
            after = rows.isEmpty() ? after : (String) rows.get(rows.size() - 1)[0];
        } while (rows.size() == CHUNK);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> chunk(ReleaseStore.Row older, ReleaseStore.Row newer, String after) {
        return em.createNativeQuery("select coalesce(n.public_id, o.public_id) as id, "
                        + "o.version, n.version, o.document, n.document " + CHANGED
                        + " order by 1 limit " + CHUNK)
                .setParameter("newer", newer.id())
                .setParameter("older", older.id())
                .setParameter("after", after)
                .getResultList();
    }

    /**
     * One {@code ReleaseDiffItem}, built as JSON so that patch operations keep an explicit
     * {@code "value": null} (a field set to null) and carry no {@code from}.
     */
    private ObjectNode item(Object[] row) {
        String change = row[1] == null ? "added" : row[2] == null ? "retracted" : "updated";
        ObjectNode item = json.createObjectNode().put("id", (String) row[0]).put("change", change);
        putVersion(item, "version", row[2]);
        putVersion(item, "previous_version", row[1]);
        if (change.equals("updated")) {
            item.set("patch", JsonDiff.asJson(tree((String) row[3]), tree((String) row[4]), FLAGS));
        } else {
            item.putNull("patch");
        }
        return item;
    }

    private static void putVersion(ObjectNode item, String name, Object version) {
        if (version == null) {
            item.putNull(name);
        } else {
            item.put(name, ((Number) version).intValue());
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
