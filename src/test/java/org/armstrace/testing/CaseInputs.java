package org.armstrace.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Valid record bodies for writes, as JSON, that tests change as they need. */
public final class CaseInputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseInputs() {}

    public static ObjectNode valid(String country) {
        try {
            return (ObjectNode) JSON.readTree("""
                    {
                      "event_date": "2025-03-04",
                      "date_precision": "day",
                      "country": "%s",
                      "place": "Testville",
                      "geo_precision": "city",
                      "latitude": 51.92,
                      "longitude": 4.48,
                      "case_type": "seizure",
                      "legal_status": "under_investigation",
                      "context": "criminal_organised",
                      "weapon_3d_role": "hybrid",
                      "counts": {"printed_firearms_seized": {"value": 2, "qualifier": "exact"}},
                      "summary": "Police searching a home seized two hybrid pistols with printed frames.",
                      "confidence": "medium",
                      "sources": [{"publisher": "Politie", "title": "Two printed pistols seized",
                        "published": "2025-03-05", "url": "https://www.example.org/news/1",
                        "source_type": "official", "language": "nl"}]
                    }""".formatted(country));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
