package dev.caprune.depend;

import dev.caprune.select.order.GemVersion;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RubyGems' {@code Gem::Requirement}: comma-separated {@code op version} pairs that must all pass;
 * a bare version means {@code =}; {@code ~> 2.2} is {@code >= 2.2, < 3}. A pre-release (a version
 * with a letter) takes part only when the requirement names one ({@code
 * Gem::Requirement#prerelease?}).
 */
final class GemRequirement {

  private GemRequirement() {}

  /** {@code Gem::Requirement::PATTERN}, with {@code Gem::Version::VERSION_PATTERN}. */
  private static final Pattern CLAUSE =
      Pattern.compile(
          "(=|!=|>=|<=|>|<|~>)?\\s*([0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)");

  private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

  /** What a RubyGems requirement picks; {@code requirement} is stripped, never null. */
  static Resolution resolve(String requirement, List<String> available) {
    List<Predicate<GemVersion>> clauses = new ArrayList<>();
    boolean prerelease = false;
    if (!requirement.isEmpty()) {
      for (String text : requirement.split(",", -1)) {
        Matcher m = CLAUSE.matcher(text.strip());
        GemVersion r = m.matches() ? GemVersion.parse(m.group(2)) : null;
        if (r == null) {
          return new Resolution.Unreadable("not a RubyGems requirement");
        }
        prerelease |= r.prerelease();
        String op = m.group(1) == null ? "=" : m.group(1);
        clauses.add(clause(op, r, m.group(2)));
      }
    }
    boolean allowPre = prerelease;
    return new Resolution.Picks(
        Pick.highest(
            Pick.parse(available, GemVersion::parse),
            v -> (allowPre || !v.prerelease()) && clauses.stream().allMatch(c -> c.test(v))));
  }

  private static Predicate<GemVersion> clause(String op, GemVersion r, String text) {
    return switch (op) {
      case "=" -> v -> v.compareTo(r) == 0;
      case "!=" -> v -> v.compareTo(r) != 0;
      case ">" -> v -> v.compareTo(r) > 0;
      case "<" -> v -> v.compareTo(r) < 0;
      case ">=" -> v -> v.compareTo(r) >= 0;
      case "<=" -> v -> v.compareTo(r) <= 0;
      default -> {
        GemVersion bump = bump(text);
        yield v -> v.compareTo(r) >= 0 && release(v).compareTo(bump) < 0;
      }
    };
  }

  /**
   * {@code Gem::Version#bump}: drop the letters and what follows the first, drop the last segment
   * (unless it is the only one), add one to the new last: {@code 2.2.0} → {@code 2.3}, {@code 2.2}
   * → {@code 3}, {@code 2} → {@code 3}.
   */
  static GemVersion bump(String text) {
    List<String> segments = new ArrayList<>();
    Matcher m = SEGMENT.matcher(text.replace("-", ".pre."));
    while (m.find()) {
      segments.add(m.group());
    }
    while (segments.stream().anyMatch(s -> !Character.isDigit(s.charAt(0)))) {
      segments.remove(segments.size() - 1);
    }
    if (segments.size() > 1) {
      segments.remove(segments.size() - 1);
    }
    int last = segments.size() - 1;
    segments.set(last, new BigInteger(segments.get(last)).add(BigInteger.ONE).toString());
    return GemVersion.parse(String.join(".", segments));
  }

  /** {@code Gem::Version#release}: the version without its pre-release part. */
  private static GemVersion release(GemVersion v) {
    List<String> numbers = new ArrayList<>();
    for (String s : v.segments()) {
      if (!Character.isDigit(s.charAt(0))) {
        break;
      }
      numbers.add(s);
    }
    return GemVersion.parse(numbers.isEmpty() ? "0" : String.join(".", numbers));
  }
}
