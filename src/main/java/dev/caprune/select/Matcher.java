package dev.caprune.select;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole-string, case-sensitive text matcher: a glob or a regex. Both match in time linear in the
 * text (times the pattern's size): a hostile pattern or version cannot make a run hang.
 */
public sealed interface Matcher permits Matcher.Glob, Matcher.Regex {

  boolean matches(String text);

  /** The text every match starts with; empty when none is known. Used to filter server-side. */
  String literalPrefix();

  /** How the user wrote it, for reasons and messages. */
  String source();

  /**
   * A glob: {@code *} any run (including none), {@code ?} exactly one character (code point),
   * {@code \} escapes the next character. Everything else is literal.
   */
  static Matcher glob(String glob) {
    if (glob == null || glob.isEmpty()) {
      throw new IllegalArgumentException("empty pattern");
    }
    // The pattern as segments between stars; in a segment, ANY stands for '?'.
    List<int[]> segments = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    StringBuilder prefix = new StringBuilder();
    boolean literalSoFar = true;
    int stars = 0;
    for (int i = 0; i < glob.length(); ) {
      int c = glob.codePointAt(i);
      i += Character.charCount(c);
      if (c == '*') {
        segments.add(toArray(current));
        current.clear();
        stars++;
        literalSoFar = false;
      } else if (c == '?') {
        current.add(Glob.ANY);
        literalSoFar = false;
      } else {
        if (c == '\\') {
          if (i == glob.length()) {
            throw new IllegalArgumentException(
                "pattern "
                    + Names.quote(glob)
                    + " ends with a lone backslash (write \\\\ for a backslash)");
          }
          c = glob.codePointAt(i);
          i += Character.charCount(c);
        }
        current.add(c);
        if (literalSoFar) {
          prefix.appendCodePoint(c);
        }
      }
    }
    segments.add(toArray(current));
    return new Glob(glob, segments.toArray(int[][]::new), stars > 0, prefix.toString());
  }

  private static int[] toArray(List<Integer> codePoints) {
    return codePoints.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * A regex in RE2 syntax (Java's, less backreferences, lookaround and possessive quantifiers),
   * matched against the whole string in linear time by RE2/J.
   */
  static Matcher regex(String regex) {
    RegexLimits.check(regex);
    try {
      return new Regex(regex, Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(regexError(regex, e));
    } catch (StackOverflowError e) {
      // Last resort: RegexLimits bounds nesting, so this should not happen.
      throw new IllegalArgumentException("regex " + Names.quote(regex) + " is too complex");
    }
  }

  /** RE2/J names the offending fragment, not its index: find it, for "at position N". */
  private static String regexError(String regex, PatternSyntaxException e) {
    String description = e.getDescription();
    String fragment = e.getPattern();
    int position;
    if (description.startsWith("missing closing") || fragment == null || fragment.isEmpty()) {
      position = regex.length();
    } else {
      position = regex.indexOf(fragment);
    }
    String hint =
        switch (description) {
          case "invalid or unsupported Perl syntax", "invalid named capture" ->
              fragment == null
                  ? ""
                  : fragment.startsWith("(?>")
                      ? " (atomic groups are not supported)"
                      : fragment.matches("\\(\\?<?[=!].*")
                          ? " (lookahead and lookbehind are not supported)"
                          : "";
          case "invalid escape sequence" ->
              fragment != null && fragment.matches("\\\\[0-9]")
                  ? " (backreferences are not supported)"
                  : "";
          case "invalid nested repetition operator" ->
              " (possessive quantifiers such as *+ are not supported)";
          default -> "";
        };
    return "invalid regex "
        + Names.quote(regex)
        + ": "
        + description
        + (fragment != null && !fragment.equals(regex) ? " " + Names.quote(fragment) : "")
        + (position >= 0 ? " at position " + position : "")
        + hint
        + "; caprune uses RE2 syntax";
  }

  /**
   * A glob, compiled to the literal segments between its stars. Matching places the first segment
   * at the start, the last at the end and each one between at its leftmost fit: no backtracking, so
   * at most text length × pattern length steps.
   *
   * @param segments the code points between stars ({@link #ANY} for {@code ?}); one more than the
   *     number of stars
   * @param starred whether the glob has a star (else it matches exactly one segment's length)
   * @param literalPrefix the literal code points before the first wildcard
   */
  @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: matched against, hot
  record Glob(String source, int[][] segments, boolean starred, String literalPrefix)
      implements Matcher {
    static final int ANY = -1;

    /** True when it has no wildcard and so matches exactly {@code literalPrefix}. */
    public boolean literal() {
      return !starred && literalPrefix.codePointCount(0, literalPrefix.length()) == lengthOf(0);
    }

    private int lengthOf(int segment) {
      return segments[segment].length;
    }

    @Override
    public boolean matches(String text) {
      if (text == null) {
        return false;
      }
      int[] t = text.codePoints().toArray();
      int[] first = segments[0];
      if (!starred) {
        return t.length == first.length && fits(first, t, 0);
      }
      int[] last = segments[segments.length - 1];
      if (first.length + last.length > t.length
          || !fits(first, t, 0)
          || !fits(last, t, t.length - last.length)) {
        return false;
      }
      int from = first.length;
      int end = t.length - last.length;
      for (int s = 1; s < segments.length - 1; s++) {
        int[] seg = segments[s];
        int at = find(seg, t, from, end);
        if (at < 0) {
          return false;
        }
        from = at + seg.length;
      }
      return true;
    }

    /** The leftmost place in {@code t[from, end)} where the segment fits, or -1. */
    private static int find(int[] seg, int[] t, int from, int end) {
      for (int at = from; at + seg.length <= end; at++) {
        if (fits(seg, t, at)) {
          return at;
        }
      }
      return -1;
    }

    private static boolean fits(int[] seg, int[] t, int at) {
      for (int i = 0; i < seg.length; i++) {
        if (seg[i] != ANY && seg[i] != t[at + i]) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Glob g && g.source.equals(source);
    }

    @Override
    public int hashCode() {
      return source.hashCode();
    }

    @Override
    public String toString() {
      return "Glob[" + source + "]";
    }
  }

  /** A regex, compiled by RE2/J. */
  record Regex(String source, Pattern pattern) implements Matcher {
    @Override
    public boolean matches(String text) {
      return text != null && pattern.matches(text);
    }

    @Override
    public String literalPrefix() {
      return "";
    }
  }
}
