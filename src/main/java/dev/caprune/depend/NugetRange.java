package dev.caprune.depend;

import dev.caprune.select.order.NuGetVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NuGet's version ranges as NuGet's {@code VersionRange.FindBestMatch} applies them: interval
 * notation or a bare version ({@code 1.0} = {@code [1.0, )}) pick the LOWEST version in range;
 * floating versions ({@code *}, {@code 1.*}, {@code 1.0.*}, {@code 1.0.0-*}, {@code 1.*-*}) pick
 * the highest version the float matches, else the lowest above it. A pre-release takes part only
 * when a bound of the range, or the float, is a pre-release.
 */
final class NugetRange {

  private NugetRange() {}

  /** What the float lets float: {@code 1.*} floats the minor, {@code 1.0.0-rc.*} the label. */
  private enum Floating {
    NONE,
    PRERELEASE,
    REVISION,
    PATCH,
    MINOR,
    MAJOR,
    PRERELEASE_REVISION,
    PRERELEASE_PATCH,
    PRERELEASE_MINOR,
    ABSOLUTE_LATEST
  }

  /** Min and max are null when unbounded; with a float, min is the float's floor. */
  private record Range(
      NuGetVersion min,
      boolean minInclusive,
      NuGetVersion max,
      boolean maxInclusive,
      Floating floating,
      String releasePrefix) {

    boolean inBounds(NuGetVersion v) {
      if (min != null) {
        int c = v.compareTo(min);
        if (c < 0 || (c == 0 && !minInclusive)) {
          return false;
        }
      }
      if (max != null) {
        int c = v.compareTo(max);
        return c < 0 || (c == 0 && maxInclusive);
      }
      return true;
    }

    boolean allowsPrerelease() {
      return (min != null && !min.labels().isEmpty())
          || (max != null && !max.labels().isEmpty())
          || floating == Floating.PRERELEASE
          || floating.compareTo(Floating.PRERELEASE_REVISION) >= 0;
    }

    /** NuGet's {@code FloatRange.Satisfies}. */
    boolean floatSatisfies(NuGetVersion v) {
      List<String> m = min.parts();
      List<String> p = v.parts();
      boolean stable = v.labels().isEmpty();
      return switch (floating) {
        case NONE -> true;
        case ABSOLUTE_LATEST -> true;
        case MAJOR -> stable;
        case MINOR -> same(m, p, 1) && stable;
        case PATCH -> same(m, p, 2) && stable;
        case REVISION -> same(m, p, 3) && stable;
        case PRERELEASE_MINOR -> same(m, p, 1);
        case PRERELEASE_PATCH -> same(m, p, 2);
        case PRERELEASE_REVISION -> same(m, p, 3);
        case PRERELEASE ->
            same(m, p, 4)
                && (stable
                    || String.join(".", v.labels())
                        .regionMatches(true, 0, releasePrefix, 0, releasePrefix.length()));
      };
    }

    private static boolean same(List<String> a, List<String> b, int parts) {
      for (int i = 0; i < parts; i++) {
        if (new java.math.BigInteger(a.get(i)).compareTo(new java.math.BigInteger(b.get(i))) != 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** A floating version: numeric parts ending in {@code *}, or a release label ending in it. */
  private static final Pattern FLOAT =
      Pattern.compile("(\\*|\\d+(?:\\.\\d+){0,3}(?:\\.\\*)?)(?:-([0-9A-Za-z.-]*)\\*)?");

  /** What a NuGet requirement picks; {@code requirement} is stripped, never null. */
  static Resolution resolve(String requirement, List<String> available) {
    if (requirement.isEmpty()) {
      return new Resolution.Unreadable("no version requirement");
    }
    Range range = parse(requirement);
    if (range == null) {
      return new Resolution.Unreadable("not a NuGet version or range");
    }
    List<Pick.Candidate<NuGetVersion>> candidates =
        Pick.parse(available, NuGetVersion::parse).stream()
            .filter(c -> range.inBounds(c.version()))
            .filter(c -> range.allowsPrerelease() || c.version().labels().isEmpty())
            .toList();
    Comparator<NuGetVersion> order = Comparator.naturalOrder();
    if (range.floating() == Floating.NONE) {
      return new Resolution.Picks(Pick.best(candidates, v -> true, order, false));
    }
    Set<String> inFloat = Pick.best(candidates, range::floatSatisfies, order, true);
    if (!inFloat.isEmpty()) {
      return new Resolution.Picks(inFloat);
    }
    Predicate<NuGetVersion> above = v -> v.compareTo(range.min()) >= 0;
    Set<String> lowestAbove = Pick.best(candidates, above, order, false);
    return new Resolution.Picks(
        lowestAbove.isEmpty() ? Pick.best(candidates, v -> true, order, true) : lowestAbove);
  }

  private static Range parse(String text) {
    char first = text.charAt(0);
    if (first != '[' && first != '(') {
      return single(text);
    }
    char last = text.charAt(text.length() - 1);
    if (text.length() < 2 || (last != ']' && last != ')')) {
      return null;
    }
    boolean minInclusive = first == '[';
    boolean maxInclusive = last == ']';
    String inner = text.substring(1, text.length() - 1);
    String[] bounds = inner.split(",", -1);
    if (bounds.length == 1) {
      // [1.0] is exactly 1.0; (1.0) means nothing and NuGet rejects it
      NuGetVersion v = version(bounds[0].strip());
      return v == null || !minInclusive || !maxInclusive
          ? null
          : new Range(v, true, v, true, Floating.NONE, "");
    }
    if (bounds.length != 2) {
      return null;
    }
    String minText = bounds[0].strip();
    String maxText = bounds[1].strip();
    if (minText.isEmpty() && maxText.isEmpty()) {
      return null;
    }
    NuGetVersion max = maxText.isEmpty() ? null : version(maxText);
    if (!maxText.isEmpty() && max == null) {
      return null;
    }
    Range low;
    if (minText.isEmpty()) {
      low = new Range(null, false, null, false, Floating.NONE, "");
    } else {
      low = minText.contains("*") ? floating(minText) : fixed(minText);
      if (low == null) {
        return null;
      }
    }
    if (low.min() != null && max != null) {
      int c = low.min().compareTo(max);
      if (c > 0 || (c == 0 && !(minInclusive && maxInclusive))) {
        return null;
      }
    }
    return new Range(
        low.min(), minInclusive, max, maxInclusive, low.floating(), low.releasePrefix());
  }

  /** A bare version means "this or higher"; a float means what it floats. */
  private static Range single(String text) {
    return text.contains("*") ? floating(text) : fixed(text);
  }

  private static Range fixed(String text) {
    NuGetVersion v = version(text);
    return v == null ? null : new Range(v, true, null, false, Floating.NONE, "");
  }

  private static Range floating(String text) {
    Matcher m = FLOAT.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String numbers = m.group(1);
    String label = m.group(2);
    boolean wildNumbers = numbers.endsWith("*");
    if (wildNumbers && label != null && !label.isEmpty()) {
      return null; // 1.*-rc* is not a NuGet float
    }
    if (!wildNumbers && label == null) {
      return null;
    }
    if (!wildNumbers) {
      String floor =
          label.isEmpty() || label.endsWith(".") || label.endsWith("-") ? label + "0" : label;
      NuGetVersion min = version(numbers + "-" + floor);
      return min == null ? null : new Range(min, true, null, false, Floating.PRERELEASE, label);
    }
    String fixed = numbers.equals("*") ? "" : numbers.substring(0, numbers.length() - 2);
    int parts = fixed.isEmpty() ? 0 : fixed.split("\\.").length;
    boolean pre = label != null;
    Floating kind =
        switch (parts) {
          case 0 -> pre ? Floating.ABSOLUTE_LATEST : Floating.MAJOR;
          case 1 -> pre ? Floating.PRERELEASE_MINOR : Floating.MINOR;
          case 2 -> pre ? Floating.PRERELEASE_PATCH : Floating.PATCH;
          case 3 -> pre ? Floating.PRERELEASE_REVISION : Floating.REVISION;
          default -> null;
        };
    if (kind == null) {
      return null;
    }
    NuGetVersion min = version((fixed.isEmpty() ? "0" : fixed) + (pre ? "-0" : ""));
    return min == null ? null : new Range(min, true, null, false, kind, "");
  }

  private static NuGetVersion version(String text) {
    return text.isEmpty() ? null : NuGetVersion.parse(text);
  }
}
