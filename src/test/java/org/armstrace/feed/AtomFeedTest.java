package org.armstrace.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.armstrace.api.model.Change;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The feed stays well-formed XML whatever a stored note holds (notes written before writes refused control characters). */
class AtomFeedTest {

    @Test
    void charactersXmlForbidsAreWrittenAsReplacementCharacters() throws Exception {
        Change change = new Change()
                .sequence(7L)
                .id("AT-000001")
                .version(2)
                .action(Change.ActionEnum.RETRACT)
                .at(OffsetDateTime.parse("2026-11-20T10:15:00Z"))
                .note("bad \u0000 \u0001 vertical \u000b tab, lone \ud800 surrogate, \uffff end; kept: \t é 😀");
        String xml = AtomFeed.write(List.of(change), "https://armstrace.test");
        Document feed = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                "bad \ufffd \ufffd vertical \ufffd tab, lone \ufffd surrogate, \ufffd end; kept: \t é 😀",
                feed.getElementsByTagName("summary").item(0).getTextContent());
    }
}
