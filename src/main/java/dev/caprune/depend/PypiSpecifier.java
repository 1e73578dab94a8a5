package dev.caprune.depend;

import dev.caprune.select.order.Pep440;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 version specifiers as pip reads them (through the {@code packaging} library): clauses
 * separated by commas, all of which must pass. Pre-releases (a, b, rc and dev releases) are left
 * out unless a clause names one; when no final release passes and a pre-release does, pip takes the
 * pre-releases (its {@code SpecifierSet.filter} with {@code prereleases=None}).
 */
final class PypiSpecifier {

  private PypiSpecifier() {}

  private static final Pattern CLAUSE = Pattern.compile("(~=|===|==|!=|<=|>=|<|>)\\s*(\\S+)");

  /** A release prefix as {@code ==1.2.*} writes it. */
  private static final Pattern PREFIX = Pattern.compile("v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)\\.\\*");

  /** The epoch and release of a version as written (before trailing zeros are dropped). */
  private static final Pattern RELEASE = Pattern.compile("v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*).*");

  /** One clause, as a test on a parsed candidate (and its text, for {@code ===}). */
  private record Clause(Predicate<Pick.Candidate<Pep440>> test, boolean namesPrerelease) {}

  /** What a PyPI requirement picks; {@code requirement} is stripped, never null. */
  static Resolution resolve(String requirement, List<String> available) {
    String spec = requirement;
    int marker = spec.indexOf(';');
    if (marker >= 0) {
      spec = spec.substring(0, marker).strip(); // the marker's condition is ignored: fail closed
    }
    if (spec.startsWith("(") && spec.endsWith(")")) {
      spec = spec.substring(1, spec.length() - 1).strip(); // old metadata: "name (>=1.0)"
    }
    List<Clause> clauses = new ArrayList<>();
    if (!spec.isEmpty()) {
      for (String text : spec.split(",", -1)) {
        Clause clause = clause(text.strip());
        if (clause == null) {
          return new Resolution.Unreadable("not a PEP 440 version specifier");
        }
        clauses.add(clause);
      }
    }
    // Invalid versions are skipped: pip cannot install them.
    List<Pick.Candidate<Pep440>> candidates = Pick.parse(available, Pep440::parse);
    Predicate<Pick.Candidate<Pep440>> all = c -> clauses.stream().allMatch(k -> k.test().test(c));
    boolean prereleases = clauses.stream().anyMatch(Clause::namesPrerelease);
    Set<String> picks =
        highest(candidates, c -> all.test(c) && (prereleases || !c.version().isPrerelease()));
    if (picks.isEmpty() && !prereleases) {
      picks = highest(candidates, all); // only pre-releases pass: pip takes them
    }
    return new Resolution.Picks(picks);
  }

  private static Set<String> highest(
      List<Pick.Candidate<Pep440>> candidates, Predicate<Pick.Candidate<Pep440>> accept) {
    List<Pick.Candidate<Pep440>> passing = candidates.stream().filter(accept).toList();
    return Pick.highest(passing, v -> true);
  }

  private static Clause clause(String text) {
    Matcher m = CLAUSE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String op = m.group(1);
    String version = m.group(2);
    if (op.equals("===")) {
      Pep440 parsed = Pep440.parse(version);
      return new Clause(
          c -> c.text().strip().equalsIgnoreCase(version), parsed != null && parsed.isPrerelease());
    }
    if (op.equals("==") || op.equals("!=")) {
      Matcher prefix = PREFIX.matcher(version);
      if (prefix.matches()) {
        String epoch = prefix.group(1) == null ? "0" : prefix.group(1);
        List<String> release = List.of(prefix.group(2).split("\\."));
        Predicate<Pick.Candidate<Pep440>> match = c -> prefixMatches(c.version(), epoch, release);
        return new Clause(op.equals("==") ? match : match.negate(), false);
      }
    }
    Pep440 v = Pep440.parse(version);
    if (v == null) {
      return null;
    }
    boolean local = v.local() != null;
    if (local && !(op.equals("==") || op.equals("!="))) {
      return null; // PEP 440: a local label only with == and !=
    }
    boolean pre = v.isPrerelease() && !op.equals("!=");
    Predicate<Pick.Candidate<Pep440>> test =
        switch (op) {
          case "==" -> c -> equal(c.version(), v, local);
          case "!=" -> c -> !equal(c.version(), v, local);
          case "<=" -> c -> publicOf(c.version()).compareTo(v) <= 0;
          case ">=" -> c -> publicOf(c.version()).compareTo(v) >= 0;
          case "<" -> c -> less(c.version(), v);
          case ">" -> c -> greater(c.version(), v);
          default -> compatible(version, v);
        };
    return test == null ? null : new Clause(test, pre);
  }

  /** {@code ~=V.N}: {@code >=V.N} and {@code ==V.*}; at least two release segments. */
  private static Predicate<Pick.Candidate<Pep440>> compatible(String text, Pep440 v) {
    Matcher m = RELEASE.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    List<String> release = List.of(m.group(2).split("\\."));
    if (release.size() < 2) {
      return null;
    }
    String epoch = m.group(1) == null ? "0" : m.group(1);
    List<String> prefix = release.subList(0, release.size() - 1);
    return c ->
        publicOf(c.version()).compareTo(v) >= 0 && prefixMatches(c.version(), epoch, prefix);
  }

  /** Prefix matching: the candidate's release, padded with zeros, starts with the prefix. */
  private static boolean prefixMatches(Pep440 c, String epoch, List<String> prefix) {
    if (!number(c.epoch()).equals(number(epoch))) {
      return false;
    }
    for (int i = 0; i < prefix.size(); i++) {
      String segment = i < c.release().size() ? c.release().get(i) : "0";
      if (!number(segment).equals(number(prefix.get(i)))) {
        return false;
      }
    }
    return true;
  }

  /** {@code ==V}: zero padding, and the candidate's local label ignored unless V has one. */
  private static boolean equal(Pep440 c, Pep440 v, boolean local) {
    return (local ? c : publicOf(c)).compareTo(v) == 0;
  }

  /** {@code <V}: and never a pre-release of V itself unless V is one. */
  private static boolean less(Pep440 c, Pep440 v) {
    if (publicOf(c).compareTo(v) >= 0) {
      return false;
    }
    return v.isPrerelease() || !c.isPrerelease() || !sameBase(c, v);
  }

  /** {@code >V}: and never a post-release (unless V is one) or a local version of V itself. */
  private static boolean greater(Pep440 c, Pep440 v) {
    if (c.compareTo(v) <= 0) {
      return false;
    }
    if (v.post() == null && c.post() != null && sameBase(c, v)) {
      return false;
    }
    return c.local() == null || !sameBase(c, v);
  }

  private static boolean sameBase(Pep440 a, Pep440 b) {
    if (!number(a.epoch()).equals(number(b.epoch()))) {
      return false;
    }
    int n = Math.max(a.release().size(), b.release().size());
    for (int i = 0; i < n; i++) {
      String x = i < a.release().size() ? a.release().get(i) : "0";
      String y = i < b.release().size() ? b.release().get(i) : "0";
      if (!number(x).equals(number(y))) {
        return false;
      }
    }
    return true;
  }

  private static Pep440 publicOf(Pep440 v) {
    return v.local() == null
        ? v
        : new Pep440(v.epoch(), v.release(), v.preRank(), v.preNumber(), v.post(), v.dev(), null);
  }

  private static BigInteger number(String digits) {
    return new BigInteger(digits);
  }
}
