package dev.caprune.report;

import dev.caprune.logging.Escapes;

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
   * {@code \r}, else {@code \}{@code u202e}. The escaping itself is {@link Escapes#escape}, which
   * log lines take too.
   */
  public static String safe(String s) {
    return Escapes.escape(s);
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

  /** {@link #safe}, and cut to {@code max} characters with "..." when longer. */
  public static String safe(String s, int max) {
    String safe = safe(s);
    return safe.length() <= max ? safe : safe.substring(0, Math.max(0, max - 3)) + "...";
  }

  static String plural(long n, String one, String many) {
    return String.format("%,d %s", n, n == 1 ? one : many);
  }
}
