package dev.caprune.depend;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * npm's ranges as node-semver reads them (loose numbers allowed, as npm reads package.json): sets
 * of comparators joined by {@code ||}, each desugared to {@code < <= > >= =} comparators exactly as
 * node-semver's {@code Range} does, and its pre-release rule (includePrerelease=false).
 */
final class NpmRange {

  private NpmRange() {}

  enum Op {
    LT,
    LE,
    GT,
    GE,
    EQ,
    /** Any version (node-semver's {@code >=0.0.0} from {@code *}); names no pre-release. */
    ANY,
    /** No version ({@code <0.0.0-0} from {@code <*} or {@code >*}). */
    NONE
  }

  record Comparator(Op op, Sem version) {
    boolean test(Sem v) {
      return switch (op) {
        case ANY -> true;
        case NONE -> false;
        case LT -> v.compareTo(version) < 0;
        case LE -> v.compareTo(version) <= 0;
        case GT -> v.compareTo(version) > 0;
        case GE -> v.compareTo(version) >= 0;
        case EQ -> v.compareTo(version) == 0;
      };
    }
  }

  private static final String XR = "(\\d+|[xX*])";

  /** A partial version: {@code 1}, {@code 1.2}, {@code 1.x}, {@code 1.2.3-pre+build}. */
  private static final String PARTIAL =
      "[v=\\s]*"
          + XR
          + "(?:\\."
          + XR
          + "(?:\\."
          + XR
          + "(?:-?("
          + Sem.PRE
          + "))?(?:\\+"
          + Sem.BUILD
          + ")?)?)?";

  private static final Pattern HYPHEN =
      Pattern.compile("^\\s*(" + PARTIAL + ")\\s+-\\s+(" + PARTIAL + ")\\s*$");

  private static final Pattern ONE_PARTIAL = Pattern.compile("^" + PARTIAL + "$");

  private static final Pattern COMPARATOR =
      Pattern.compile("^(~>?|\\^|<=|>=|<|>|=)?\\s*(" + PARTIAL + ")$");

  /** node-semver's comparatorTrim, tildeTrim and caretTrim: an operator joins its version. */
  private static final Pattern OPERATOR_SPACE = Pattern.compile("(<=|>=|<|>|=|~>?|\\^)\\s+");

  /** The words npm reads as "the highest release": the default dist-tag and the any-ranges. */
  static final Set<String> ANY_WORDS = Set.of("", "*", "x", "X", "latest");

  /** The comparator sets of a range, or null when node-semver would not read it. */
  static List<List<Comparator>> parse(String range) {
    List<List<Comparator>> sets = new ArrayList<>();
    for (String set : range.split("\\s*\\|\\|\\s*", -1)) {
      List<Comparator> parsed = parseSet(set.strip());
      if (parsed == null) {
        return null;
      }
      sets.add(parsed);
    }
    return sets;
  }

  private static List<Comparator> parseSet(String set) {
    List<Comparator> out = new ArrayList<>();
    if (set.isEmpty()) {
      out.add(new Comparator(Op.ANY, null));
      return out;
    }
    Matcher h = HYPHEN.matcher(set);
    if (h.matches()) {
      return hyphen(partial(h.group(1)), partial(h.group(6)));
    }
    String joined = OPERATOR_SPACE.matcher(set).replaceAll("$1");
    for (String word : joined.split("\\s+")) {
      Matcher m = COMPARATOR.matcher(word);
      if (!m.matches()) {
        return null;
      }
      Partial p = partial(m.group(2));
      if (p == null) {
        return null;
      }
      String op = m.group(1) == null ? "" : m.group(1);
      switch (op) {
        case "~", "~>" -> out.addAll(tilde(p));
        case "^" -> out.addAll(caret(p));
        default -> out.addAll(xrange(op, p));
      }
    }
    return out;
  }

  /** A partial version; a null part is a wildcard (x, X, * or missing). */
  private record Partial(BigInteger major, BigInteger minor, BigInteger patch, List<String> pre) {
    Sem sem(List<String> p) {
      return new Sem(major, orZero(minor), orZero(patch), p);
    }

    Sem sem() {
      return sem(pre);
    }
  }

  private static Partial partial(String text) {
    Matcher m = ONE_PARTIAL.matcher(text);
    if (!m.matches()) {
      return null;
    }
    BigInteger major = number(m.group(1));
    BigInteger minor = major == null ? null : number(m.group(2));
    BigInteger patch = minor == null ? null : number(m.group(3));
    List<String> pre = patch == null ? List.of() : Sem.preOf(m.group(4));
    return new Partial(major, minor, patch, pre);
  }

  private static BigInteger number(String part) {
    return part == null || !Character.isDigit(part.charAt(0)) ? null : new BigInteger(part);
  }

  private static BigInteger orZero(BigInteger n) {
    return n == null ? BigInteger.ZERO : n;
  }

  private static Sem sem(BigInteger major, BigInteger minor, BigInteger patch, List<String> pre) {
    return new Sem(major, minor, patch, pre);
  }

  private static Comparator c(Op op, Sem v) {
    return new Comparator(op, v);
  }

  private static List<Comparator> tilde(Partial p) {
    BigInteger zero = BigInteger.ZERO;
    if (p.major() == null) {
      return List.of(c(Op.ANY, null));
    }
    if (p.minor() == null) {
      return List.of(
          c(Op.GE, p.sem(List.of())),
          c(Op.LT, sem(p.major().add(BigInteger.ONE), zero, zero, Sem.LOWEST_PRE)));
    }
    Sem upper = sem(p.major(), p.minor().add(BigInteger.ONE), zero, Sem.LOWEST_PRE);
    return List.of(c(Op.GE, p.sem()), c(Op.LT, upper));
  }

  private static List<Comparator> caret(Partial p) {
    BigInteger zero = BigInteger.ZERO;
    BigInteger one = BigInteger.ONE;
    if (p.major() == null) {
      return List.of(c(Op.ANY, null));
    }
    if (p.minor() == null) {
      return List.of(
          c(Op.GE, p.sem(List.of())),
          c(Op.LT, sem(p.major().add(one), zero, zero, Sem.LOWEST_PRE)));
    }
    Sem upper;
    if (p.patch() == null) {
      upper =
          p.major().signum() == 0
              ? sem(zero, p.minor().add(one), zero, Sem.LOWEST_PRE)
              : sem(p.major().add(one), zero, zero, Sem.LOWEST_PRE);
    } else if (p.major().signum() != 0) {
      upper = sem(p.major().add(one), zero, zero, Sem.LOWEST_PRE);
    } else if (p.minor().signum() != 0) {
      upper = sem(zero, p.minor().add(one), zero, Sem.LOWEST_PRE);
    } else {
      upper = sem(zero, zero, p.patch().add(one), Sem.LOWEST_PRE);
    }
    return List.of(c(Op.GE, p.sem()), c(Op.LT, upper));
  }

  private static List<Comparator> xrange(String op, Partial p) {
    BigInteger zero = BigInteger.ZERO;
    BigInteger one = BigInteger.ONE;
    boolean anyX = p.major() == null;
    boolean xMinor = p.minor() == null;
    boolean xPatch = p.patch() == null;
    if (op.equals("=") && (anyX || xMinor || xPatch)) {
      op = "";
    }
    if (anyX) {
      return List.of(op.equals("<") || op.equals(">") ? c(Op.NONE, null) : c(Op.ANY, null));
    }
    if (!xMinor && !xPatch) {
      Sem v = p.sem();
      return List.of(
          switch (op) {
            case "<" -> c(Op.LT, v);
            case "<=" -> c(Op.LE, v);
            case ">" -> c(Op.GT, v);
            case ">=" -> c(Op.GE, v);
            default -> c(Op.EQ, v);
          });
    }
    BigInteger major = p.major();
    BigInteger minor = orZero(p.minor());
    switch (op) {
      case ">" -> {
        return List.of(
            c(
                Op.GE,
                xMinor
                    ? sem(major.add(one), zero, zero, List.of())
                    : sem(major, minor.add(one), zero, List.of())));
      }
      case "<=" -> {
        return List.of(
            c(
                Op.LT,
                xMinor
                    ? sem(major.add(one), zero, zero, Sem.LOWEST_PRE)
                    : sem(major, minor.add(one), zero, Sem.LOWEST_PRE)));
      }
      case "<" -> {
        return List.of(c(Op.LT, sem(major, minor, zero, Sem.LOWEST_PRE)));
      }
      case ">=" -> {
        return List.of(c(Op.GE, sem(major, minor, zero, List.of())));
      }
      default -> {
        Sem upper =
            xMinor
                ? sem(major.add(one), zero, zero, Sem.LOWEST_PRE)
                : sem(major, minor.add(one), zero, Sem.LOWEST_PRE);
        return List.of(c(Op.GE, sem(major, minor, zero, List.of())), c(Op.LT, upper));
      }
    }
  }

  private static List<Comparator> hyphen(Partial from, Partial to) {
    if (from == null || to == null) {
      return null;
    }
    BigInteger zero = BigInteger.ZERO;
    BigInteger one = BigInteger.ONE;
    List<Comparator> out = new ArrayList<>();
    if (from.major() != null) {
      out.add(
          c(
              Op.GE,
              from.minor() == null || from.patch() == null ? from.sem(List.of()) : from.sem()));
    }
    if (to.major() != null) {
      if (to.minor() == null) {
        out.add(c(Op.LT, sem(to.major().add(one), zero, zero, Sem.LOWEST_PRE)));
      } else if (to.patch() == null) {
        out.add(c(Op.LT, sem(to.major(), to.minor().add(one), zero, Sem.LOWEST_PRE)));
      } else {
        out.add(c(Op.LE, to.sem()));
      }
    }
    if (out.isEmpty()) {
      out.add(c(Op.ANY, null));
    }
    return out;
  }

  /** node-semver's {@code satisfies}: one set whose comparators all pass. */
  static boolean satisfies(List<List<Comparator>> sets, Sem v) {
    for (List<Comparator> set : sets) {
      if (testSet(set, v)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A pre-release passes a set only if a comparator of the set names a pre-release of the same
   * [major, minor, patch]: {@code >1.2.3-alpha.3} lets {@code 1.2.3-alpha.7} in, not {@code
   * 3.4.5-alpha.9}.
   */
  private static boolean testSet(List<Comparator> set, Sem v) {
    for (Comparator cmp : set) {
      if (!cmp.test(v)) {
        return false;
      }
    }
    if (!v.isPrerelease()) {
      return true;
    }
    for (Comparator cmp : set) {
      if (cmp.version() != null
          && cmp.op() != Op.ANY
          && cmp.version().isPrerelease()
          && cmp.version().sameTuple(v)) {
        return true;
      }
    }
    return false;
  }

  /** What an npm requirement picks; {@code requirement} is stripped, never null. */
  static Resolution resolve(String requirement, List<String> available) {
    List<Pick.Candidate<Sem>> candidates = Pick.parse(available, Sem::parse);
    if (ANY_WORDS.contains(requirement)) {
      // npm installs the "latest" dist-tag, normally the highest release; when there is no release
      // at all, it still points at some version: fail closed on the highest.
      Set<String> releases = Pick.highest(candidates, v -> !v.isPrerelease());
      return new Resolution.Picks(
          releases.isEmpty() ? Pick.highest(candidates, v -> true) : releases);
    }
    if (NOT_A_RANGE.matcher(requirement).find()) {
      return new Resolution.Unreadable("a URL, path, alias or git reference, not a version range");
    }
    List<List<Comparator>> sets = parse(requirement);
    if (sets == null) {
      return new Resolution.Unreadable(
          looksLikeTag(requirement)
              ? "a dist-tag, and CodeArtifact does not list dist-tags"
              : "not a node-semver range");
    }
    return new Resolution.Picks(Pick.highest(candidates, v -> satisfies(sets, v)));
  }

  /** Specs npm fetches from elsewhere: {@code npm:}, {@code git+}, URLs, paths, GitHub names. */
  private static final Pattern NOT_A_RANGE = Pattern.compile("[:/\\\\]|^\\.|^~/");

  /** A word npm would take as a dist-tag (a name, not a range). */
  static boolean looksLikeTag(String s) {
    return s.toLowerCase(Locale.ROOT).matches("[a-z][a-z0-9._-]*");
  }
}
