package org.armstrace.curation;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text (ended by LF, CR or CR LF, as {@link java.io.BufferedReader#readLine} ends them), each
 * kept only up to a number of characters: a longer line is read to its end without being kept, and is
 * reported as too long. So one huge line never sits in memory whole.
 */
final class BoundedLines {

    private final Reader in;
    private final int max;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int end;
    private boolean afterCarriageReturn;
    private boolean tooLong;

    BoundedLines(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** Reads the next line; false at the end of the text. */
    boolean next() throws IOException {
        line.setLength(0);
        tooLong = false;
        boolean started = false;
        while (true) {
            if (position == end) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    return started;
                }
                position = 0;
                end = n;
                continue;
            }
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            started = true;
            int from = position;
            while (position < end && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            keep(from, position);
            if (position < end) {
                afterCarriageReturn = buffer[position] == '\r';
                position++;
                return true;
            }
        }
    }

    private void keep(int from, int to) {
        if (tooLong) {
            return;
        }
        if (line.length() + (to - from) > max) {
            tooLong = true;
            line.setLength(0);
            return;
        }
        line.append(buffer, from, to - from);
    }

    /** Whether the line read last is longer than the bound (its text is then not kept). */
    boolean tooLong() {
        return tooLong;
    }

    /** The line read last, without its end. */
    String text() {
        return line.toString();
    }
}
