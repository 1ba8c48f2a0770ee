package org.armstrace.export;

import java.util.regex.Pattern;

/**
 * Spreadsheet formula injection (CWE-1236): a CSV cell that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return is read by Excel and LibreOffice as a formula. Every text cell that
 * ArmsTrace writes to CSV and that starts so is written with a leading apostrophe ({@code '=1+1}), which
 * spreadsheets show as text; numbers ({@code -33.87}) are left alone. Imports take the apostrophe off again,
 * so an exported CSV imports back unchanged.
 */
public final class CsvCells {

    private static final String TRIGGERS = "=+-@\t\r";
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private CsvCells() {}

    /** Whether a spreadsheet would read this text as the start of a formula. */
    public static boolean formulaLike(String text) {
        return text != null && !text.isEmpty() && TRIGGERS.indexOf(text.charAt(0)) >= 0;
    }

    /** The cell as written to CSV: formula-like text behind an apostrophe, anything else as it is. */
    public static String neutralised(String cell) {
        return formulaLike(cell) && !NUMBER.matcher(cell).matches() ? "'" + cell : cell;
    }

    /** The cell as an import reads it: the apostrophe that {@link #neutralised} added is taken off. */
    public static String unneutralised(String cell) {
        return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && formulaLike(cell.substring(1))
                ? cell.substring(1)
                : cell;
    }

    static Object neutralisedValue(Object cell) {
        return cell instanceof String text ? neutralised(text) : cell;
    }
}
