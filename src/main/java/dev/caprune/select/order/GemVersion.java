package dev.caprune.select.order;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A RubyGems {@code Gem::Version}: {@code -} reads as {@code .pre.}; the text splits into numeric
 * and letter segments (at dots and at every change between digits and letters); trailing zeros of
 * the release and of the pre-release part are insignificant ({@code 1.0 == 1}); segments compare
 * left to right, a missing one counting as 0, numbers numerically, letters lexically, and letters
 * below numbers ({@code 1.0.a < 1.0}). A version with a letter is a pre-release.
 *
 * @param segments the canonical segments: each all digits or all letters
 * @param prerelease whether the version contains a letter
 */
public record GemVersion(List<String> segments, boolean prerelease)
    implements Comparable<GemVersion> {

  static final VersionOrder ORDER =
      new ParsedOrder<>(GemVersion::parse, GemVersion::prerelease, GemVersion::release);

  /** {@code Gem::Version::ANCHORED_VERSION_PATTERN}; the empty version is valid and means 0. */
  private static final Pattern PATTERN =
      Pattern.compile("\\s*([0-9]+(?:\\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?)?\\s*");

  private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

  /** The parsed version, or null when RubyGems would reject the text. */
  public static GemVersion parse(String text) {
    if (!PATTERN.matcher(text).matches()) {
      return null;
    }
    String version = text.strip().replace("-", ".pre.");
    List<String> release = new ArrayList<>();
    List<String> pre = new ArrayList<>();
    Matcher m = SEGMENT.matcher(version);
    while (m.find()) {
      String s = m.group();
      (pre.isEmpty() && Digits.all(s) ? release : pre).add(s);
    }
    dropTrailingZeros(release);
    dropTrailingZeros(pre);
    release.addAll(pre);
    return new GemVersion(List.copyOf(release), !pre.isEmpty());
  }

  /** The leading numeric segments (the release; a pre-release's letters start after it). */
  List<String> release() {
    List<String> out = new ArrayList<>();
    for (String s : segments) {
      if (!Digits.all(s)) {
        break;
      }
      out.add(s);
    }
    return out;
  }

  private static void dropTrailingZeros(List<String> segments) {
    while (!segments.isEmpty() && isZero(segments.get(segments.size() - 1))) {
      segments.remove(segments.size() - 1);
    }
  }

  private static boolean isZero(String segment) {
    return Digits.all(segment) && Digits.stripLeadingZeros(segment).equals("0");
  }

  @Override
  public int compareTo(GemVersion o) {
    int n = Math.max(segments.size(), o.segments.size());
    for (int i = 0; i < n; i++) {
      String x = i < segments.size() ? segments.get(i) : "0";
      String y = i < o.segments.size() ? o.segments.get(i) : "0";
      int c = Digits.compareNumberAboveText(x, y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
