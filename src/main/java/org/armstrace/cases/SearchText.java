package org.armstrace.cases;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text that full-text search sees, and search queries made to match it: accents folded
 * ({@code Montréal} matches {@code montreal}), control characters dropped.
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cs}\\uFFFE\\uFFFF]+");

    private SearchText() {}

    /** Sets what search sees of a stored record: its summary and outcome, then places, agencies and sources. */
    static void index(CaseEntity e) {
        e.searchMain = fold(join(List.of(nullToEmpty(e.summary), nullToEmpty(e.outcome))));
        List<String> parts = new ArrayList<>();
        parts.add(nullToEmpty(e.place));
        parts.add(nullToEmpty(e.region));
        parts.addAll(e.agencies);
        e.sources.forEach(s -> {
            parts.add(nullToEmpty(s.title));
            parts.add(nullToEmpty(s.publisher));
        });
        e.searchExtra = fold(join(parts));
    }

    /** A search as typed, made safe and comparable: folded, without control characters; null if empty. */
    public static String query(String q) {
        if (q == null) {
            return null;
        }
        String folded = fold(q).strip();
        return folded.isEmpty() ? null : folded;
    }

    static String fold(String text) {
        String ascii = foldAscii(text);
        if (ascii != null) {
            return ascii;
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return CONTROL.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ");
    }

    /**
     * {@link #fold} of a text all in ASCII, without its regular expressions (a third of an import's
     * rendering time): decomposition changes no ASCII character and finds no marks, so only the runs of
     * control characters are left to become one space each. Null for a text with any other character.
     */
    private static String foldAscii(String text) {
        StringBuilder folded = null;
        boolean inRun = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            boolean control = c < 0x20 || c == 0x7F;
            if (control && folded == null) {
                folded = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (folded != null) {
                if (!control) {
                    folded.append(c);
                } else if (!inRun) {
                    folded.append(' ');
                }
            }
            inRun = control;
        }
        return folded == null ? text : folded.toString();
    }

    private static String join(List<String> parts) {
        return String.join(" \n ", parts.stream().filter(p -> !p.isBlank()).toList());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
