package dev.caprune.logging;

/**
 * Text that came from the service or a file made safe for a terminal: names are data, never
 * terminal commands. The one escaping of caprune, for log lines ({@link Redaction#clean}) and for
 * everything else shown on a terminal ({@code report.Text.safe}: tables, warnings, error lines). No
 * static state: using it loads nothing else.
 */
public final class Escapes {
  private Escapes() {}

  /**
   * Escapes what could move the cursor, rewrite the screen or reorder what is shown: C0 and C1
   * controls (ESC, CR, BEL, NUL...), DEL, line and paragraph separators, and the invisible format
   * characters, among them the bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069, U+200E,
   * U+200F, U+061C) and zero-width characters. Each becomes visible text: {@code \n}, {@code \t},
   * {@code \r}, else {@code \}{@code u202e}. Null is the empty text.
   */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      int n = Character.charCount(c);
      boolean escape = escaped(c);
      if (escape && b == null) {
        b = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (b != null) {
        if (!escape) {
          b.appendCodePoint(c);
        } else if (c == '\n') {
          b.append("\\n");
        } else if (c == '\t') {
          b.append("\\t");
        } else if (c == '\r') {
          b.append("\\r");
        } else if (c > 0xFFFF) {
          b.append(String.format("\\U%08x", c));
        } else {
          b.append(String.format("\\u%04x", c));
        }
      }
      i += n;
    }
    return b == null ? s : b.toString();
  }

  /** Whether {@link #escape} escapes code point {@code c}. */
  static boolean escaped(int c) {
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return true; // C0, DEL, C1
    }
    if (c < 0xa0) {
      return false; // printable ASCII: the common case
    }
    int type = Character.getType(c);
    return type == Character.FORMAT // bidi controls, zero-width characters, U+FEFF...
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE; // a lone half: not text
  }
}
