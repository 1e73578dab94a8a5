package dev.caprune.select;

import java.util.List;
import java.util.Locale;

/**
 * CodeArtifact's rules for names and versions, applied to what users write (before any call), and
 * the quoting of user text in messages: cut when long, with every invisible or control character
 * spelled out, so a message stays one readable line.
 */
public final class Names {
  /** PackageName, PackageNamespace and PackageVersion: 1 to 255 characters of {@code [^#/\s]}. */
  public static final int MAX_PACKAGE_PART = 255;

  /** What a message shows of a long value before "…". */
  static final int SHOWN = 60;

  private Names() {}

  /**
   * Checks a glob for a package name, namespace or version: the service allows any character but
   * {@code #}, {@code /} and white space, at most 255; caprune also refuses control and invisible
   * (format) characters, which no real name holds and which would make a filter silently match
   * nothing.
   *
   * @param what "package name", "namespace" or "version", for the message
   * @throws IllegalArgumentException naming the first bad character, or the length
   */
  public static void checkGlob(String what, String glob) {
    int minimum = 0;
    for (int i = 0; i < glob.length(); ) {
      int c = glob.codePointAt(i);
      String bad = badCharacter(c);
      if (bad != null) {
        throw new IllegalArgumentException(
            quote(glob)
                + " is not a valid "
                + what
                + ": it has "
                + bad
                + " at position "
                + (i + 1)
                + " ("
                + what
                + "s have no '#', '/', spaces, control or invisible characters)");
      }
      i += Character.charCount(c);
      if (c == '\\' && i < glob.length()) {
        i += Character.charCount(glob.codePointAt(i));
      }
      if (c != '*') {
        minimum++;
      }
    }
    if (minimum > MAX_PACKAGE_PART || glob.length() > 4 * MAX_PACKAGE_PART) {
      throw new IllegalArgumentException(
          quote(glob)
              + String.format(" (%,d characters)", glob.length())
              + " is longer than the "
              + MAX_PACKAGE_PART
              + " characters a "
              + what
              + " can have");
    }
  }

  /** Why a character can be in no name, or null when it can. */
  static String badCharacter(int c) {
    if (c == '#' || c == '/') {
      return "'" + (char) c + "'";
    }
    if (invisible(c)) {
      return describe(c);
    }
    return null;
  }

  /**
   * Spaces, controls and invisible characters: white space of any kind (U+0020, tabs, U+00A0
   * NO-BREAK SPACE, U+2007...), C0/C1 controls, and format characters (zero-width U+200B-U+200D,
   * U+FEFF, bidi controls such as U+202E, U+2066-U+2069, soft hyphen U+00AD).
   */
  public static boolean invisible(int c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || Character.isISOControl(c)
        || Character.getType(c) == Character.FORMAT
        || c == 0x180E;
  }

  /** {@code U+00A0 NO-BREAK SPACE}. */
  public static String describe(int c) {
    String name = Character.getName(c);
    return String.format("U+%04X", c) + (name == null ? "" : " " + name.toUpperCase(Locale.ROOT));
  }

  /**
   * The value in single quotes for a message: invisible and control characters escaped ({@code \n},
   * {@code \t}, {@code \u00a0}...), and cut after 60 characters with "…".
   */
  public static String quote(String s) {
    if (s == null) {
      return "''";
    }
    StringBuilder b = new StringBuilder("'");
    int shown = 0;
    for (int i = 0; i < s.length(); ) {
      if (shown == SHOWN) {
        b.append("…");
        break;
      }
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      shown++;
      if (c == ' ' || (!invisible(c) && (c < 0xD800 || c > 0xDFFF))) {
        b.appendCodePoint(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (Character.isBmpCodePoint(c)) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.append(String.format("\\U%08x", c));
      }
    }
    return b.append("'").toString();
  }

  /**
   * The candidates a typo or two away from {@code typed} (case aside), nearest first, at most
   * {@code limit}: for "did you mean". {@code delet} is near {@code delete}, not {@code
   * completion}; the allowance grows with the length, a third of it.
   */
  public static List<String> near(
      String typed, java.util.Collection<String> candidates, int limit) {
    String t = typed.toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, t.length() / 3);
    record Scored(String name, int distance) {}
    return candidates.stream()
        .distinct()
        .filter(c -> !c.equals(typed))
        .map(c -> new Scored(c, distance(t, c.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance() <= allowed)
        .sorted(java.util.Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .limit(limit)
        .map(Scored::name)
        .toList();
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }
}
