package dev.gridha.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Help;

/**
 * A table for the terminal, columns sized to their content, drawn with picocli's text table. Numbers are
 * right-aligned by the caller passing them already formatted.
 */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    public TextTable(String... header) {
        this.header = header;
    }

    public TextTable row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.length);
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    public void print(PrintStream out) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
            widths[i] += 2;
        }
        Help.TextTable table = Help.TextTable.forColumnWidths(Help.defaultColorScheme(Help.Ansi.OFF), widths);
        table.setAdjustLineBreaksForWideCJKCharacters(false);
        table.addRowValues(header);
        String[] rule = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            rule[i] = "-".repeat(widths[i] - 2);
        }
        table.addRowValues(rule);
        rows.forEach(table::addRowValues);
        out.print("  " + table.toString().replace("\n", "\n  ").stripTrailing() + "\n");
    }
}
