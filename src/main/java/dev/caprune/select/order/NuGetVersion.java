package dev.caprune.select.order;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NuGet version ({@code NuGetVersion}): one to four numeric parts, missing ones 0 (so {@code
 * 1.0}, {@code 1.0.0} and {@code 1.0.0.0} are equal), optional SemVer 2.0.0 release labels and
 * build metadata. Labels compare as in SemVer but without regard to case; metadata is ignored.
 *
 * @param parts major, minor, patch and revision digits
 * @param labels release labels; empty for a stable version
 */
public record NuGetVersion(List<String> parts, List<String> labels)
    implements Comparable<NuGetVersion> {

  static final VersionOrder ORDER =
      new ParsedOrder<>(NuGetVersion::parse, v -> !v.labels().isEmpty(), NuGetVersion::parts);

  /** NuGet trims the text, as here; numeric parts may have leading zeros (System.Version). */
  private static final Pattern PATTERN =
      Pattern.compile(
          "\\s*(\\d+(?:\\.\\d+){0,3})(?:-("
              + PrereleaseIds.IDENTIFIERS
              + "))?(?:\\+"
              + PrereleaseIds.METADATA
              + ")?\\s*");

  /** The parsed version, or null when NuGet would not accept the text. */
  public static NuGetVersion parse(String text) {
    Matcher m = PATTERN.matcher(text);
    if (!m.matches()) {
      return null;
    }
    List<String> parts = new ArrayList<>(List.of(m.group(1).split("\\.")));
    while (parts.size() < 4) {
      parts.add("0");
    }
    String labels = m.group(2);
    return new NuGetVersion(
        List.copyOf(parts), labels == null ? List.of() : List.of(labels.split("\\.")));
  }

  @Override
  public int compareTo(NuGetVersion o) {
    for (int i = 0; i < 4; i++) {
      int c = Digits.compare(parts.get(i), o.parts.get(i));
      if (c != 0) {
        return c;
      }
    }
    return PrereleaseIds.compare(labels, o.labels, true);
  }
}
