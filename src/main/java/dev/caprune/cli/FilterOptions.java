package dev.caprune.cli;

import dev.caprune.execute.VersionScan;
import dev.caprune.policy.ProtectFile;
import dev.caprune.run.CapruneException;
import dev.caprune.select.BadFilter;
import dev.caprune.select.Criteria;
import dev.caprune.select.FilterSpec;
import dev.caprune.select.Format;
import dev.caprune.select.Names;
import dev.caprune.select.Origin;
import dev.caprune.select.PackagePattern;
import dev.caprune.select.ProtectList;
import dev.caprune.select.VersionStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The filters every selecting command shares. All are ANDed; an exclude always wins. */
public final class FilterOptions {
  private static final Logger LOG = LoggerFactory.getLogger(FilterOptions.class);

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = Converters.FormatConverter.class,
      completionCandidates = Converters.Formats.class,
      description = "Only this package format: ${COMPLETION-CANDIDATES}.")
  Format format;

  @Option(
      names = "--namespace",
      paramLabel = "GLOB",
      description = "Only packages whose namespace matches (Maven groupId, npm scope without '@').")
  String namespace;

  @Option(
      names = "--package",
      paramLabel = "GLOB",
      description =
          "Only packages that match; [namespace/]name or npm @scope/name (repeatable: any"
              + " matches).")
  List<String> packages = new ArrayList<>();

  @Option(
      names = "--exclude-package",
      paramLabel = "GLOB",
      description = "Never packages that match (repeatable).")
  List<String> excludePackages = new ArrayList<>();

  @Option(
      names = "--package-regex",
      paramLabel = "REGEX",
      description =
          "Only packages whose name matches this regex (RE2 syntax: no backreferences or"
              + " lookaround), whole string (namespace/name when the regex has a '/'; repeatable:"
              + " any matches).")
  List<String> packageRegexes = new ArrayList<>();

  @Option(
      names = "--version",
      paramLabel = "GLOB",
      description = "Only versions that match (repeatable: any matches).")
  List<String> versions = new ArrayList<>();

  @Option(
      names = "--exclude-version",
      paramLabel = "GLOB",
      description = "Never versions that match (repeatable).")
  List<String> excludeVersions = new ArrayList<>();

  @Option(
      names = "--version-regex",
      paramLabel = "REGEX",
      description =
          "Only versions that match this regex (RE2 syntax: no backreferences or lookaround),"
              + " whole string (repeatable).")
  List<String> versionRegexes = new ArrayList<>();

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      converter = Converters.StatusConverter.class,
      completionCandidates = Converters.Statuses.class,
      description = "Only versions with this status (repeatable): ${COMPLETION-CANDIDATES}.")
  List<VersionStatus> statuses = new ArrayList<>();

  @Option(
      names = "--origin",
      paramLabel = "ORIGIN",
      converter = Converters.OriginConverter.class,
      completionCandidates = Converters.Origins.class,
      description =
          "Only versions of this origin: internal (published here), external (cached from an"
              + " upstream), unknown.")
  Origin origin;

  @Option(
      names = "--only-prerelease",
      description =
          "Only pre-releases, by the format's rules (SemVer -beta.1, PEP 440 a/b/rc/dev, Maven"
              + " alpha/beta/milestone/rc/SNAPSHOT, NuGet labels, RubyGems letters).")
  boolean onlyPrerelease;

  @Option(
      names = "--exclude-prerelease",
      description =
          "Never pre-releases, by the format's rules (what --only-prerelease selects); they do"
              + " not count toward --keep-latest either.")
  boolean excludePrerelease;

  @Option(
      names = "--snapshot-builds",
      description =
          "Maven preset: timestamped snapshot builds (1.0-20250101.120000-3) that are Unlisted,"
              + " as AWS recommends cleaning them up.")
  boolean snapshotBuilds;

  @Option(
      names = "--older-than",
      paramLabel = "AGE",
      description =
          "Only versions published more than AGE ago: 90d, 12h, 6w, P90D, PT12H (no months or"
              + " years, which have no fixed length: a year is 365d).")
  String olderThan;

  @Option(
      names = "--newer-than",
      paramLabel = "AGE",
      description = "Only versions published less than AGE ago.")
  String newerThan;

  @Option(
      names = "--published-before",
      paramLabel = "WHEN",
      description =
          "Only versions published before WHEN: 2025-01-31 (UTC) or 2025-01-31T10:00:00Z.")
  String publishedBefore;

  @Option(
      names = "--published-after",
      paramLabel = "WHEN",
      description = "Only versions published after WHEN.")
  String publishedAfter;

  @Option(
      names = "--keep-latest",
      paramLabel = "N",
      description =
          "Per package, keep the N newest of the versions that pass the other filters (time"
              + " filters then narrow what remains).")
  Integer keepLatest;

  @Option(
      names = "--keep-latest-per",
      paramLabel = "LINE",
      description =
          "With --keep-latest N: keep the newest N of every release line instead of the"
              + " package's: major (each 1.x, 2.x) or minor (each 1.2.x).")
  Criteria.Per keepLatestPer;

  @Option(
      names = "--order",
      paramLabel = "ORDER",
      defaultValue = "version",
      description =
          "What newest means for --keep-latest: version (the format's own version order) or"
              + " published (publish time) (default: ${DEFAULT-VALUE}).")
  Criteria.Order order;

  @Option(
      names = "--no-protect-latest",
      description =
          "Allow selecting the version 'latest' resolves to (defaultDisplayVersion); protected"
              + " by default.")
  boolean noProtectLatest;

  @Option(
      names = "--protect-file",
      paramLabel = "FILE",
      description =
          "Never select what a line of FILE matches: [namespace/]package@version with globs,"
              + " '#' comments.")
  Path protectFile;

  @Option(
      names = "--strict-protect",
      description =
          "Make the protect file's warnings errors (exit 2, before any write): a rule with"
              + " spaces or invisible characters, a rule that matched no version in this run.")
  boolean strictProtect;

  @Option(
      names = "--strict",
      description =
          "Make a --package or --version with no wildcard that names nothing listed (a typo, most"
              + " likely) an error (exit 2, before any write) instead of a warning.")
  boolean strict;

  /** --protect-dependencies, --dependents-from, --protect-lockfile. */
  @picocli.CommandLine.Mixin DependencyOptions dependencies = new DependencyOptions();

  /** Read once, however often the criteria are built: its rules remember what they matched. */
  private ProtectList protectList;

  /** The criteria these options describe, with "now" from the clock; bad input is exit 2. */
  Criteria criteria(Clock clock) {
    return criteria(clock, true);
  }

  /**
   * @param protectLatestByDefault whether the command protects the latest version unless {@code
   *     --no-protect-latest} (restore does not: restoring latest is never harmful)
   */
  Criteria criteria(Clock clock, boolean protectLatestByDefault) {
    Criteria criteria = usage(() -> spec(protectLatestByDefault).toCriteria(clock.instant()));
    if (protectFile != null) {
      if (protectList == null) {
        protectList = usage(() -> ProtectFile.read(protectFile));
        report(protectList.warnings());
      }
      return criteria.withProtect(protectList);
    } else if (strictProtect && !dependencies.anyLockfile()) {
      throw CapruneException.usage(
          "--strict-protect goes with --protect-file or --protect-lockfile");
    }
    return criteria;
  }

  /** The filters as given, before any check. */
  private FilterSpec spec(boolean protectLatestByDefault) {
    return new FilterSpec.Builder()
        .format(format)
        .namespace(namespace)
        .packages(packages)
        .excludePackages(excludePackages)
        .packageRegexes(packageRegexes)
        .versions(versions)
        .excludeVersions(excludeVersions)
        .versionRegexes(versionRegexes)
        .statuses(statuses)
        .origin(origin)
        .onlyPrerelease(onlyPrerelease)
        .snapshotBuilds(snapshotBuilds)
        .olderThan(olderThan)
        .newerThan(newerThan)
        .publishedBefore(publishedBefore)
        .publishedAfter(publishedAfter)
        .keepLatest(keepLatest)
        .order(order)
        .protectLatest(protectLatestByDefault && !noProtectLatest)
        .excludePrerelease(excludePrerelease)
        .keepLatestPer(keepLatestPer)
        .build();
  }

  /** A filter's check, its problem a usage error in the command line's words. */
  private static <T> T usage(Supplier<T> check) {
    try {
      return check.get();
    } catch (BadFilter e) {
      throw CapruneException.usage(e.getMessage());
    }
  }

  /** Whether the protect file must be checked against the whole listing before any write. */
  boolean strictProtect() {
    return strictProtect && (protectFile != null || dependencies.anyLockfile());
  }

  /** What remaining versions need and lockfiles pin, held back; read and checked once. */
  dev.caprune.depend.Protections protections() {
    return dependencies.protections(strictProtect);
  }

  /**
   * After listing: the protect file's rules that matched no listed version, as warnings, or with
   * {@code --strict-protect} as a usage error (the caller has made no write yet).
   */
  void checkProtectRules(Criteria criteria) {
    if (protectFile != null) {
      report(criteria.protect().unmatched());
    }
  }

  /** Whether the whole selection must be checked before any write: --strict or --strict-protect. */
  boolean checkBeforeWriting() {
    return strict || strictProtect();
  }

  /**
   * After listing: each exact {@code --package} that named no package, as a warning naming the
   * packages near it, or with {@code --strict} as a usage error (the caller has made no write yet).
   *
   * @param where the repositories, for the message: {@code acme/releases}
   */
  void checkPackages(
      List<VersionScan.MissingPackage> missing,
      List<VersionScan.MissingVersion> missingVersions,
      String where) {
    if (missing.isEmpty() && missingVersions.isEmpty()) {
      return;
    }
    List<String> warnings = new ArrayList<>();
    for (VersionScan.MissingPackage m : missing) {
      String written =
          packages.stream()
              .filter(raw -> sameSource(raw, m.pattern()))
              .findFirst()
              .orElse(m.pattern().source());
      warnings.add(
          "--package "
              + Names.quote(written)
              + ": no "
              + (format == null ? "" : format.wire() + " ")
              + "package of that name in "
              + where
              + (m.near().isEmpty()
                  ? ""
                  : " (did you mean "
                      + String.join(" or ", m.near().stream().map(Names::quote).toList())
                      + "?)"));
    }
    for (VersionScan.MissingVersion m : missingVersions) {
      warnings.add(
          "--version "
              + Names.quote(m.version())
              + ": no "
              + (m.status() == null ? "" : m.status().wire().toLowerCase(Locale.ROOT) + " ")
              + "version of that name in "
              + where
              + (missing.isEmpty() ? "" : " (among the packages found)"));
    }
    if (strict) {
      throw CapruneException.usage(
          "--strict: "
              + warnings.get(0)
              + (warnings.size() > 1 ? " (and " + (warnings.size() - 1) + " more)" : "")
              + "; nothing was changed");
    }
    for (String warning : warnings) {
      LOG.warn(warning);
    }
  }

  private static boolean sameSource(String raw, PackagePattern pattern) {
    try {
      return PackagePattern.parse(raw).source().equals(pattern.source());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Warnings on stderr, the path selection warnings take; with --strict-protect, exit 2. */
  private void report(List<String> warnings) {
    if (warnings.isEmpty()) {
      return;
    }
    if (strictProtect) {
      throw CapruneException.usage(
          "--strict-protect: "
              + warnings.get(0)
              + (warnings.size() > 1 ? " (and " + (warnings.size() - 1) + " more)" : ""));
    }
    for (String warning : warnings) {
      LOG.warn(warning);
    }
  }
}
