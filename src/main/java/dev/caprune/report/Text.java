package dev.caprune.report;

/**
 * Text helpers for terminal output: names are data, never terminal commands. Everything that came
 * from the service or a file goes through {@link #safe} before it reaches a terminal (tables,
 * warnings, error lines, log lines); JSON, ndjson and CSV carry it exactly instead.
 */
public final class Text {
  private Text() {}

  /**
   * Escapes what could move the cursor, rewrite the screen or reorder what is shown: C0 and C1
   * controls (ESC, CR, BEL, NUL...), DEL, line and paragraph separators, and the invisible format
   * characters, among them the bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069, U+200E,
   * U+200F, U+061C) and zero-width characters. Each becomes visible text: {@code \n}, {@code \t},
   * {@code \r}, else {@code \}{@code u202e}.
   */
  public static String safe(String s) {
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

  /**
   * Why a file could not be read, in words: "no such file", "permission denied", "is a directory",
   * else the exception's own message.
   */
  public static String ioProblem(java.io.IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("is a directory")) {
      return "is a directory";
    }
    return m == null ? e.getClass().getSimpleName() : safe(m);
  }

  /** Whether {@link #safe} escapes code point {@code c}. */
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

  /** {@link #safe}, and cut to {@code max} characters with "..." when longer. */
  public static String safe(String s, int max) {
    String safe = safe(s);
    return safe.length() <= max ? safe : safe.substring(0, Math.max(0, max - 3)) + "...";
  }

  static String plural(long n, String one, String many) {
    return String.format("%,d %s", n, n == 1 ? one : many);
  }
}
