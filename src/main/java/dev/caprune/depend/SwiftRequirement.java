package dev.caprune.depend;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SwiftPM's version requirements as a manifest writes them: {@code from:}, {@code
 * .upToNextMajor(from:)}, {@code .upToNextMinor(from:)}, {@code exact:} / {@code .exact()}, {@code
 * "a"..<"b"}, {@code "a"..."b"}, a bare version (exact), and plain comparators ({@code >=1.0.0,
 * <2.0.0}). Every form is a half-open range of versions or one version; a pre-release is in a range
 * only when a bound names a pre-release, and never below a release upper bound of its own
 * major.minor.patch (SwiftPM's {@code Range.contains(version:)}).
 */
final class SwiftRequirement {

  private SwiftRequirement() {}

  /** A version inside optional quotes: {@code 1.2.3}, {@code "1.2"}, {@code v1.2.3-beta.1}. */
  private static final String VERSION = "\"?\\s*v?([0-9][0-9A-Za-z.+-]*)\\s*\"?";

  private static final Pattern FROM =
      Pattern.compile("\\.?(?:upToNextMajor\\s*\\(\\s*)?from\\s*:\\s*" + VERSION + "\\s*\\)?");

  private static final Pattern NEXT_MINOR =
      Pattern.compile("\\.?upToNextMinor\\s*\\(\\s*from\\s*:\\s*" + VERSION + "\\s*\\)");

  private static final Pattern EXACT =
      Pattern.compile(
          "(?:\\.?exact\\s*\\(\\s*" + VERSION + "\\s*\\)|exact\\s*:\\s*" + VERSION + ")");

  private static final Pattern HALF_OPEN = Pattern.compile(VERSION + "\\s*\\.\\.<\\s*" + VERSION);

  private static final Pattern CLOSED = Pattern.compile(VERSION + "\\s*\\.\\.\\.\\s*" + VERSION);

  private static final Pattern BARE = Pattern.compile(VERSION);

  private static final Pattern COMPARATOR = Pattern.compile("(>=|<=|>|<|==|=)\\s*" + VERSION);

  /** A half-open range {@code [lower, upper)}; upper null means unbounded. */
  private record Range(Sem lower, boolean lowerInclusive, Sem upper, boolean upperInclusive) {

    boolean contains(Sem v) {
      if (v.isPrerelease()) {
        boolean lowerPre = lower != null && lower.isPrerelease();
        boolean upperPre = upper != null && upper.isPrerelease();
        if (!lowerPre && !upperPre) {
          return false;
        }
        if (upper != null && !upperPre && upper.sameTuple(v)) {
          return false; // 2.0.0-alpha is not below an upper bound of 2.0.0
        }
      }
      if (lower != null) {
        int c = v.compareTo(lower);
        if (c < 0 || (c == 0 && !lowerInclusive)) {
          return false;
        }
      }
      if (upper != null) {
        int c = v.compareTo(upper);
        return c < 0 || (c == 0 && upperInclusive);
      }
      return true;
    }
  }

  /** What a Swift requirement picks; {@code requirement} is stripped, never null. */
  static Resolution resolve(String requirement, List<String> available) {
    if (requirement.isEmpty()) {
      return new Resolution.Unreadable("no version requirement");
    }
    Range range = range(requirement);
    if (range == null) {
      return new Resolution.Unreadable("not a SwiftPM version requirement");
    }
    return new Resolution.Picks(Pick.highest(Pick.parse(available, Sem::parse), range::contains));
  }

  /** The range a requirement stands for, or null. */
  private static Range range(String requirement) {
    Matcher exact = EXACT.matcher(requirement);
    if (exact.matches()) {
      return exactly(version(exact.group(1) != null ? exact.group(1) : exact.group(2)));
    }
    Matcher nextMinor = NEXT_MINOR.matcher(requirement);
    if (nextMinor.matches()) {
      Sem v = version(nextMinor.group(1));
      return v == null ? null : new Range(v, true, nextMinor(v), false);
    }
    Matcher from = FROM.matcher(requirement);
    if (from.matches()) {
      Sem v = version(from.group(1));
      return v == null ? null : new Range(v, true, nextMajor(v), false);
    }
    Matcher halfOpen = HALF_OPEN.matcher(requirement);
    if (halfOpen.matches()) {
      Sem lower = version(halfOpen.group(1));
      Sem upper = version(halfOpen.group(2));
      return lower == null || upper == null || lower.compareTo(upper) > 0
          ? null
          : new Range(lower, true, upper, false);
    }
    Matcher closed = CLOSED.matcher(requirement);
    if (closed.matches()) {
      Sem lower = version(closed.group(1));
      Sem upper = version(closed.group(2));
      if (lower == null || upper == null || lower.compareTo(upper) > 0) {
        return null;
      }
      // PackageDescription turns a...b into a..<(b with its patch + 1), keeping b's labels.
      Sem bumped =
          new Sem(upper.major(), upper.minor(), upper.patch().add(BigInteger.ONE), upper.pre());
      return new Range(lower, true, bumped, false);
    }
    Matcher bare = BARE.matcher(requirement);
    if (bare.matches()) {
      return exactly(version(bare.group(1)));
    }
    return comparators(requirement);
  }

  private static Range comparators(String requirement) {
    Sem lower = null;
    boolean lowerInclusive = true;
    Sem upper = null;
    boolean upperInclusive = false;
    List<String> parts = new ArrayList<>();
    for (String part : requirement.split("\\s*,\\s*|\\s+(?=[<>=])")) {
      parts.add(part.strip());
    }
    for (String part : parts) {
      Matcher m = COMPARATOR.matcher(part);
      if (!m.matches()) {
        return null;
      }
      Sem v = version(m.group(2));
      if (v == null) {
        return null;
      }
      switch (m.group(1)) {
        case ">=", ">" -> {
          boolean inclusive = m.group(1).equals(">=");
          if (lower == null || v.compareTo(lower) > 0 || (v.compareTo(lower) == 0 && !inclusive)) {
            lower = v;
            lowerInclusive = inclusive;
          }
        }
        case "<", "<=" -> {
          boolean inclusive = m.group(1).equals("<=");
          if (upper == null || v.compareTo(upper) < 0 || (v.compareTo(upper) == 0 && !inclusive)) {
            upper = v;
            upperInclusive = inclusive;
          }
        }
        default -> {
          return null; // "=" mixed into comparators: read only alone, as a bare version
        }
      }
    }
    return new Range(lower, lowerInclusive, upper, upperInclusive);
  }

  /** A version, {@code 1.2} and {@code 1} padded with zeros as SwiftPM reads tags. */
  private static Sem version(String text) {
    Sem v = Sem.parse(text);
    if (v != null) {
      return v;
    }
    if (text.matches("\\d+")) {
      return Sem.parse(text + ".0.0");
    }
    if (text.matches("\\d+\\.\\d+")) {
      return Sem.parse(text + ".0");
    }
    return null;
  }

  private static Sem nextMajor(Sem v) {
    return new Sem(v.major().add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO, List.of());
  }

  private static Sem nextMinor(Sem v) {
    return new Sem(v.major(), v.minor().add(BigInteger.ONE), BigInteger.ZERO, List.of());
  }

  /** Exactly one version (build metadata aside), pre-release or not. */
  private static Range exactly(Sem v) {
    return v == null ? null : new Range(v, true, v, true);
  }
}
