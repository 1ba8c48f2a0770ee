package org.armstrace.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.armstrace.api.model.Metric;
import org.armstrace.api.model.Person;
import org.armstrace.api.model.Price;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A case record as stored; {@link CaseMapper} turns it into the contract's {@code CaseRecord}. */
@Entity
@Table(name = "case_record")
public class CaseEntity extends PanacheEntityBase {

    /** The public id of the n-th record: {@code AT-} and at least six digits ({@code AT-000042}). */
    public static String publicIdOf(long n) {
        String digits = Long.toString(n);
        return digits.length() >= 6 ? "AT-" + digits : "AT-" + "0".repeat(6 - digits.length()) + digits;
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "public_id", nullable = false, updatable = false)
    public String publicId;

    @Column(nullable = false)
    public String status;

    /** Raised by one for every revision; writers lock the row, so no optimistic versioning is needed. */
    public int version = 1;

    @Column(name = "event_date", nullable = false)
    public String eventDate;

    @Column(name = "date_precision", nullable = false)
    public String datePrecision;

    @Column(name = "event_start", nullable = false)
    public LocalDate eventStart;

    @Column(name = "event_end", nullable = false)
    public LocalDate eventEnd;

    @Column(name = "end_date")
    public String endDate;

    @Column(name = "announcement_date")
    public String announcementDate;

    public String country;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "other_countries", nullable = false)
    public List<String> otherCountries = new ArrayList<>();

    public String place;

    public String region;

    @Column(name = "geo_precision", nullable = false)
    public String geoPrecision;

    public Double latitude;

    public Double longitude;

    @Column(name = "case_type", nullable = false)
    public String caseType;

    @Column(name = "legal_status", nullable = false)
    public String legalStatus;

    @Column(nullable = false)
    public String context;

    @Column(name = "weapon_3d_role", nullable = false)
    public String weapon3dRole;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> channels = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "payment_methods", nullable = false)
    public List<String> paymentMethods = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Price> prices = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Metric> metrics = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Person> people = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> agencies = new ArrayList<>();

    @Column(nullable = false)
    public String summary;

    public String outcome;

    @Column(nullable = false)
    public String confidence;

    public boolean uncertain;

    @Column(name = "uncertainty_notes")
    public String uncertaintyNotes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "related_ids", nullable = false)
    public List<String> relatedIds = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "retraction_reason")
    public String retractionReason;

    @Column(name = "retracted_at")
    public OffsetDateTime retractedAt;

    @Column(name = "replaced_by")
    public String replacedBy;

    public boolean merged;

    /**
     * What full-text search sees (see {@link SearchText}), set when the record is rendered and stored with its
     * rendition, where PostgreSQL derives the tsvector from it (not mapped: schema V15).
     */
    @Transient
    public String searchMain = "";

    @Transient
    public String searchExtra = "";

    /**
     * The rendition of the record as it is now: its public forms, written by {@link CaseDocuments} on
     * every change and never changed (see {@link Renditions}).
     */
    @Column(name = "rendition_id")
    public Long renditionId;

    /** The forms themselves, as last rendered in this transaction (not mapped: they live in the rendition). */
    @Transient
    public String document;

    @Transient
    public String csvRow;

    @Transient
    public String geometry;

    @OneToMany(mappedBy = "caseRecord", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<SourceEntity> sources = new ArrayList<>();

    @OneToMany(mappedBy = "caseRecord", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("countKey")
    public List<CountEntity> counts = new ArrayList<>();
}
