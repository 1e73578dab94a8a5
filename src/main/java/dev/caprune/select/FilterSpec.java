package dev.caprune.select;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The filters as the user wrote them (globs, regexes, ages and dates as text), before any check:
 * {@link #toCriteria} checks them all, the same way for the command line and a policy file, and
 * turns them into {@link Criteria}. Null or empty members mean "no filter".
 *
 * @param protectLatest whether the version 'latest' resolves to is never selected
 * @param excludePrerelease never pre-releases by the format's rules
 * @param keepLatestPer keep the newest N of each release line (with keepLatest only), or null
 */
public record FilterSpec(
    Format format,
    String namespace,
    List<String> packages,
    List<String> excludePackages,
    List<String> packageRegexes,
    List<String> versions,
    List<String> excludeVersions,
    List<String> versionRegexes,
    Set<VersionStatus> statuses,
    Origin origin,
    boolean onlyPrerelease,
    boolean snapshotBuilds,
    String olderThan,
    String newerThan,
    String publishedBefore,
    String publishedAfter,
    Integer keepLatest,
    Criteria.Order order,
    boolean protectLatest,
    boolean excludePrerelease,
    Criteria.Per keepLatestPer) {

  public FilterSpec {
    packages = List.copyOf(packages);
    excludePackages = List.copyOf(excludePackages);
    packageRegexes = List.copyOf(packageRegexes);
    versions = List.copyOf(versions);
    excludeVersions = List.copyOf(excludeVersions);
    versionRegexes = List.copyOf(versionRegexes);
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
  }

  /**
   * The criteria these filters describe, ages counted back from {@code now}, with no protect file
   * (see {@link Criteria#withProtect}).
   *
   * @throws BadFilter naming the option of the first value that is wrong
   */
  public Criteria toCriteria(Instant now) {
    Criteria.Builder b =
        new Criteria.Builder()
            .format(format)
            .origin(origin)
            .onlyPrerelease(onlyPrerelease)
            .order(order)
            .protectLatest(protectLatest)
            .excludePrerelease(excludePrerelease)
            .keepLatestPer(keepLatestPer);
    if (excludePrerelease && onlyPrerelease) {
      throw new BadFilter(
          "--exclude-prerelease",
          "--exclude-prerelease cannot go with --only-prerelease: together they select nothing");
    }
    if (excludePrerelease && snapshotBuilds) {
      throw new BadFilter(
          "--exclude-prerelease",
          "--exclude-prerelease cannot go with --snapshot-builds: every snapshot build is a"
              + " pre-release");
    }
    if (keepLatestPer != null && keepLatest == null) {
      throw new BadFilter(
          "--keep-latest-per",
          "--keep-latest-per goes with --keep-latest N: it keeps the newest N of each release"
              + " line");
    }
    if (snapshotBuilds) {
      if (format != null && format != Format.MAVEN) {
        throw new BadFilter(
            "--snapshot-builds",
            "--snapshot-builds is for Maven packages; it cannot go with --format " + format);
      }
      b.format(Format.MAVEN).snapshotBuilds(true);
    }
    if (namespace != null) {
      String ns = namespace.startsWith("@") ? namespace.substring(1) : namespace;
      b.namespace(parse("--namespace", ns, n -> glob("namespace", n)));
    }
    packages.forEach(p -> b.includePackage(parse("--package", p, PackagePattern::parse)));
    excludePackages.forEach(
        p -> b.excludePackage(parse("--exclude-package", p, PackagePattern::parse)));
    packageRegexes.forEach(r -> b.packageRegex(parse("--package-regex", r, Matcher::regex)));
    versions.forEach(v -> b.includeVersion(parse("--version", v, g -> glob("version", g))));
    excludeVersions.forEach(
        v -> b.excludeVersion(parse("--exclude-version", v, g -> glob("version", g))));
    versionRegexes.forEach(r -> b.versionRegex(parse("--version-regex", r, Matcher::regex)));
    statuses.forEach(b::status);
    if (keepLatest != null) {
      if (keepLatest < 0) {
        throw new BadFilter("--keep-latest", "--keep-latest must be 0 or more, not " + keepLatest);
      }
      b.keepLatest(keepLatest);
    }
    b.window(window(now));
    return b.build();
  }

  private TimeWindow window(Instant now) {
    Instant before = null;
    Instant after = null;
    if (olderThan != null) {
      before = parse("--older-than", olderThan, a -> Durations.ago(a, now));
    }
    if (publishedBefore != null) {
      before = earliest(before, parse("--published-before", publishedBefore, Durations::parseWhen));
    }
    if (newerThan != null) {
      after = parse("--newer-than", newerThan, a -> Durations.ago(a, now));
    }
    if (publishedAfter != null) {
      after = latest(after, parse("--published-after", publishedAfter, Durations::parseWhen));
    }
    if (before != null && after != null && !after.isBefore(before)) {
      throw new BadFilter(
          null,
          "the time filters leave no window: published after " + after + " and before " + before);
    }
    return TimeWindow.of(now, after, before);
  }

  /** A format by its wire name, any case ({@code --format}, a rule's {@code format:}). */
  public static Format parseFormat(String text) {
    return Format.fromWire(text)
        .orElseThrow(() -> unknown("--format", "format", text, formatNames()));
  }

  /** A status by its wire name, any case ({@code --status}, a rule's {@code status:}). */
  public static VersionStatus parseStatus(String text) {
    return VersionStatus.parse(text)
        .orElseThrow(() -> unknown("--status", "status", text, statusNames()));
  }

  /** An origin type, any case ({@code --origin}, a rule's {@code origin:}). */
  public static Origin parseOrigin(String text) {
    return Origin.parse(text).orElseThrow(() -> unknown("--origin", "origin", text, originNames()));
  }

  /** The formats' wire names, as they are offered. */
  public static List<String> formatNames() {
    return Arrays.stream(Format.values()).map(Format::wire).toList();
  }

  /** The statuses' wire names, as they are offered. */
  public static List<String> statusNames() {
    return Arrays.stream(VersionStatus.values()).map(VersionStatus::wire).toList();
  }

  /** The origin types, lower case as users type them. */
  public static List<String> originNames() {
    return Arrays.stream(Origin.values()).map(o -> o.name().toLowerCase(Locale.ROOT)).toList();
  }

  /** The message names only the value: the caller says where it was given. */
  private static BadFilter unknown(String option, String what, String value, List<String> names) {
    return new BadFilter(
        option,
        "unknown " + what + " '" + value + "' (expected one of: " + String.join(", ", names) + ")");
  }

  /** A glob for a namespace or version, checked against CodeArtifact's naming rules first. */
  private static Matcher glob(String what, String text) {
    if (!text.isEmpty()) {
      Names.checkGlob(what, text);
    }
    return Matcher.glob(text);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private static <T> T parse(String option, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new BadFilter(option, option + ": " + e.getMessage());
    }
  }

  /** Builds the filters one value at a time, as options or a rule's keys give them. */
  public static final class Builder {
    private Format format;
    private String namespace;
    private final List<String> packages = new ArrayList<>();
    private final List<String> excludePackages = new ArrayList<>();
    private final List<String> packageRegexes = new ArrayList<>();
    private final List<String> versions = new ArrayList<>();
    private final List<String> excludeVersions = new ArrayList<>();
    private final List<String> versionRegexes = new ArrayList<>();
    private final Set<VersionStatus> statuses = EnumSet.noneOf(VersionStatus.class);
    private Origin origin;
    private boolean onlyPrerelease;
    private boolean snapshotBuilds;
    private String olderThan;
    private String newerThan;
    private String publishedBefore;
    private String publishedAfter;
    private Integer keepLatest;
    private Criteria.Order order;
    private boolean protectLatest = true;
    private boolean excludePrerelease;
    private Criteria.Per keepLatestPer;

    public Builder format(Format f) {
      this.format = f;
      return this;
    }

    public Builder namespace(String glob) {
      this.namespace = glob;
      return this;
    }

    public Builder packages(List<String> patterns) {
      packages.addAll(patterns);
      return this;
    }

    public Builder excludePackages(List<String> patterns) {
      excludePackages.addAll(patterns);
      return this;
    }

    public Builder packageRegexes(List<String> regexes) {
      packageRegexes.addAll(regexes);
      return this;
    }

    public Builder versions(List<String> globs) {
      versions.addAll(globs);
      return this;
    }

    public Builder excludeVersions(List<String> globs) {
      excludeVersions.addAll(globs);
      return this;
    }

    public Builder versionRegexes(List<String> regexes) {
      versionRegexes.addAll(regexes);
      return this;
    }

    public Builder statuses(java.util.Collection<VersionStatus> s) {
      statuses.addAll(s);
      return this;
    }

    public Builder status(VersionStatus s) {
      statuses.add(s);
      return this;
    }

    /** Whether a status was given. */
    public boolean hasStatus() {
      return !statuses.isEmpty();
    }

    public Builder origin(Origin o) {
      this.origin = o;
      return this;
    }

    public Builder onlyPrerelease(boolean b) {
      this.onlyPrerelease = b;
      return this;
    }

    public Builder snapshotBuilds(boolean b) {
      this.snapshotBuilds = b;
      return this;
    }

    public Builder olderThan(String age) {
      this.olderThan = age;
      return this;
    }

    public Builder newerThan(String age) {
      this.newerThan = age;
      return this;
    }

    public Builder publishedBefore(String when) {
      this.publishedBefore = when;
      return this;
    }

    public Builder publishedAfter(String when) {
      this.publishedAfter = when;
      return this;
    }

    public Builder keepLatest(Integer n) {
      this.keepLatest = n;
      return this;
    }

    public Builder order(Criteria.Order o) {
      this.order = o;
      return this;
    }

    public Builder protectLatest(boolean b) {
      this.protectLatest = b;
      return this;
    }

    public Builder excludePrerelease(boolean b) {
      this.excludePrerelease = b;
      return this;
    }

    public Builder keepLatestPer(Criteria.Per p) {
      this.keepLatestPer = p;
      return this;
    }

    public FilterSpec build() {
      return new FilterSpec(
          format,
          namespace,
          packages,
          excludePackages,
          packageRegexes,
          versions,
          excludeVersions,
          versionRegexes,
          statuses,
          origin,
          onlyPrerelease,
          snapshotBuilds,
          olderThan,
          newerThan,
          publishedBefore,
          publishedAfter,
          keepLatest,
          order,
          protectLatest,
          excludePrerelease,
          keepLatestPer);
    }
  }
}
