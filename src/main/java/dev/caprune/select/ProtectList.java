package dev.caprune.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A protect file: one {@code [namespace/]package@version} per line, each part a glob ({@code
 * @types/*@1.*}, {@code com.acme/core@*-RC*}); {@code #} starts a comment. Anything it matches is
 * never selected.
 */
public final class ProtectList {
  /** One rule and the line it came from, for "protected: protect-file line 3". */
  public record Rule(int line, PackagePattern pkg, Matcher version) {}

  private final String name;
  private final List<Rule> rules;

  private ProtectList(String name, List<Rule> rules) {
    this.name = name;
    this.rules = List.copyOf(rules);
  }

  public static ProtectList empty() {
    return new ProtectList("", List.of());
  }

  /**
   * @param name the file name, for messages
   * @param lines the file's lines
   * @throws IllegalArgumentException naming the file and line of the first bad rule
   */
  public static ProtectList parse(String name, List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      int hash = text.indexOf('#');
      String rule = (hash >= 0 ? text.substring(0, hash) : text).strip();
      if (rule.isEmpty()) {
        continue;
      }
      int at = rule.lastIndexOf('@');
      if (at <= 0 || at == rule.length() - 1 || rule.substring(0, at).endsWith("/")) {
        throw new IllegalArgumentException(
            name
                + " line "
                + (i + 1)
                + ": '"
                + rule
                + "' is not [namespace/]package@version (e.g. @types/*@1.* or com.acme/core@*-RC*)");
      }
      try {
        rules.add(
            new Rule(
                i + 1,
                PackagePattern.parse(rule.substring(0, at)),
                Matcher.glob(rule.substring(at + 1))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new ProtectList(name, rules);
  }

  /** The first rule that protects this version, if any. */
  public Optional<Rule> protecting(PackageId pkg, String version) {
    return rules.stream()
        .filter(r -> r.pkg().matches(pkg) && r.version().matches(version))
        .findFirst();
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  public String name() {
    return name;
  }
}
