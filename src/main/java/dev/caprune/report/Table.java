package dev.caprune.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: left-aligned columns, two spaces apart, optional colour per cell. */
final class Table {
  /** A cell's text and an optional ANSI colour code applied when colour is on. */
  record Cell(String text, String ansi) {
    static Cell plain(String text) {
      return new Cell(Text.safe(text), null);
    }

    static Cell colored(String text, String ansi) {
      return new Cell(Text.safe(text), ansi);
    }
  }

  static final String GREEN = "32";
  static final String RED = "31";
  static final String YELLOW = "33";
  static final String DIM = "2";

  private final List<String> headers;
  private final List<List<Cell>> rows = new ArrayList<>();

  Table(List<String> headers) {
    this.headers = headers;
  }

  void add(List<Cell> row) {
    rows.add(row);
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintWriter out, boolean color) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
    }
    for (List<Cell> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).text().length());
      }
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      pad(line, headers.get(i), widths[i], i == widths.length - 1);
    }
    out.println(
        color
            ? "\u001b[1m" + line.toString().stripTrailing() + "\u001b[0m"
            : line.toString().stripTrailing());
    for (List<Cell> row : rows) {
      line.setLength(0);
      for (int i = 0; i < widths.length; i++) {
        Cell c = row.get(i);
        boolean last = i == widths.length - 1;
        if (color && c.ansi() != null) {
          line.append("\u001b[").append(c.ansi()).append('m').append(c.text()).append("\u001b[0m");
          if (!last) {
            line.append(" ".repeat(widths[i] - c.text().length() + 2));
          }
        } else {
          pad(line, c.text(), widths[i], last);
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static void pad(StringBuilder line, String text, int width, boolean last) {
    line.append(text);
    if (!last) {
      line.append(" ".repeat(width - text.length() + 2));
    }
  }
}
