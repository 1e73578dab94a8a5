package dev.caprune.select;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A whole-string, case-sensitive text matcher: a glob or a Java regex. */
public sealed interface Matcher permits Matcher.Glob, Matcher.Regex {

  boolean matches(String text);

  /** The text every match starts with; empty when none is known. Used to filter server-side. */
  String literalPrefix();

  /** How the user wrote it, for reasons and messages. */
  String source();

  /**
   * A glob: {@code *} any run (including none), {@code ?} exactly one character, {@code \} escapes
   * the next character. Everything else is literal.
   */
  static Matcher glob(String glob) {
    if (glob == null || glob.isEmpty()) {
      throw new IllegalArgumentException("empty pattern");
    }
    StringBuilder regex = new StringBuilder();
    StringBuilder prefix = new StringBuilder();
    boolean literalSoFar = true;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        regex.append(c == '*' ? ".*" : ".");
        literalSoFar = false;
      } else {
        if (c == '\\') {
          if (i + 1 == glob.length()) {
            throw new IllegalArgumentException(
                "pattern '" + glob + "' ends with a lone backslash (write \\\\ for a backslash)");
          }
          c = glob.charAt(++i);
        }
        regex.append(Pattern.quote(String.valueOf(c)));
        if (literalSoFar) {
          prefix.append(c);
        }
      }
    }
    return new Glob(
        glob, Pattern.compile(regex.toString(), Pattern.DOTALL), prefix.toString(), literalSoFar);
  }

  /** A Java regex matched against the whole string. */
  static Matcher regex(String regex) {
    try {
      return new Regex(regex, Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid regex '" + regex + "': " + e.getDescription() + " at position " + e.getIndex());
    }
  }

  /**
   * A glob, compiled.
   *
   * @param literal true when it has no wildcard and so matches exactly {@code literalPrefix}
   */
  record Glob(String source, Pattern pattern, String literalPrefix, boolean literal)
      implements Matcher {
    @Override
    public boolean matches(String text) {
      return text != null && pattern.matcher(text).matches();
    }
  }

  /** A Java regex, compiled. */
  record Regex(String source, Pattern pattern) implements Matcher {
    @Override
    public boolean matches(String text) {
      return text != null && pattern.matcher(text).matches();
    }

    @Override
    public String literalPrefix() {
      return "";
    }
  }
}
