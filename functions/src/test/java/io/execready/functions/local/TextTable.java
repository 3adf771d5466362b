package io.execready.functions.local;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for a terminal: every column as wide as its longest cell (so a long check id
 * moves the next column instead of breaking the row), and the last column wrapped at word
 * boundaries into the width left, with nothing cut. A row may carry notes: further lines of the
 * last column, each wrapped the same way, such as the fix under a failed check.
 */
final class TextTable {

    private static final String GAP = "  ";
    private static final int NARROWEST_LAST_COLUMN = 30;

    private final List<String> headers;
    private final List<Row> rows = new ArrayList<>();

    private record Row(List<String> cells, List<String> notes) {
    }

    TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    /** Adds a row; {@code notes} are printed under its last cell, each starting on its own line. */
    TextTable row(List<String> cells, List<String> notes) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells);
        }
        rows.add(new Row(List.copyOf(cells), List.copyOf(notes)));
        return this;
    }

    /** The table's lines, each starting with {@code indent} and, where words allow, at most {@code width} long. */
    List<String> render(String indent, int width) {
        int fixedColumns = headers.size() - 1;
        int[] widths = new int[fixedColumns];
        for (int column = 0; column < fixedColumns; column++) {
            widths[column] = headers.get(column).length();
            for (Row row : rows) {
                widths[column] = Math.max(widths[column], row.cells().get(column).length());
            }
        }
        StringBuilder blank = new StringBuilder(indent);
        for (int w : widths) {
            blank.append(" ".repeat(w)).append(GAP);
        }
        int lastWidth = Math.max(NARROWEST_LAST_COLUMN, width - blank.length());

        List<String> lines = new ArrayList<>();
        lines.addAll(lines(indent, widths, headers, List.of(), lastWidth, blank.toString()));
        for (Row row : rows) {
            lines.addAll(lines(indent, widths, row.cells(), row.notes(), lastWidth, blank.toString()));
        }
        return lines;
    }

    private static List<String> lines(String indent, int[] widths, List<String> cells, List<String> notes, int lastWidth, String blank) {
        StringBuilder first = new StringBuilder(indent);
        for (int column = 0; column < widths.length; column++) {
            first.append(pad(cells.get(column), widths[column])).append(GAP);
        }
        List<String> text = new ArrayList<>(wrap(cells.getLast(), lastWidth));
        for (String note : notes) {
            text.addAll(wrap(note, lastWidth));
        }
        List<String> lines = new ArrayList<>();
        lines.add((first + text.getFirst()).stripTrailing());
        for (String more : text.subList(1, text.size())) {
            lines.add((blank + more).stripTrailing());
        }
        return lines;
    }

    /** {@code text} in lines of at most {@code width} characters, broken at spaces; a longer word keeps a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
