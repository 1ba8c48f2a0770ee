package org.armstrace.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.armstrace.api.model.CaseList;

/**
 * Writes the contract's {@code CaseList} with its items spliced in as the stored documents: the rest
 * of the page (cursor, links, total, facets, snippets) is written by Jackson as before, so the bytes
 * are those of serialising the whole model, without building a single record.
 */
@ApplicationScoped
public class CaseListJson {

    private static final String EMPTY_ITEMS = "{\"items\":[]";

    private final ObjectMapper json;

    public CaseListJson(ObjectMapper json) {
        this.json = json;
    }

    /** {@code page} without items, and the items' documents, in order. */
    public byte[] write(CaseList page, List<byte[]> documents) {
        String rest;
        try {
            rest = json.writeValueAsString(page.items(List.of()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        if (!rest.startsWith(EMPTY_ITEMS)) {
            throw new IllegalStateException("a CaseList no longer starts with its items");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                256 + documents.stream().mapToInt(d -> d.length).sum());
        out.writeBytes("{\"items\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < documents.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(documents.get(i));
        }
        out.write(']');
        out.writeBytes(rest.substring(EMPTY_ITEMS.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
