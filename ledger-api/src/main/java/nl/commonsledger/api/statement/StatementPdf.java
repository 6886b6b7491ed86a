package nl.commonsledger.api.statement;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import nl.commonsledger.api.balance.BalanceController.Contributed;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The statement on A4 (landscape, for its ten columns) as a board attaches it to its minutes: the
 * project, quarter, status, digest, when it was generated, every member's row and the totals. Black
 * on white with ruled rows and no colour, so that it reads the same from a black-and-white printer.
 * Every figure is the JSON's string, so the PDF agrees with the JSON and the CSV to the cent.
 */
final class StatementPdf {

    private static final Font TITLE = new Font(Font.HELVETICA, 15, Font.BOLD);
    private static final Font TEXT = new Font(Font.HELVETICA, 9);
    private static final Font BOLD = new Font(Font.HELVETICA, 8, Font.BOLD);
    private static final Font CELL = new Font(Font.HELVETICA, 8);
    private static final Font DIGEST = new Font(Font.COURIER, 8);
    private static final List<String> HEADINGS = List.of("Member", "Opening balance", "Money", "Hours", "Code",
            "Contributed", "Fair share", "Settlements paid", "Settlements received", "Closing balance");

    private StatementPdf() {
    }

    static byte[] pdf(StatementJson s, String projectName, Map<String, String> memberNames, Instant generatedAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        PdfWriter.getInstance(doc, out);
        doc.addTitle("Statement " + s.period() + " " + s.projectId());
        doc.open();
        doc.add(new Paragraph("Statement " + s.period() + ": " + projectName, TITLE));
        doc.add(new Paragraph("Project: " + s.projectId() + "    Currency: " + s.currency(), TEXT));
        doc.add(new Paragraph("Status: " + s.status() + (s.digest() == null
                ? " (provisional: the quarter is open and its figures follow later bookings)"
                : " (frozen: nothing can change this quarter)"), TEXT));
        Paragraph digest = new Paragraph("Digest of the close: ", TEXT);
        digest.add(new Phrase(s.digest() == null ? "none yet" : s.digest(), DIGEST));
        doc.add(digest);
        doc.add(new Paragraph("Generated: " + generatedAt.truncatedTo(ChronoUnit.SECONDS) + " (UTC)", TEXT));
        doc.add(new Paragraph(" ", TEXT));

        PdfPTable table = new PdfPTable(new float[]{2.6f, 1.2f, 1.1f, 1.1f, 1.1f, 1.2f, 1.2f, 1.2f, 1.2f, 1.2f});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        HEADINGS.forEach(h -> table.addCell(cell(h, BOLD, h.equals("Member") ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT)));
        for (StatementJson.Line l : s.members()) {
            String name = memberNames.get(l.memberId());
            row(table, l.memberId() + (name == null ? "" : " " + name), CELL, l.openingBalance(), l.contributed(),
                    l.fairShare(), l.settlementsPaid(), l.settlementsReceived(), l.closingBalance());
        }
        row(table, "TOTAL", BOLD, "", s.totals().contributed(), s.totals().fairShare(), s.totals().settlementsPaid(),
                s.totals().settlementsReceived(), "");
        doc.add(table);
        doc.add(new Paragraph(" ", TEXT));
        doc.add(new Paragraph("Amounts in " + s.currency() + ". Closing balance = opening balance + contributed "
                + "- fair share + settlements paid - settlements received. A positive balance is owed to the member; "
                + "the balances of all members sum to zero. Total value of the quarter's contributions: "
                + s.totalValue() + " " + s.currency() + ".", TEXT));
        doc.close();
        return out.toByteArray();
    }

    private static void row(PdfPTable table, String member, Font font, String opening, Contributed c, String fairShare,
                            String paid, String received, String closing) {
        table.addCell(cell(member, font, Element.ALIGN_LEFT));
        for (String v : List.of(opening, c.MONEY(), c.HOURS(), c.CODE(), c.total(), fairShare, paid, received, closing)) {
            table.addCell(cell(v, font, Element.ALIGN_RIGHT));
        }
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(3);
        cell.setBorderWidth(0.5f);
        return cell;
    }
}
