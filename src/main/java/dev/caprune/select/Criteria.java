package dev.caprune.select;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What to select, as the options said it. All filters are ANDed; an exclude always wins. Null or
 * empty members mean "no filter".
 *
 * @param format only this format
 * @param namespace namespace glob
 * @param packages package patterns, any matches
 * @param excludePackages package patterns that never match
 * @param packageRegexes package regexes, any matches (name, or namespace/name when the regex has a
 *     slash)
 * @param versions version globs, any matches
 * @param excludeVersions version globs that never match
 * @param versionRegexes version regexes, any matches
 * @param statuses statuses, any matches
 * @param origin only this origin type
 * @param onlyPrerelease only pre-releases by the format's rules
 * @param snapshotBuilds only Maven timestamped snapshot builds ({@code 1.0-20250101.120000-3})
 * @param window publish-time window; unbounded means no time filter
 * @param keepLatest keep this many newest per package (null: keep none)
 * @param order what "newest" means for keep-latest
 * @param protectLatest never select the package's default display version (when a listing names
 *     none: neither its newest version by the format's order nor its most recently published)
 * @param protect the protect file's rules
 * @param excludePrerelease never pre-releases by the format's rules (they do not count toward
 *     keep-latest either: filters come first)
 * @param keepLatestPer keep-latest per release line rather than per package (null: per package)
 */
public record Criteria(
    Format format,
    Matcher namespace,
    List<PackagePattern> packages,
    List<PackagePattern> excludePackages,
    List<Matcher> packageRegexes,
    List<Matcher> versions,
    List<Matcher> excludeVersions,
    List<Matcher> versionRegexes,
    Set<VersionStatus> statuses,
    Origin origin,
    boolean onlyPrerelease,
    boolean snapshotBuilds,
    TimeWindow window,
    Integer keepLatest,
    Order order,
    boolean protectLatest,
    ProtectList protect,
    boolean excludePrerelease,
    Per keepLatestPer) {

  /** What "newest" means for {@code --keep-latest}. */
  public enum Order {
    /** The format's own version precedence. */
    version,
    /**
     * The API's publish-time order (newest first); the two ends are described to check it, and a
     * version whose publish time is unknown is always kept ({@link AgeSearch#newest}).
     */
    published
  }

  /** What {@code --keep-latest-per} keeps the newest N of: each major or each minor line. */
  public enum Per {
    /** Every 1.x, 2.x, ... */
    major,
    /** Every 1.2.x, 1.3.x, ... */
    minor;

    /** How many leading numeric components name a line. */
    public int depth() {
      return this == major ? 1 : 2;
    }
  }

  public Criteria {
    packages = List.copyOf(packages);
    excludePackages = List.copyOf(excludePackages);
    packageRegexes = List.copyOf(packageRegexes);
    versions = List.copyOf(versions);
    excludeVersions = List.copyOf(excludeVersions);
    versionRegexes = List.copyOf(versionRegexes);
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    window = window == null ? new TimeWindow(null, null) : window;
    order = order == null ? Order.version : order;
    protect = protect == null ? ProtectList.empty() : protect;
  }

  /**
   * Whether any filter narrows the selection (a delete with none needs {@code --all}). A time
   * window that cannot leave anything out ({@link TimeWindow#narrows()}) is no filter.
   */
  public boolean narrows() {
    return format != null
        || namespace != null
        || !packages.isEmpty()
        || !excludePackages.isEmpty()
        || !packageRegexes.isEmpty()
        || !versions.isEmpty()
        || !excludeVersions.isEmpty()
        || !versionRegexes.isEmpty()
        || !statuses.isEmpty()
        || origin != null
        || onlyPrerelease
        || excludePrerelease
        || snapshotBuilds
        || window.narrows()
        || keepLatest != null;
  }

  /**
   * Whether listing must come in publish-time order: time filters, keep by publish time, and latest
   * protection (when a listing names no latest version, its most recently published one is then
   * known without a describe call). The order costs nothing: the same calls, sorted by the server.
   */
  public boolean needsPublishOrder() {
    return !window.unbounded() || (keepLatest != null && order == Order.published) || protectLatest;
  }

  /** Whether a package can hold selected versions, judged by its name alone. */
  public boolean matchesPackage(PackageId pkg) {
    if (format != null && pkg.format() != format) {
      return false;
    }
    if (namespace != null && (pkg.namespace() == null || !namespace.matches(pkg.namespace()))) {
      return false;
    }
    if (!packages.isEmpty() && packages.stream().noneMatch(p -> p.matches(pkg))) {
      return false;
    }
    if (!packageRegexes.isEmpty()
        && packageRegexes.stream().noneMatch(r -> r.matches(regexSubject(r, pkg)))) {
      return false;
    }
    return excludePackages.stream().noneMatch(p -> p.matches(pkg));
  }

  private static String regexSubject(Matcher regex, PackageId pkg) {
    return regex.source().contains("/") ? pkg.display() : pkg.name();
  }

  /**
   * The exact packages the criteria name, when they name them exactly (a format, and each pattern a
   * literal name with a literal namespace where the format has namespaces): then no ListPackages
   * call is needed. Empty otherwise.
   */
  public java.util.Optional<List<PackageId>> exactPackages() {
    if (format == null || packages.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<PackageId> ids = new ArrayList<>();
    for (PackagePattern p : packages) {
      if (!(p.name() instanceof Matcher.Glob name) || !name.literal()) {
        return java.util.Optional.empty();
      }
      String ns = null;
      if (p.namespace() != null) {
        if (!(p.namespace() instanceof Matcher.Glob g) || !g.literal()) {
          return java.util.Optional.empty();
        }
        ns = g.literalPrefix();
      } else if (format.hasNamespace()) {
        return java.util.Optional.empty(); // any namespace: only a listing can tell
      }
      PackageId id = new PackageId(format, ns, name.literalPrefix());
      if (matchesPackage(id) && !ids.contains(id)) {
        ids.add(id);
      }
    }
    return java.util.Optional.of(ids);
  }

  /**
   * The {@code --package} patterns with no wildcard (name, and namespace if given): each names one
   * package, so one that matches nothing is most likely a typo.
   */
  public List<PackagePattern> literalPackages() {
    return packages.stream()
        .filter(p -> p.name() instanceof Matcher.Glob name && name.literal())
        .filter(
            p -> p.namespace() == null || (p.namespace() instanceof Matcher.Glob g && g.literal()))
        .toList();
  }

  /** The namespace prefix ListPackages can filter on, or null. */
  public String serverNamespacePrefix() {
    if (namespace != null) {
      return emptyToNull(namespace.literalPrefix());
    }
    if (!packages.isEmpty() && packages.stream().allMatch(p -> p.namespace() != null)) {
      return emptyToNull(
          commonPrefix(packages.stream().map(p -> p.namespace().literalPrefix()).toList()));
    }
    return null;
  }

  /** The package-name prefix ListPackages can filter on, or null. */
  public String serverPackagePrefix() {
    if (packages.isEmpty()) {
      return null;
    }
    return emptyToNull(commonPrefix(packages.stream().map(p -> p.name().literalPrefix()).toList()));
  }

  /** The one status ListPackageVersions can filter on, or null when zero or several are asked. */
  public VersionStatus serverStatus() {
    if (statuses.isEmpty() && snapshotBuilds) {
      return VersionStatus.UNLISTED;
    }
    return statuses.size() == 1 ? statuses.iterator().next() : null;
  }

  private static String commonPrefix(List<String> all) {
    String prefix = all.get(0);
    for (String s : all) {
      int n = 0;
      while (n < prefix.length() && n < s.length() && prefix.charAt(n) == s.charAt(n)) {
        n++;
      }
      prefix = prefix.substring(0, n);
    }
    return prefix;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** A builder holding these criteria, to build a copy with some members changed. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .format(format)
            .namespace(namespace)
            .origin(origin)
            .onlyPrerelease(onlyPrerelease)
            .snapshotBuilds(snapshotBuilds)
            .window(window)
            .keepLatest(keepLatest)
            .order(order)
            .protectLatest(protectLatest)
            .protect(protect)
            .excludePrerelease(excludePrerelease)
            .keepLatestPer(keepLatestPer);
    packages.forEach(b::includePackage);
    excludePackages.forEach(b::excludePackage);
    packageRegexes.forEach(b::packageRegex);
    versions.forEach(b::includeVersion);
    excludeVersions.forEach(b::excludeVersion);
    versionRegexes.forEach(b::versionRegex);
    statuses.forEach(b::status);
    return b;
  }

  /** These criteria with the protect file's rules {@code protect}. */
  public Criteria withProtect(ProtectList protect) {
    return toBuilder().protect(protect).build();
  }

  /** Builds criteria step by step from options. */
  public static final class Builder {
    private Format format;
    private Matcher namespace;
    private final List<PackagePattern> packages = new ArrayList<>();
    private final List<PackagePattern> excludePackages = new ArrayList<>();
    private final List<Matcher> packageRegexes = new ArrayList<>();
    private final List<Matcher> versions = new ArrayList<>();
    private final List<Matcher> excludeVersions = new ArrayList<>();
    private final List<Matcher> versionRegexes = new ArrayList<>();
    private final Set<VersionStatus> statuses = EnumSet.noneOf(VersionStatus.class);
    private Origin origin;
    private boolean onlyPrerelease;
    private boolean snapshotBuilds;
    private TimeWindow window = new TimeWindow(null, null);
    private Integer keepLatest;
    private Order order = Order.version;
    private boolean protectLatest = true;
    private ProtectList protect = ProtectList.empty();
    private boolean excludePrerelease;
    private Per keepLatestPer;

    public Builder format(Format f) {
      this.format = f;
      return this;
    }

    public Builder namespace(Matcher m) {
      this.namespace = m;
      return this;
    }

    public Builder includePackage(PackagePattern p) {
      packages.add(p);
      return this;
    }

    public Builder excludePackage(PackagePattern p) {
      excludePackages.add(p);
      return this;
    }

    public Builder packageRegex(Matcher m) {
      packageRegexes.add(m);
      return this;
    }

    public Builder includeVersion(Matcher m) {
      versions.add(m);
      return this;
    }

    public Builder excludeVersion(Matcher m) {
      excludeVersions.add(m);
      return this;
    }

    public Builder versionRegex(Matcher m) {
      versionRegexes.add(m);
      return this;
    }

    public Builder status(VersionStatus s) {
      statuses.add(s);
      return this;
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

    public Builder window(TimeWindow w) {
      this.window = w;
      return this;
    }

    public Builder keepLatest(Integer n) {
      this.keepLatest = n;
      return this;
    }

    public Builder order(Order o) {
      this.order = o;
      return this;
    }

    public Builder protectLatest(boolean b) {
      this.protectLatest = b;
      return this;
    }

    public Builder protect(ProtectList p) {
      this.protect = p;
      return this;
    }

    public Builder excludePrerelease(boolean b) {
      this.excludePrerelease = b;
      return this;
    }

    public Builder keepLatestPer(Per p) {
      this.keepLatestPer = p;
      return this;
    }

    public Criteria build() {
      return new Criteria(
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
          window,
          keepLatest,
          order,
          protectLatest,
          protect,
          excludePrerelease,
          keepLatestPer);
    }
  }
}
