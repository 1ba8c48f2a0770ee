package org.armstrace.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What full-text search sees of a text, and of a query. */
class SearchTextTest {

    @Test
    void accentsAreFoldedAndControlRunsBecomeOneSpace() {
        assertEquals("Montreal    x", fold("Montr\u00e9al \t\n \u00a0x")); // the no-break space decomposes to a space
        assertEquals("Zurich Strasse", fold("Zu\u0308rich\u0000\u0001Strasse"));
        assertEquals("ffi", fold("\ufb03")); // compatibility decomposition of the ligature
    }

    @Test
    void anAsciiTextKeepsItsCharactersAndLosesOnlyItsControlRuns() {
        assertEquals("Seized in Marseille", fold("Seized in Marseille"));
        assertEquals("a b   c ", fold("a\tb \n c\r\n\u007f"));
        assertEquals(" x", fold("\n\n\nx"));
        assertEquals("", fold(""));
    }

    @Test
    void aQueryIsFoldedAndStrippedAndNothingLeftIsNoQuery() {
        assertEquals("cafe telegram", SearchText.query("  cafe\u0301\ttelegram \n"));
        assertNull(SearchText.query(" \t\n "));
        assertNull(SearchText.query(null));
    }

    private static String fold(String text) {
        return SearchText.fold(text);
    }
}
