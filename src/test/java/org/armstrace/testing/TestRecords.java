package org.armstrace.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import org.armstrace.api.model.CaseInput;
import org.armstrace.cases.CaseDocuments;
import org.armstrace.cases.CaseEntity;
import org.armstrace.cases.CaseMapper;
import org.armstrace.cases.CaseValidator;
import org.armstrace.common.cache.Remembered;
import org.armstrace.dataset.ShippedDatasetLoader;

/**
 * Lets a test own the records it asserts: it creates them in a country no real record uses, and
 * removes them afterwards.
 */
@ApplicationScoped
public class TestRecords {

    private final EntityManager em;
    private final ShippedDatasetLoader loader;
    private final CaseValidator validator;
    private final CaseDocuments documents;
    private final Remembered remembered;

    public TestRecords(
            EntityManager em,
            ShippedDatasetLoader loader,
            CaseValidator validator,
            CaseDocuments documents,
            Remembered remembered) {
        this.em = em;
        this.documents = documents;
        this.remembered = remembered;
        this.loader = loader;
        this.validator = validator;
    }

    /** A valid record (a copy of the first shipped one) moved to the given country and date. */
    public CaseInput template(String country, String eventDate) {
        CaseInput record = loader.shipped().first().added().get(1).content();
        return record.country(country)
                .otherCountries(List.of())
                .relatedIds(List.of())
                .eventDate(eventDate)
                .datePrecision(org.armstrace.api.model.DatePrecision.fromValue(
                        eventDate.length() == 4 ? "year" : eventDate.length() == 7 ? "month" : "day"));
    }

    /** Stores a record as given, with the status given; the id comes from the public id sequence. */
    @Transactional
    public String insert(CaseInput record, String status) {
        if (!validator.check(record, null, id -> true).isEmpty()) {
            throw new IllegalArgumentException(
                    "test record breaks rules: " + validator.check(record, null, id -> true));
        }
        long next = ((Number) em.createNativeQuery("select nextval('case_public_id_seq')")
                        .getSingleResult())
                .longValue();
        CaseEntity entity = new CaseEntity();
        entity.publicId = String.format("AT-%06d", next);
        entity.status = status;
        entity.createdAt = OffsetDateTime.now();
        entity.updatedAt = entity.createdAt;
        CaseMapper.copyContent(record, entity);
        documents.keep(entity);
        em.persist(entity);
        // written around the revision log, so no sequence moves: drop what was remembered
        remembered.forgetAll();
        return entity.publicId;
    }

    @Transactional
    public void deleteCountry(String country) {
        em.createNativeQuery("delete from case_record where country = :c")
                .setParameter("c", country)
                .executeUpdate();
        remembered.forgetAll();
    }
}
