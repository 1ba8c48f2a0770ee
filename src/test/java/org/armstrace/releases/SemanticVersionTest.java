package org.armstrace.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {

    @Test
    void versionsOrderByNumberNotByText() {
        List<String> sorted = Stream.of("1.10.0", "1.9.0", "2.0.0", "1.9.10", "1.9.2", "0.99.99")
                .map(SemanticVersion::parse)
                .sorted()
                .map(SemanticVersion::toString)
                .toList();
        assertEquals(List.of("0.99.99", "1.9.0", "1.9.2", "1.9.10", "1.10.0", "2.0.0"), sorted);
    }
}
