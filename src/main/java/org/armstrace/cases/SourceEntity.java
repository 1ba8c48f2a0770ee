package org.armstrace.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A public source backing a case record. */
@Entity
@Table(name = "case_source")
public class SourceEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_id")
    public CaseEntity caseRecord;

    public int position;

    public String publisher;

    public String title;

    public String published;

    public String url;

    @Column(name = "archive_url")
    public String archiveUrl;

    @Column(name = "source_type")
    public String sourceType;

    public String language;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> supports = new ArrayList<>();
}
