package org.armstrace.common.db;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A piece of SQL and the values of its {@code ?} placeholders, in order: fragments compose by
 * concatenation, so a query's parameters can never be bound to the wrong placeholder. Values are
 * always bound, never spliced into the text; a value may be null (SQL null). A {@link TextArray} binds as
 * {@code text[]}.
 */
public record Sql(String text, List<Object> params) {

    /** A list of strings bound as one {@code text[]} parameter (for {@code = any(?)} and {@code &&}). */
    public record TextArray(List<String> values) {
        public TextArray {
            values = List.copyOf(values);
        }
    }

    public Sql {
        Objects.requireNonNull(text);
        params = Collections.unmodifiableList(new ArrayList<>(params)); // a value may be null
        long placeholders = text.chars().filter(c -> c == '?').count();
        if (placeholders != params.size()) {
            throw new IllegalArgumentException(
                    placeholders + " placeholders but " + params.size() + " values in: " + text);
        }
    }

    public static final Sql EMPTY = new Sql("", List.of());

    public static Sql of(String text, Object... params) {
        return new Sql(text, Arrays.asList(params));
    }

    /** This fragment followed by another (with no separator: add spaces in the texts). */
    public Sql append(Sql next) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(next.params);
        return new Sql(text + next.text, all);
    }

    public Sql append(String text, Object... params) {
        return append(of(text, params));
    }

    /** The fragments joined by a separator (such as {@code " and "}). */
    public static Sql join(String separator, List<Sql> parts) {
        StringBuilder text = new StringBuilder();
        List<Object> all = new ArrayList<>();
        for (Sql part : parts) {
            if (!text.isEmpty()) {
                text.append(separator);
            }
            text.append(part.text);
            all.addAll(part.params);
        }
        return new Sql(text.toString(), all);
    }
}
