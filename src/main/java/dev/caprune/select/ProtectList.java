package dev.caprune.select;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A protect file: one {@code [namespace/]package@version} per line, each part a glob ({@code
 * @types/*@1.*}, {@code com.acme/core@*-RC*}); {@code #} starts a comment. Anything it matches is
 * never selected.
 *
 * <p>A protection must not vanish without a word: a UTF-8 byte order mark and CRLF line ends are
 * read as a Windows editor meant them; spaces or invisible characters in a rule (no name holds
 * them) are dropped with a warning naming the file, line and character; and each rule remembers
 * whether it matched any version, so that a rule that matched nothing in a run can be reported.
 */
public final class ProtectList {
  /** A line longer than this is no rule: the file is refused. */
  public static final int MAX_LINE = 64 * 1024;

  /**
   * One rule and the line it came from, for "protected: protect-file line 3".
   *
   * @param text the rule as read (comment and invisible characters removed)
   */
  public record Rule(int line, String text, PackagePattern pkg, Matcher version) {
    /** Whether the rule matches this version of this package. */
    public boolean matches(PackageId id, String v) {
      return pkg.matches(id) && version.matches(v);
    }
  }

  private final String name;
  private final List<Rule> rules;
  private final List<String> warnings;
  private final AtomicBoolean[] matched;

  private ProtectList(String name, List<Rule> rules, List<String> warnings) {
    this.name = name;
    this.rules = List.copyOf(rules);
    this.warnings = List.copyOf(warnings);
    this.matched = new AtomicBoolean[rules.size()];
    for (int i = 0; i < matched.length; i++) {
      matched[i] = new AtomicBoolean();
    }
  }

  public static ProtectList empty() {
    return new ProtectList("", List.of(), List.of());
  }

  /**
   * The file's text: a leading byte order mark is dropped, and lines end at CRLF, LF or CR.
   *
   * @throws IllegalArgumentException naming the file and line of the first bad rule, or of a line
   *     longer than {@link #MAX_LINE}
   */
  public static ProtectList parse(String name, String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= t.length(); i++) {
      boolean end = i == t.length();
      char c = end ? '\n' : t.charAt(i);
      if (c == '\n' || c == '\r') {
        if (i - start > MAX_LINE) {
          throw new IllegalArgumentException(
              name
                  + " line "
                  + (lines.size() + 1)
                  + String.format(
                      ": longer than %,d characters; a rule is [namespace/]package@version",
                      MAX_LINE));
        }
        if (!end || i > start) {
          lines.add(t.substring(start, i));
        }
        if (c == '\r' && i + 1 < t.length() && t.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    return parse(name, lines);
  }

  /**
   * @param name the file name, for messages
   * @param lines the file's lines
   * @throws IllegalArgumentException naming the file and line of the first bad rule
   */
  public static ProtectList parse(String name, List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      if (i == 0 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      int hash = text.indexOf('#');
      String written = (hash >= 0 ? text.substring(0, hash) : text).strip();
      String rule = visible(written);
      if (!rule.equals(written)) {
        warnings.add(invisibleWarning(name, i + 1, written, rule));
      }
      if (rule.isEmpty()) {
        continue;
      }
      try {
        rules.add(rule(i + 1, rule));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new ProtectList(name, rules, warnings);
  }

  /**
   * One rule, {@code [namespace/]package@version} with globs, as a line of a protect file holds it
   * (also {@code apply --exclude}'s patterns).
   *
   * @throws IllegalArgumentException when it is no such rule, or a name in it is not valid
   */
  public static Rule rule(int line, String rule) {
    int at = rule.lastIndexOf('@');
    if (at <= 0 || at == rule.length() - 1 || rule.substring(0, at).endsWith("/")) {
      throw new IllegalArgumentException(
          Names.quote(rule)
              + " is not [namespace/]package@version (e.g. @types/*@1.* or com.acme/core@*-RC*)");
    }
    String version = rule.substring(at + 1);
    Names.checkGlob("version", version);
    return new Rule(line, rule, PackagePattern.parse(rule.substring(0, at)), Matcher.glob(version));
  }

  /** The rule without the characters no name can hold (spaces, controls, invisible ones). */
  private static String visible(String rule) {
    StringBuilder b = new StringBuilder(rule.length());
    rule.codePoints().filter(c -> !Names.invisible(c)).forEach(b::appendCodePoint);
    return b.toString();
  }

  /**
   * "p.txt line 3: U+00A0 NO-BREAK SPACE after '@' in 'acme@\u00a01.0'; the rule is read as
   * 'acme@1.0'".
   */
  private static String invisibleWarning(String name, int line, String written, String rule) {
    Set<String> chars = new LinkedHashSet<>();
    int first = -1;
    for (int i = 0; i < written.length(); ) {
      int c = written.codePointAt(i);
      if (Names.invisible(c)) {
        chars.add(Names.describe(c));
        if (first < 0) {
          first = i;
        }
      }
      i += Character.charCount(c);
    }
    return name
        + " line "
        + line
        + ": "
        + String.join(" and ", chars)
        + " "
        + where(written, first)
        + " in "
        + Names.quote(written)
        + (rule.isEmpty()
            ? "; the line is read as empty"
            : "; the rule is read as " + Names.quote(rule));
  }

  /** Where the invisible character at {@code i} sits: at the start or end, around '@', inside. */
  private static String where(String s, int i) {
    int before = i - 1;
    while (before >= 0 && Names.invisible(s.charAt(before))) {
      before--;
    }
    int after = i;
    while (after < s.length() && Names.invisible(s.codePointAt(after))) {
      after += Character.charCount(s.codePointAt(after));
    }
    if (before < 0) {
      return "at the start";
    }
    if (after >= s.length()) {
      return "at the end";
    }
    if (s.charAt(after) == '@' && s.indexOf('@', after + 1) < 0) {
      return "before '@'";
    }
    if (s.charAt(before) == '@' && s.indexOf('@', before + 1) < 0) {
      return "after '@'";
    }
    return "inside the rule";
  }

  /** The first rule that protects this version, if any. */
  public Optional<Rule> protecting(PackageId pkg, String version) {
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      if (r.pkg().matches(pkg) && r.version().matches(version)) {
        matched[i].set(true);
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Records which rules match this listed version, whether or not it was a candidate: a rule counts
   * as working when it matches anything the run listed. Rules already seen to match are not tried
   * again.
   */
  public void observe(PackageId pkg, String version) {
    for (int i = 0; i < rules.size(); i++) {
      if (!matched[i].get()) {
        Rule r = rules.get(i);
        if (r.pkg().matches(pkg) && r.version().matches(version)) {
          matched[i].set(true);
        }
      }
    }
  }

  /** Warnings found reading the file (invisible characters), one per line concerned. */
  public List<String> warnings() {
    return warnings;
  }

  /** "p.txt line 5: 'left-pad@1.3.9' matched no version in this run", for each such rule. */
  public List<String> unmatched() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      if (!matched[i].get()) {
        Rule r = rules.get(i);
        out.add(
            name
                + " line "
                + r.line()
                + ": "
                + Names.quote(r.text())
                + " matched no version in this run");
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  public String name() {
    return name;
  }
}
