package dev.caprune.select.order;

import java.util.List;

/**
 * SemVer 2.0.0 §11.4 precedence of dot-separated pre-release identifiers, shared by SemVer and
 * NuGet (which compares the alphanumeric ones without regard to case).
 */
final class PrereleaseIds {

  /** One pre-release identifier: a number without leading zeros, or alphanumerics and hyphens. */
  static final String IDENTIFIER = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";

  /** Dot-separated pre-release identifiers. */
  static final String IDENTIFIERS = IDENTIFIER + "(?:\\." + IDENTIFIER + ")*";

  /** Dot-separated build metadata identifiers (leading zeros allowed). */
  static final String METADATA = "[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*";

  private PrereleaseIds() {}

  /**
   * Compares identifier lists field by field: numeric ones numerically, alphanumeric ones lexically
   * in ASCII, numeric below alphanumeric; when all shared fields are equal the longer list is
   * higher. An empty list means "no pre-release" and is higher than any non-empty one.
   */
  static int compare(List<String> a, List<String> b, boolean ignoreCase) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compareIdentifier(a.get(i), b.get(i), ignoreCase);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareIdentifier(String x, String y, boolean ignoreCase) {
    boolean numX = Digits.all(x);
    boolean numY = Digits.all(y);
    if (numX && numY) {
      return Digits.compare(x, y);
    }
    if (numX || numY) {
      return numX ? -1 : 1;
    }
    return Integer.signum(ignoreCase ? x.compareToIgnoreCase(y) : x.compareTo(y));
  }
}
