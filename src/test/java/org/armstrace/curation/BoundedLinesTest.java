package org.armstrace.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines end as BufferedReader.readLine ends them; one over the bound is reported, not kept. */
class BoundedLinesTest {

    private static List<String> lines(String text, int max) throws IOException {
        return lines(new StringReader(text), max);
    }

    private static List<String> lines(java.io.Reader text, int max) throws IOException {
        BoundedLines lines = new BoundedLines(text, max);
        List<String> out = new ArrayList<>();
        while (lines.next()) {
            out.add(lines.tooLong() ? "<too long>" : lines.text());
        }
        return out;
    }

    @Test
    void linesEndWithLfCrOrCrLfAndTheLastNeedsNoEnd() throws IOException {
        assertEquals(List.of("a", "b", "", "c", "d"), lines("a\nb\r\n\rc\rd", 10));
        assertEquals(List.of("a", ""), lines("a\n\n", 10));
        assertEquals(List.of(), lines("", 10));
        assertEquals(List.of(""), lines("\r\n", 10));
    }

    @Test
    void aCrLfSplitBetweenTwoReadsIsOneEnd() throws IOException {
        java.io.Reader oneCharAtATime = new java.io.FilterReader(new StringReader("a\r\nb\r\n\r\nc")) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 1));
            }
        };
        assertEquals(List.of("a", "b", "", "c"), lines(oneCharAtATime, 10));
    }

    @Test
    void aLineOverTheBoundIsReportedAndTheNextIsReadWhole() throws IOException {
        String atBound = "x".repeat(20_000);
        String over = "y".repeat(20_001);
        assertEquals(
                List.of(atBound, "<too long>", "z", "<too long>"),
                lines(atBound + "\n" + over + "\r\nz\n" + over, 20_000));
    }
}
