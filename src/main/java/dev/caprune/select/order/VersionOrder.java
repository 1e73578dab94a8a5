package dev.caprune.select.order;

import dev.caprune.select.Format;
import java.util.Comparator;
import java.util.Objects;

/**
 * Version precedence for one package format, lowest first.
 *
 * <p>Versions the format's rules cannot parse sort below every parseable one and, among themselves,
 * in the {@linkplain Format#GENERIC natural order}. {@code null} sorts below everything. The order
 * is total and consistent with {@link String#equals}: versions of equal precedence (Maven {@code
 * 1.0} and {@code 1.0.0}, SemVer versions differing only in build metadata) are told apart by
 * {@link String#compareTo}, so a sort gives the same result whatever the input order. Use {@link
 * #precedence} to ask whether the format itself calls two versions equal. No method throws.
 */
public interface VersionOrder extends Comparator<String> {

  /** Precedence by the format's rules, then {@link String#compareTo} to break ties. */
  @Override
  default int compare(String a, String b) {
    int byRules = precedence(a, b);
    if (byRules != 0 || a == null || b == null) {
      return byRules;
    }
    return Integer.signum(a.compareTo(b));
  }

  /**
   * Precedence by the format's rules alone: 0 when the format calls the two versions equal (e.g.
   * PEP 440 {@code 1.0} and {@code 1.0.0}). Unparseable versions and nulls are placed as in {@link
   * #compare}.
   */
  int precedence(String a, String b);

  /** Whether the format's rules can parse this version. */
  boolean parses(String version);

  /** Pre-release by the format's rules (false when it does not parse). */
  boolean isPrerelease(String version);

  /**
   * The release line a version belongs to: its first {@code depth} numeric components by the
   * format's rules, missing ones counted as 0 and leading zeros dropped ({@code "1"} for major,
   * {@code "1.2"} for minor), or null when the format cannot parse it or finds no numeric major.
   * SemVer and NuGet: major, minor; PEP 440: the release segment (with the epoch, when not 0, as
   * {@code "1!2"}); Maven: the leading numbers of ComparableVersion's canonical form, a snapshot
   * build by its base version; RubyGems: the leading numeric segments; generic: the digit runs
   * separated by dots at the start of the text.
   */
  default String line(String version, int depth) {
    return null;
  }

  /** {@code depth} components of a release, missing ones 0, joined by dots; null when empty. */
  static String line(java.util.List<String> numbers, int depth) {
    if (numbers.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (i > 0) {
        b.append('.');
      }
      b.append(i < numbers.size() ? Digits.stripLeadingZeros(numbers.get(i)) : "0");
    }
    return b.toString();
  }

  /**
   * The same order, remembering what it parsed: for one package's versions on one thread (not
   * thread-safe; it holds every version it has seen).
   */
  default VersionOrder memoized() {
    return this;
  }

  /**
   * One package's versions by index, each order key made once: what a sort of many versions uses
   * instead of {@link #memoized} (no map keyed by version, no parsed form kept where a number will
   * do). Not thread-safe.
   */
  interface Keys {
    /** {@link #compare} of the versions at {@code i} and {@code j}. */
    int compare(int i, int j);

    /** {@link #parses} of the version at {@code i}. */
    boolean parses(int i);
  }

  /** The keys of {@code versions} (which must not change while the keys are used). */
  default Keys keys(java.util.List<String> versions) {
    return new Keys() {
      @Override
      public int compare(int i, int j) {
        return VersionOrder.this.compare(versions.get(i), versions.get(j));
      }

      @Override
      public boolean parses(int i) {
        return VersionOrder.this.parses(versions.get(i));
      }
    };
  }

  /** The order for a format; every format has one. */
  static VersionOrder of(Format format) {
    Objects.requireNonNull(format, "format");
    return switch (format) {
      case MAVEN -> MavenOrder.ORDER;
      case NPM, CARGO, SWIFT -> SemVer.ORDER;
      case PYPI -> Pep440.ORDER;
      case NUGET -> NuGetVersion.ORDER;
      case RUBY -> GemVersion.ORDER;
      case GENERIC -> NaturalOrder.ORDER;
    };
  }
}
