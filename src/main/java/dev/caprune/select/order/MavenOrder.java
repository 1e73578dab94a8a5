package dev.caprune.select.order;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven version order: Maven's own {@link ComparableVersion}, with one addition. A timestamped
 * snapshot build ({@code 1.0-20250101.120000-3}) is, to Maven, an instance of {@code 1.0-SNAPSHOT}
 * (its base version), but {@code ComparableVersion} alone reads the timestamp as numbers and puts
 * the build above the {@code 1.0} release. So a build sorts as its base {@code -SNAPSHOT} version;
 * builds of one base then sort by timestamp and build number, all below the bare {@code -SNAPSHOT}
 * version itself.
 */
public final class MavenOrder {

  static final VersionOrder ORDER =
      new ParsedOrder<>(
          MavenOrder.Parsed::parse, MavenOrder.Parsed::isPrerelease, MavenOrder.Parsed::release);

  /** Maven's {@code Artifact.VERSION_FILE_PATTERN}, with a non-empty base. */
  private static final Pattern SNAPSHOT_BUILD = Pattern.compile("^(.+)-(\\d{8}\\.\\d{6})-(\\d+)$");

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd.HHmmss", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  /** Canonical qualifiers below a release ({@code a1}, {@code cr} etc. are canonicalised). */
  private static final Set<String> PRERELEASE_QUALIFIERS =
      Set.of("alpha", "beta", "milestone", "rc", "snapshot");

  private MavenOrder() {}

  /**
   * Whether the version is a timestamped snapshot build, {@code <base>-yyyyMMdd.HHmmss-<build>}
   * with a real date and time, e.g. {@code 1.0-20250101.120000-3}.
   */
  public static boolean isTimestampedSnapshot(String version) {
    return version != null && snapshotBuild(version) != null;
  }

  private static Matcher snapshotBuild(String version) {
    if (version.length() > ParsedOrder.MAX_LENGTH) {
      return null; // as ParsedOrder: no regex over what the service could never have sent
    }
    Matcher m = SNAPSHOT_BUILD.matcher(version);
    if (!m.matches()) {
      return null;
    }
    try {
      LocalDateTime.parse(m.group(2), TIMESTAMP);
      return m;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * A Maven version: its base version's {@code ComparableVersion}, and for a snapshot build its
   * timestamp and build number (both null otherwise).
   */
  record Parsed(ComparableVersion base, String timestamp, String build, boolean prerelease)
      implements Comparable<Parsed> {

    static Parsed parse(String version) {
      Matcher build = snapshotBuild(version);
      if (build != null) {
        return new Parsed(
            new ComparableVersion(build.group(1) + "-SNAPSHOT"),
            build.group(2),
            build.group(3),
            true);
      }
      try {
        ComparableVersion v = new ComparableVersion(version);
        return new Parsed(v, null, null, hasPrereleaseQualifier(v));
      } catch (RuntimeException e) {
        // ComparableVersion accepts any text; this only guards "never throws" against a bug.
        return null;
      }
    }

    boolean isPrerelease() {
      return prerelease;
    }

    /**
     * The leading numbers of the base version's canonical form, up to its first qualifier or
     * sub-list ({@code 1.2-rc-1}: 1, 2); empty when it starts with a word.
     */
    List<String> release() {
      String canonical = base.getCanonical();
      int dash = canonical.indexOf('-');
      List<String> out = new ArrayList<>();
      for (String item : (dash < 0 ? canonical : canonical.substring(0, dash)).split("\\.")) {
        if (!Digits.all(item)) {
          break;
        }
        out.add(item);
      }
      return out;
    }

    private static boolean hasPrereleaseQualifier(ComparableVersion v) {
      for (String item : v.getCanonical().split("[.-]")) {
        if (PRERELEASE_QUALIFIERS.contains(item)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public int compareTo(Parsed o) {
      int c = base.compareTo(o.base);
      if (c != 0) {
        return c;
      }
      if (timestamp == null || o.timestamp == null) {
        // The bare -SNAPSHOT version stands for the newest build, above every timestamped one.
        return Boolean.compare(timestamp == null, o.timestamp == null);
      }
      c = timestamp.compareTo(o.timestamp);
      return c != 0 ? c : Digits.compare(build, o.build);
    }
  }
}
