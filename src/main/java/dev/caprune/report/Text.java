package dev.caprune.report;

/** Text helpers for terminal output: names are data, never terminal commands. */
final class Text {
  private Text() {}

  /** Escapes control characters (ESC, newlines, BEL...) so a name cannot move the cursor. */
  static String safe(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && b == null) {
        b = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (b != null) {
        if (!control) {
          b.append(c);
        } else if (c == '\n') {
          b.append("\\n");
        } else if (c == '\t') {
          b.append("\\t");
        } else if (c == '\r') {
          b.append("\\r");
        } else {
          b.append(String.format("\\u%04x", (int) c));
        }
      }
    }
    return b == null ? s : b.toString();
  }

  static String plural(long n, String one, String many) {
    return String.format("%,d %s", n, n == 1 ? one : many);
  }
}
