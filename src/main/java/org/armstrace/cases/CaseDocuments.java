package org.armstrace.cases;

import jakarta.enterprise.context.ApplicationScoped;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.export.RecordFormats;
import org.armstrace.export.RenderedRecord;

/**
 * Renders a record's public forms into its row whenever it changes, so that reads serve stored bytes:
 * every writer (curation, imports, the shipped dataset) calls {@link #render} after its last change
 * to the entity and before logging the revision.
 */
@ApplicationScoped
public class CaseDocuments {

    private final RecordFormats formats;

    public CaseDocuments(RecordFormats formats) {
        this.formats = formats;
    }

    /** Sets the entity's document, CSV row and geometry from its current state, and returns them. */
    public RenderedRecord render(CaseEntity entity) {
        CaseRecord record = CaseMapper.toApi(entity);
        RenderedRecord rendered = formats.render(record);
        entity.document = rendered.documentText();
        entity.csvRow = rendered.csvRowText();
        entity.geometry = rendered.geometryText();
        return rendered;
    }
}
