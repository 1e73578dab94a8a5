package dev.caprune.depend;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cargo's version requirements as the {@code semver} crate's {@code VersionReq} reads and matches
 * them: comma-separated comparators that must all pass; a bare version is a caret requirement; a
 * pre-release passes only when a comparator names a pre-release of the same major.minor.patch.
 */
final class CargoRequirement {

  private CargoRequirement() {}

  enum Op {
    EXACT,
    GREATER,
    GREATER_EQ,
    LESS,
    LESS_EQ,
    TILDE,
    CARET,
    WILDCARD
  }

  /** One comparator; a null minor or patch was left out (or was a wildcard). */
  record Comparator(
      Op op, BigInteger major, BigInteger minor, BigInteger patch, List<String> pre) {}

  private static final String PART = "(0|[1-9]\\d*|[*xX])";

  private static final Pattern COMPARATOR =
      Pattern.compile(
          "(=|>=|>|<=|<|~|\\^)?\\s*"
              + PART
              + "(?:\\."
              + PART
              + "(?:\\."
              + PART
              + "(?:-("
              + Sem.PRE
              + "))?(?:\\+"
              + Sem.BUILD
              + ")?)?)?");

  /** The comparators, or null when the semver crate would reject the requirement. */
  static List<Comparator> parse(String requirement) {
    List<Comparator> out = new ArrayList<>();
    String[] parts = requirement.split(",", -1);
    for (String part : parts) {
      String text = part.strip();
      if (text.equals("*") && parts.length == 1) {
        return out; // VersionReq::STAR: no comparator at all
      }
      Matcher m = COMPARATOR.matcher(text);
      if (!m.matches()) {
        return null;
      }
      Comparator c = comparator(m);
      if (c == null) {
        return null;
      }
      out.add(c);
    }
    return out;
  }

  private static Comparator comparator(Matcher m) {
    String op = m.group(1);
    String major = m.group(2);
    String minor = m.group(3);
    String patch = m.group(4);
    List<String> pre = Sem.preOf(m.group(5));
    boolean wildMajor = isWild(major);
    boolean wildMinor = minor != null && isWild(minor);
    boolean wildPatch = patch != null && isWild(patch);
    if (wildMajor || wildMinor || wildPatch) {
      // A wildcard takes no operator but =, ends the version, and carries no pre-release.
      if ((op != null && !op.equals("="))
          || (wildMajor && minor != null)
          || (wildMinor && patch != null)
          || !pre.isEmpty()
          || wildMajor) {
        return null;
      }
      return new Comparator(
          Op.WILDCARD, new BigInteger(major), wildMinor ? null : num(minor), null, List.of());
    }
    if (!pre.isEmpty() && patch == null) {
      return null;
    }
    Op kind =
        op == null
            ? Op.CARET
            : switch (op) {
              case "=" -> Op.EXACT;
              case ">" -> Op.GREATER;
              case ">=" -> Op.GREATER_EQ;
              case "<" -> Op.LESS;
              case "<=" -> Op.LESS_EQ;
              case "~" -> Op.TILDE;
              default -> Op.CARET;
            };
    return new Comparator(kind, new BigInteger(major), num(minor), num(patch), pre);
  }

  private static boolean isWild(String part) {
    return part.equals("*") || part.equalsIgnoreCase("x");
  }

  private static BigInteger num(String part) {
    return part == null ? null : new BigInteger(part);
  }

  /** {@code VersionReq::matches}. */
  static boolean matches(List<Comparator> req, Sem v) {
    for (Comparator c : req) {
      if (!matches(c, v)) {
        return false;
      }
    }
    if (!v.isPrerelease()) {
      return true;
    }
    for (Comparator c : req) {
      if (c.major().equals(v.major())
          && v.minor().equals(c.minor())
          && v.patch().equals(c.patch())
          && !c.pre().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Comparator c, Sem v) {
    return switch (c.op()) {
      case EXACT -> exact(c, v);
      case GREATER -> greater(c, v);
      case GREATER_EQ -> exact(c, v) || greater(c, v);
      case LESS -> less(c, v);
      case LESS_EQ -> exact(c, v) || less(c, v);
      case TILDE -> tilde(c, v);
      case CARET -> caret(c, v);
      case WILDCARD ->
          c.major().equals(v.major()) && (c.minor() == null || c.minor().equals(v.minor()));
    };
  }

  private static boolean exact(Comparator c, Sem v) {
    return v.major().equals(c.major())
        && (c.minor() == null || v.minor().equals(c.minor()))
        && (c.patch() == null || v.patch().equals(c.patch()))
        && Sem.comparePre(v.pre(), c.pre()) == 0;
  }

  private static boolean greater(Comparator c, Sem v) {
    if (!v.major().equals(c.major())) {
      return v.major().compareTo(c.major()) > 0;
    }
    if (c.minor() == null) {
      return false;
    }
    if (!v.minor().equals(c.minor())) {
      return v.minor().compareTo(c.minor()) > 0;
    }
    if (c.patch() == null) {
      return false;
    }
    if (!v.patch().equals(c.patch())) {
      return v.patch().compareTo(c.patch()) > 0;
    }
    return Sem.comparePre(v.pre(), c.pre()) > 0;
  }

  private static boolean less(Comparator c, Sem v) {
    if (!v.major().equals(c.major())) {
      return v.major().compareTo(c.major()) < 0;
    }
    if (c.minor() == null) {
      return false;
    }
    if (!v.minor().equals(c.minor())) {
      return v.minor().compareTo(c.minor()) < 0;
    }
    if (c.patch() == null) {
      return false;
    }
    if (!v.patch().equals(c.patch())) {
      return v.patch().compareTo(c.patch()) < 0;
    }
    return Sem.comparePre(v.pre(), c.pre()) < 0;
  }

  private static boolean tilde(Comparator c, Sem v) {
    if (!v.major().equals(c.major())) {
      return false;
    }
    if (c.minor() != null && !v.minor().equals(c.minor())) {
      return false;
    }
    if (c.patch() != null && !v.patch().equals(c.patch())) {
      return v.patch().compareTo(c.patch()) > 0;
    }
    return Sem.comparePre(v.pre(), c.pre()) >= 0;
  }

  private static boolean caret(Comparator c, Sem v) {
    if (!v.major().equals(c.major())) {
      return false;
    }
    BigInteger minor = c.minor();
    if (minor == null) {
      return true;
    }
    BigInteger patch = c.patch();
    if (patch == null) {
      return c.major().signum() > 0 ? v.minor().compareTo(minor) >= 0 : v.minor().equals(minor);
    }
    if (c.major().signum() > 0) {
      if (!v.minor().equals(minor)) {
        return v.minor().compareTo(minor) > 0;
      }
      if (!v.patch().equals(patch)) {
        return v.patch().compareTo(patch) > 0;
      }
    } else if (minor.signum() > 0) {
      if (!v.minor().equals(minor)) {
        return false;
      }
      if (!v.patch().equals(patch)) {
        return v.patch().compareTo(patch) > 0;
      }
    } else if (!v.minor().equals(minor) || !v.patch().equals(patch)) {
      return false;
    }
    return Sem.comparePre(v.pre(), c.pre()) >= 0;
  }

  /** What a Cargo requirement picks; {@code requirement} is stripped, never null. */
  static Resolution resolve(String requirement, List<String> available) {
    List<Pick.Candidate<Sem>> candidates = Pick.parse(available, Sem::parse);
    List<Comparator> req = requirement.isEmpty() ? List.of() : parse(requirement);
    if (req == null) {
      return new Resolution.Unreadable("not a Cargo version requirement");
    }
    return new Resolution.Picks(Pick.highest(candidates, v -> matches(req, v)));
  }
}
