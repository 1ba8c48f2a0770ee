package org.armstrace.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Text a spreadsheet would run as a formula is written behind an apostrophe, and imports back as it was. */
class CsvCellsTest {

    private static final List<String> COLUMNS = List.of("place", "latitude", "title", "note");

    @Test
    void formulaLikeTextIsNeutralisedAndNumbersAreNot() {
        assertEquals(
                "'=cmd|' /C calc'!A0,-33.87,\"'=HYPERLINK(\"\"https://x.example\"\")\",'@SUM(A1)\r\n",
                CsvOutput.line(
                        COLUMNS,
                        List.of("=cmd|' /C calc'!A0", "-33.87", "=HYPERLINK(\"https://x.example\")", "@SUM(A1)")));
        assertEquals("'+1,'-x,'\t1,\"'\r2\"\r\n", CsvOutput.line(COLUMNS, List.of("+1", "-x", "\t1", "\r2")));
        assertEquals(
                "Marseille,5.37,Plain title,\r\n",
                CsvOutput.line(COLUMNS, List.of("Marseille", "5.37", "Plain title", "")));
    }

    @Test
    void anImportTakesTheApostropheOffAgain() {
        for (String text : List.of("=1+1", "-x", "+1", "@a", "\tb", "\rc")) {
            assertEquals(text, CsvCells.unneutralised(CsvCells.neutralised(text)));
        }
        assertEquals("'quoted", CsvCells.unneutralised("'quoted"));
        assertEquals("Marseille", CsvCells.unneutralised("Marseille"));
    }
}
