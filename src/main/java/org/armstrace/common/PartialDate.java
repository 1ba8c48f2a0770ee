package org.armstrace.common;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A date known to the year, the month or the day: {@code 2024}, {@code 2024-01} or {@code 2024-01-29}.
 * It denotes a period, from {@link #start()} to {@link #end()}. Years run from 0001 to 9999.
 */
public record PartialDate(String text, Precision precision, LocalDate start, LocalDate end) {

    public enum Precision {
        YEAR,
        MONTH,
        DAY;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Pattern SHAPE = Pattern.compile("[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?");

    /** Parses a partial date; empty when the text is not one (wrong shape, month 13, 30 February...). */
    public static Optional<PartialDate> parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(text.substring(0, 4));
            if (year < 1) {
                return Optional.empty(); // there is no year 0 (PostgreSQL would store 0000 as 1 BC)
            }
            return Optional.of(
                    switch (text.length()) {
                        case 4 ->
                            new PartialDate(text, Precision.YEAR, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
                        case 7 -> {
                            YearMonth month = YearMonth.of(year, Integer.parseInt(text.substring(5, 7)));
                            yield new PartialDate(text, Precision.MONTH, month.atDay(1), month.atEndOfMonth());
                        }
                        default -> {
                            LocalDate day = LocalDate.parse(text);
                            yield new PartialDate(text, Precision.DAY, day, day);
                        }
                    });
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
