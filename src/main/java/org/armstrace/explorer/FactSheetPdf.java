package org.armstrace.explorer;

import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.armstrace.common.DatasetIdentity;
import org.armstrace.releases.ReleaseStore;

/**
 * The fact sheet's XHTML as a PDF (openhtmltopdf, its SVG through Batik), byte-for-byte the same for a
 * release however often it is made: the producer is fixed, both dates are the release's, and the file
 * identifier is a hash of the page instead of the clock PDFBox would otherwise use.
 */
@ApplicationScoped
public class FactSheetPdf {

    byte[] render(String xhtml, String baseUri, ReleaseStore.Row release) {
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .useFastMode()
                .useSVGDrawer(new BatikSVGDrawer())
                .withHtmlContent(xhtml, baseUri + "/")
                .withProducer("ArmsTrace");
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            PDDocument pdf = renderer.createPDFKeepOpen();
            try (pdf) {
                Calendar released = GregorianCalendar.from(release.releasedAt().toZonedDateTime());
                released.setTimeZone(TimeZone.getTimeZone("UTC"));
                PDDocumentInformation info = new PDDocumentInformation();
                info.setTitle(DatasetIdentity.TITLE + ": fact sheet of release " + release.version());
                info.setAuthor(DatasetIdentity.AUTHOR);
                info.setSubject("Key figures, charts, map, method and citation of release " + release.version());
                info.setProducer("ArmsTrace");
                info.setCreator("ArmsTrace");
                info.setCreationDate(released);
                info.setModificationDate(released);
                pdf.setDocumentInformation(info);
                pdf.getDocumentCatalog().setLanguage("en");
                COSString id = new COSString(sha256(xhtml));
                COSArray ids = new COSArray();
                ids.add(id);
                ids.add(id);
                pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                pdf.save(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The fact sheet could not be rendered as PDF", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(digest, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
