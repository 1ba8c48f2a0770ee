package org.armstrace.cases;

import jakarta.enterprise.context.ApplicationScoped;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.export.RecordFormats;
import org.armstrace.export.RenderedRecord;

/**
 * Renders a record's public forms whenever it changes, so that reads serve stored bytes: every writer
 * (curation, the shipped dataset) calls {@link #keep} after its last change to the entity and before
 * logging the revision; a bulk import calls {@link #render} and lets {@link CaseBulkInsert} store them.
 */
@ApplicationScoped
public class CaseDocuments {

    private final RecordFormats formats;
    private final Renditions renditions;

    public CaseDocuments(RecordFormats formats, Renditions renditions) {
        this.formats = formats;
        this.renditions = renditions;
    }

    /**
     * Renders the entity's forms from its current state, stores them as a new rendition and points the
     * entity at it; answers the rendition's id, which the revision of this change names.
     */
    public long keep(CaseEntity entity) {
        render(entity);
        entity.renditionId = renditions.insert(entity);
        return entity.renditionId;
    }

    /**
     * Sets the entity's document, CSV row, geometry and search texts from its current state (in memory), and
     * returns the forms.
     */
    public RenderedRecord render(CaseEntity entity) {
        SearchText.index(entity);
        CaseRecord record = CaseMapper.toApi(entity);
        RenderedRecord rendered = formats.render(record);
        entity.document = rendered.documentText();
        entity.csvRow = rendered.csvRowText();
        entity.geometry = rendered.geometryText();
        return rendered;
    }
}
