package org.armstrace.cases;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.armstrace.api.model.CaseInput;
import org.armstrace.api.model.CaseRecord;
import org.armstrace.api.model.CaseType;
import org.armstrace.api.model.Channel;
import org.armstrace.api.model.Confidence;
import org.armstrace.api.model.Context;
import org.armstrace.api.model.CountQualifier;
import org.armstrace.api.model.CountValue;
import org.armstrace.api.model.DatePrecision;
import org.armstrace.api.model.GeoPrecision;
import org.armstrace.api.model.LegalStatus;
import org.armstrace.api.model.PaymentMethod;
import org.armstrace.api.model.Source;
import org.armstrace.api.model.Weapon3dRole;
import org.armstrace.common.PartialDate;

/** Converts between stored case records and the contract's {@code CaseRecord}, field by field. */
public final class CaseMapper {

    private CaseMapper() {}

    public static CaseRecord toApi(CaseEntity e) {
        Map<String, CountValue> counts = new LinkedHashMap<>();
        e.counts.stream()
                .sorted(java.util.Comparator.comparing((CountEntity c) -> c.countKey))
                .forEach(c -> counts.put(
                        c.countKey,
                        new CountValue()
                                .value(c.value)
                                .qualifier(CountQualifier.fromValue(c.qualifier))
                                .note(c.note)));
        return new CaseRecord()
                .id(e.publicId)
                .status(CaseRecord.StatusEnum.fromValue(e.status))
                .version(e.version)
                .eventDate(e.eventDate)
                .datePrecision(DatePrecision.fromValue(e.datePrecision))
                .endDate(e.endDate)
                .announcementDate(e.announcementDate)
                .country(e.country)
                .otherCountries(List.copyOf(e.otherCountries))
                .place(e.place)
                .region(e.region)
                .geoPrecision(GeoPrecision.fromValue(e.geoPrecision))
                .latitude(e.latitude == null ? null : BigDecimal.valueOf(e.latitude))
                .longitude(e.longitude == null ? null : BigDecimal.valueOf(e.longitude))
                .caseType(CaseType.fromValue(e.caseType))
                .legalStatus(LegalStatus.fromValue(e.legalStatus))
                .context(Context.fromValue(e.context))
                .weapon3dRole(Weapon3dRole.fromValue(e.weapon3dRole))
                .channels(e.channels.stream().map(Channel::fromValue).toList())
                .paymentMethods(
                        e.paymentMethods.stream().map(PaymentMethod::fromValue).toList())
                .prices(List.copyOf(e.prices))
                .counts(counts)
                .metrics(List.copyOf(e.metrics))
                .people(List.copyOf(e.people))
                .agencies(List.copyOf(e.agencies))
                .summary(e.summary)
                .outcome(e.outcome)
                .confidence(Confidence.fromValue(e.confidence))
                .uncertain(e.uncertain)
                .uncertaintyNotes(e.uncertaintyNotes)
                .relatedIds(List.copyOf(e.relatedIds))
                .sources(e.sources.stream().map(CaseMapper::toApi).toList())
                .createdAt(e.createdAt)
                .updatedAt(e.updatedAt);
    }

    private static Source toApi(SourceEntity s) {
        return new Source()
                .publisher(s.publisher)
                .title(s.title)
                .published(s.published)
                .url(s.url)
                .archiveUrl(s.archiveUrl)
                .sourceType(Source.SourceTypeEnum.fromValue(s.sourceType))
                .language(s.language)
                .supports(List.copyOf(s.supports));
    }

    /**
     * Copies the curated content of a (validated) record onto an entity; the id, status, version and
     * timestamps are the caller's to set.
     */
    public static void copyContent(CaseInput r, CaseEntity e) {
        PartialDate eventDate = PartialDate.parse(r.getEventDate())
                .orElseThrow(() -> new IllegalArgumentException("event_date must be validated first"));
        e.eventDate = eventDate.text();
        e.datePrecision = r.getDatePrecision().toString();
        e.eventStart = eventDate.start();
        e.eventEnd = eventDate.end();
        e.endDate = r.getEndDate();
        e.announcementDate = r.getAnnouncementDate();
        e.country = r.getCountry();
        e.otherCountries = List.copyOf(r.getOtherCountries());
        e.place = r.getPlace();
        e.region = r.getRegion();
        e.geoPrecision = r.getGeoPrecision().toString();
        e.latitude = r.getLatitude() == null ? null : r.getLatitude().doubleValue();
        e.longitude = r.getLongitude() == null ? null : r.getLongitude().doubleValue();
        e.caseType = r.getCaseType().toString();
        e.legalStatus = r.getLegalStatus().toString();
        e.context = r.getContext().toString();
        e.weapon3dRole = r.getWeapon3dRole().toString();
        e.channels = r.getChannels().stream().map(Channel::toString).toList();
        e.paymentMethods =
                r.getPaymentMethods().stream().map(PaymentMethod::toString).toList();
        e.prices = List.copyOf(r.getPrices());
        e.metrics = List.copyOf(r.getMetrics());
        e.people = List.copyOf(r.getPeople());
        e.agencies = List.copyOf(r.getAgencies());
        e.summary = r.getSummary();
        e.outcome = r.getOutcome();
        e.confidence = r.getConfidence().toString();
        e.uncertain = Boolean.TRUE.equals(r.getUncertain());
        e.uncertaintyNotes = r.getUncertaintyNotes();
        e.relatedIds = List.copyOf(r.getRelatedIds());
        copySources(r.getSources(), e);
        copyCounts(r.getCounts(), e);
    }

    /** Updates source rows in place by position (a delete and re-insert would collide on the unique position). */
    private static void copySources(List<Source> sources, CaseEntity e) {
        while (e.sources.size() > sources.size()) {
            e.sources.remove(e.sources.size() - 1);
        }
        for (int i = 0; i < sources.size(); i++) {
            SourceEntity row = i < e.sources.size() ? e.sources.get(i) : null;
            SourceEntity fresh = toEntity(sources.get(i), i, e);
            if (row == null) {
                e.sources.add(fresh);
            } else {
                row.publisher = fresh.publisher;
                row.title = fresh.title;
                row.published = fresh.published;
                row.url = fresh.url;
                row.archiveUrl = fresh.archiveUrl;
                row.sourceType = fresh.sourceType;
                row.language = fresh.language;
                row.supports = fresh.supports;
            }
        }
    }

    /** Updates count rows in place by key, removes the dropped keys, adds the new ones. */
    private static void copyCounts(Map<String, CountValue> counts, CaseEntity e) {
        e.counts.removeIf(row -> !counts.containsKey(row.countKey));
        counts.forEach((key, value) -> {
            CountEntity row = e.counts.stream()
                    .filter(c -> c.countKey.equals(key))
                    .findFirst()
                    .orElse(null);
            if (row == null) {
                e.counts.add(toEntity(key, value, e));
            } else {
                row.value = value.getValue();
                row.qualifier = value.getQualifier().toString();
                row.note = value.getNote();
            }
        });
    }

    private static SourceEntity toEntity(Source s, int position, CaseEntity owner) {
        SourceEntity entity = new SourceEntity();
        entity.caseRecord = owner;
        entity.position = position;
        entity.publisher = s.getPublisher();
        entity.title = s.getTitle();
        entity.published = s.getPublished();
        entity.url = s.getUrl();
        entity.archiveUrl = s.getArchiveUrl();
        entity.sourceType = s.getSourceType().toString();
        entity.language = s.getLanguage();
        entity.supports = s.getSupports() == null ? List.of() : List.copyOf(s.getSupports());
        return entity;
    }

    private static CountEntity toEntity(String key, CountValue value, CaseEntity owner) {
        CountEntity entity = new CountEntity();
        entity.caseRecord = owner;
        entity.countKey = key;
        entity.value = value.getValue();
        entity.qualifier = value.getQualifier().toString();
        entity.note = value.getNote();
        return entity;
    }
}
