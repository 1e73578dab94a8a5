package dev.caprune.depend;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SemVer 2.0.0 version as npm, Cargo and SwiftPM compare them: numbers of any size, pre-release
 * identifiers compared per semver.org §11, build metadata ignored.
 */
record Sem(BigInteger major, BigInteger minor, BigInteger patch, List<String> pre)
    implements Comparable<Sem> {

  static final String NUMBER = "(?:0|[1-9]\\d*)";

  static final String IDENTIFIER = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";

  static final String PRE = IDENTIFIER + "(?:\\." + IDENTIFIER + ")*";

  static final String BUILD = "[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*";

  private static final Pattern STRICT =
      Pattern.compile(
          "("
              + NUMBER
              + ")\\.("
              + NUMBER
              + ")\\.("
              + NUMBER
              + ")(?:-("
              + PRE
              + "))?(?:\\+"
              + BUILD
              + ")?");

  /** The lowest pre-release of a version: node-semver's {@code -0} upper bounds. */
  static final List<String> LOWEST_PRE = List.of("0");

  /** A strict SemVer 2.0.0 version (as registries list them), or null. */
  static Sem parse(String text) {
    Matcher m = STRICT.matcher(text);
    if (!m.matches()) {
      return null;
    }
    return new Sem(
        new BigInteger(m.group(1)),
        new BigInteger(m.group(2)),
        new BigInteger(m.group(3)),
        preOf(m.group(4)));
  }

  static List<String> preOf(String dotted) {
    return dotted == null || dotted.isEmpty() ? List.of() : List.of(dotted.split("\\.", -1));
  }

  boolean isPrerelease() {
    return !pre.isEmpty();
  }

  /** Whether both have the same major, minor and patch. */
  boolean sameTuple(Sem o) {
    return major.equals(o.major) && minor.equals(o.minor) && patch.equals(o.patch);
  }

  @Override
  public int compareTo(Sem o) {
    int c = major.compareTo(o.major);
    if (c == 0) {
      c = minor.compareTo(o.minor);
    }
    if (c == 0) {
      c = patch.compareTo(o.patch);
    }
    return c != 0 ? Integer.signum(c) : comparePre(pre, o.pre);
  }

  /** semver.org §11.4; an empty list (a release) is above every pre-release. */
  static int comparePre(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compareIdentifier(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareIdentifier(String x, String y) {
    boolean numX = !x.isEmpty() && x.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    boolean numY = !y.isEmpty() && y.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    if (numX && numY) {
      return new BigInteger(x).compareTo(new BigInteger(y));
    }
    if (numX || numY) {
      return numX ? -1 : 1;
    }
    return Integer.signum(x.compareTo(y));
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (pre.isEmpty() ? "" : "-" + String.join(".", pre));
  }
}
