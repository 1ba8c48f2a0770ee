package org.armstrace.feed;

import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.armstrace.api.model.Change;
import org.armstrace.common.http.InputText;

/**
 * Writes changes as an Atom 1.0 (RFC 4287) feed, with the JDK's StAX writer (it escapes all text). Writes
 * refuse control characters, but notes stored before they did may hold some: every character that XML 1.0
 * forbids is written as U+FFFD, so the feed stays well-formed for every reader.
 */
final class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String EPOCH = "1970-01-01T00:00:00Z";

    private AtomFeed() {}

    /** {@code base} is the service's absolute base URI (no trailing slash), for the ids and links. */
    static String write(List<Change> changes, String base) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", base + "/v1/changes.atom");
            element(xml, "title", "ArmsTrace: changes to the dataset");
            element(
                    xml,
                    "subtitle",
                    "Publications, corrections and retractions of case records about 3D-printed firearms and online arms trafficking.");
            element(
                    xml,
                    "updated",
                    changes.isEmpty() ? EPOCH : time(changes.get(0).getAt()));
            link(xml, "self", base + "/v1/changes.atom", "application/atom+xml");
            link(xml, "alternate", base + "/v1/changes", "application/json");
            xml.writeStartElement("author");
            element(xml, "name", "ArmsTrace curators");
            xml.writeEndElement();
            element(xml, "rights", "CC BY 4.0");
            for (Change change : changes) {
                xml.writeStartElement("entry");
                element(xml, "id", base + "/v1/changes#" + change.getSequence());
                element(
                        xml,
                        "title",
                        change.getId() + ": " + change.getAction() + " (version " + change.getVersion() + ")");
                element(xml, "updated", time(change.getAt()));
                link(xml, "alternate", base + "/v1/cases/" + change.getId(), "application/json");
                link(xml, "related", base + "/v1/cases/" + change.getId() + "/history", "application/json");
                element(
                        xml,
                        "summary",
                        change.getNote() == null ? change.getAction() + " of " + change.getId() : change.getNote());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the Atom feed could not be written", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(InputText.forXml(text));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", InputText.forXml(href));
        xml.writeAttribute("type", type);
    }

    private static String time(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
