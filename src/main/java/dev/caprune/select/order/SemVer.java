package dev.caprune.select.order;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict SemVer 2.0.0 version, the rules of npm, Cargo and Swift packages: exactly {@code
 * MAJOR.MINOR.PATCH}, no leading zeros in numeric identifiers, optional {@code -pre.release} and
 * {@code +build.metadata}. Precedence per semver.org §11; build metadata is ignored, so versions
 * that differ only in it have equal {@linkplain VersionOrder#precedence precedence}.
 */
record SemVer(String major, String minor, String patch, List<String> prerelease)
    implements Comparable<SemVer> {

  static final VersionOrder ORDER =
      new ParsedOrder<>(
          SemVer::parse,
          v -> v.isPrerelease(),
          v -> List.of(v.major(), v.minor(), v.patch()),
          SemVer::pack);

  /** The bits of one packed component: up to 999,999. */
  private static final int BITS = 20;

  /**
   * {@code MAJOR.MINOR.PATCH} alone (no pre-release, no build metadata), each at most 6 digits
   * without leading zeros, as one number that orders as {@link #compareTo} does; -1 for anything
   * else (which is then parsed).
   */
  static long pack(String text) {
    long packed = 0;
    int parts = 0;
    int start = 0;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      if (i < n && text.charAt(i) != '.') {
        char c = text.charAt(i);
        if (c < '0' || c > '9' || i - start >= 6 || (i > start && text.charAt(start) == '0')) {
          return -1;
        }
        continue;
      }
      if (i == start || ++parts > 3) {
        return -1;
      }
      packed = packed << BITS | Integer.parseInt(text, start, i, 10);
      start = i + 1;
    }
    return parts == 3 ? packed : -1;
  }

  private static final String NUMBER = "(0|[1-9]\\d*)";

  /** The regular expression semver.org suggests, with ASCII-only classes. */
  private static final Pattern PATTERN =
      Pattern.compile(
          NUMBER
              + "\\."
              + NUMBER
              + "\\."
              + NUMBER
              + "(?:-("
              + PrereleaseIds.IDENTIFIERS
              + "))?(?:\\+"
              + PrereleaseIds.METADATA
              + ")?");

  /** The parsed version, or null when the text is not strict SemVer 2.0.0. */
  static SemVer parse(String text) {
    Matcher m = PATTERN.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String pre = m.group(4);
    return new SemVer(
        m.group(1), m.group(2), m.group(3), pre == null ? List.of() : List.of(pre.split("\\.")));
  }

  boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  @Override
  public int compareTo(SemVer o) {
    int c = Digits.compare(major, o.major);
    if (c == 0) {
      c = Digits.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Digits.compare(patch, o.patch);
    }
    return c != 0 ? c : PrereleaseIds.compare(prerelease, o.prerelease, false);
  }
}
