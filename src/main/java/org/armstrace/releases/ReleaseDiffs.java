package org.armstrace.releases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.armstrace.cases.CaseSnapshots;

/**
 * What changed between two releases: records added, records updated (with the RFC 6902 JSON Patch that
 * turns the older frozen record into the newer one) and records no longer in it (retracted or merged).
 * Only records whose frozen revision differs are read, in id order.
 */
@ApplicationScoped
public class ReleaseDiffs {

    private static final EnumSet<DiffFlags> FLAGS = EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

    private final EntityManager em;
    private final ObjectMapper json;

    public ReleaseDiffs(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * The changes as the contract's {@code ReleaseDiff}, built as JSON so that patch operations keep an
     * explicit {@code "value": null} (a field set to null) and carry no {@code from}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ObjectNode between(ReleaseStore.Row older, ReleaseStore.Row newer) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select coalesce(n.public_id, o.public_id) as id, o.version, n.version,
                       cast(o.snapshot as text), cast(n.snapshot as text)
                from (select * from release_case where release_id = :newer) n
                full join (select * from release_case where release_id = :older) o on o.public_id = n.public_id
                where o.id is null or n.id is null or o.revision_sequence <> n.revision_sequence
                order by 1""")
                .setParameter("newer", newer.id()).setParameter("older", older.id()).getResultList();
        ObjectNode diff = json.createObjectNode().put("version", newer.version()).put("since", older.version());
        Map<String, Integer> totals = new LinkedHashMap<>(Map.of("added", 0, "updated", 0, "retracted", 0));
        ArrayNode items = json.createArrayNode();
        for (Object[] row : rows) {
            String change = row[1] == null ? "added" : row[2] == null ? "retracted" : "updated";
            totals.merge(change, 1, Integer::sum);
            ObjectNode item = items.addObject().put("id", (String) row[0]).put("change", change);
            putVersion(item, "version", row[2]);
            putVersion(item, "previous_version", row[1]);
            if (change.equals("updated")) {
                item.set("patch", JsonDiff.asJson(tree((String) row[3]), tree((String) row[4]), FLAGS));
            } else {
                item.putNull("patch");
            }
        }
        diff.put("added", totals.get("added")).put("updated", totals.get("updated"))
                .put("retracted", totals.get("retracted"));
        diff.set("items", items);
        return diff;
    }

    private static void putVersion(ObjectNode item, String name, Object version) {
        if (version == null) {
            item.putNull(name);
        } else {
            item.put(name, ((Number) version).intValue());
        }
    }

    private JsonNode tree(String snapshot) {
        return json.valueToTree(CaseSnapshots.read(json, snapshot));
    }
}
