package org.armstrace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenTelemetry is turned on by an OTLP endpoint alone, and stays as told when told. */
class MainTracesTest {

    @Test
    void tracesAreOnOnlyWhenAnEndpointIsSetAndNobodyDecidedOtherwise() {
        Map<String, String> none = Map.of();
        Map<String, String> endpoint = Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317");
        assertFalse(Main.tracesWanted(none::get, none::get));
        assertTrue(Main.tracesWanted(none::get, endpoint::get));
        assertTrue(Main.tracesWanted(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://c:4317")::get, none::get));
        assertFalse(Main.tracesWanted(
                none::get,
                Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317", "QUARKUS_OTEL_SDK_DISABLED", "true")
                        ::get));
        assertFalse(Main.tracesWanted(none::get, Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", " ")::get));
    }
}
