package dev.caprune.sandbox;

import dev.caprune.sandbox.Store.Asset;
import dev.caprune.sandbox.Store.Dependency;
import dev.caprune.sandbox.Store.Domain;
import dev.caprune.sandbox.Store.PackageKey;
import dev.caprune.sandbox.Store.Pkg;
import dev.caprune.sandbox.Store.Repo;
import dev.caprune.sandbox.Store.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code --demo}: a small, realistic domain {@code acme} for the quick start. Repositories {@code
 * releases} (Maven, npm, PyPI, NuGet, generic, Cargo, Ruby; pre-releases; a few Archived; PyPI
 * packages cached from upstream), {@code pypi-store} (releases' PyPI upstream: the same cached
 * versions, whose files the domain stores once), {@code snapshots} (Maven SNAPSHOTs with
 * timestamped builds: older builds Unlisted, the newest Published) and {@code npm-cache} (versions
 * from npmjs, origin EXTERNAL). Applications of releases depend on its libraries ({@link
 * #dependencies}). Publish times are relative to "now", from about 400 days to 1 day ago.
 */
final class DemoData {
  private static final DateTimeFormatter BUILD_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss").withZone(ZoneOffset.UTC);

  private final Instant now;

  private DemoData(Instant now) {
    this.now = now;
  }

  static void load(Store store, Instant now) {
    new DemoData(now).fill(store);
  }

  private void fill(Store store) {
    Domain acme = store.domain("acme", Store.DEFAULT_OWNER);
    Repo releases = Store.repo(acme, "releases");
    add(
        releases,
        "maven",
        "com.acme.platform",
        "core-api",
        null,
        "1.0.0 400d Archived",
        "1.1.0 362d Archived",
        "1.2.0 330d",
        "1.2.1 301d",
        "1.3.0 240d",
        "1.3.1 190d",
        "1.4.0 120d",
        "1.4.1 75d",
        "1.4.2 41d",
        "2.0.0-RC1 18d",
        "2.0.0 9d");
    add(
        releases,
        "maven",
        "com.acme.platform",
        "billing-service",
        null,
        "3.0.0 390d Archived",
        "3.1.0 280d",
        "3.1.1 250d Unlisted",
        "3.2.0 160d",
        "3.3.0 62d",
        "3.3.1 12d");
    add(
        releases,
        "maven",
        "com.acme.tools",
        "lint-rules",
        null,
        "0.9.0 200d",
        "1.0.0 150d",
        "1.1.0 35d");
    add(
        releases,
        "npm",
        "acme",
        "ui-kit",
        "2.1.0",
        "1.0.0 395d Archived",
        "1.1.0 340d",
        "1.2.0 300d",
        "1.2.1 280d",
        "1.3.0 210d",
        "1.4.0 170d",
        "1.5.0 130d",
        "1.5.1 100d",
        "1.5.2 95d",
        "2.0.0-beta.1 80d",
        "2.0.0-beta.2 70d",
        "2.0.0-rc.1 55d",
        "2.0.0 45d",
        "2.1.0 20d",
        "2.2.0-beta.1 4d");
    add(
        releases,
        "npm",
        "acme",
        "config",
        null,
        "0.1.0 310d",
        "0.2.0 220d",
        "0.3.0 90d",
        "0.3.1 7d");
    add(
        releases,
        "npm",
        null,
        "acme-cli",
        null,
        "1.0.0 365d",
        "1.1.0 250d",
        "1.2.0 140d",
        "1.3.0-next.0 30d",
        "1.3.0 2d");
    add(
        releases,
        "pypi",
        null,
        "acme-sdk",
        null,
        "0.9.0 380d Archived",
        "1.0.0rc1 330d",
        "1.0.0 320d",
        "1.0.1 290d",
        "1.1.0.dev1 200d",
        "1.1.0.dev2 185d",
        "1.1.0 170d",
        "1.2.0rc1 60d",
        "1.2.0 50d",
        "1.2.1 1d");
    add(
        releases,
        "pypi",
        null,
        "requests",
        null,
        "2.31.0 300d EXTERNAL",
        "2.32.0 150d EXTERNAL",
        "2.32.3 60d EXTERNAL");
    add(
        releases,
        "pypi",
        null,
        "urllib3",
        null,
        "2.0.7 280d EXTERNAL",
        "2.2.1 120d EXTERNAL",
        "2.2.3 25d EXTERNAL");
    add(
        releases,
        "nuget",
        null,
        "Acme.Logging",
        null,
        "1.0.0 350d",
        "1.1.0 260d",
        "2.0.0-preview1 150d Unlisted",
        "2.0.0 110d",
        "2.0.1 15d");
    add(
        releases,
        "generic",
        "tools",
        "deploy-bundle",
        null,
        "2.0.101 390d Archived",
        "2.0.117 300d",
        "2.1.130 240d",
        "2.1.152 150d",
        "2.2.170 60d",
        "2.2.181 10d");
    add(releases, "cargo", null, "acme-parser", null, "0.1.0 200d", "0.2.0 100d", "0.2.1 30d");
    add(releases, "ruby", null, "acme_client", null, "1.0.0 300d Disposed", "1.0.1 180d");

    dependencies(releases);

    // The upstream of releases for PyPI, with its external connection to pypi.org: the versions
    // releases shows as EXTERNAL were fetched through it, so each repository holds them, and the
    // domain stores their files once (the same asset, the same hashes, in both).
    Repo pypiStore = Store.repo(acme, "pypi-store");
    add(
        pypiStore,
        "pypi",
        null,
        "requests",
        null,
        "2.28.2 420d EXTERNAL",
        "2.31.0 300d EXTERNAL",
        "2.32.0 150d EXTERNAL",
        "2.32.3 60d EXTERNAL");
    add(
        pypiStore,
        "pypi",
        null,
        "urllib3",
        null,
        "2.0.7 280d EXTERNAL",
        "2.2.1 120d EXTERNAL",
        "2.2.3 25d EXTERNAL");

    Repo snapshots = Store.repo(acme, "snapshots");
    snapshot(snapshots, "com.acme.platform", "core-api", "2.1.0", 12, 72, 6);
    snapshot(snapshots, "com.acme.platform", "billing-service", "3.4.0", 9, 85, 10);

    Repo cache = Store.repo(acme, "npm-cache");
    add(
        cache,
        "npm",
        null,
        "lodash",
        null,
        "4.17.19 390d EXTERNAL",
        "4.17.20 330d EXTERNAL",
        "4.17.21 260d EXTERNAL");
    add(
        cache,
        "npm",
        "types",
        "react",
        null,
        "18.2.0 380d EXTERNAL",
        "18.3.1 200d EXTERNAL",
        "19.0.0 90d EXTERNAL",
        "19.1.0 14d EXTERNAL");
    add(cache, "npm", null, "left-pad", null, "1.3.0 400d EXTERNAL");
    add(
        cache,
        "npm",
        "babel",
        "core",
        "7.26.0",
        "7.24.0 300d EXTERNAL",
        "7.25.2 150d EXTERNAL",
        "7.26.0 40d EXTERNAL",
        "8.0.0-alpha.1 6d EXTERNAL");
  }

  /**
   * The applications of releases depend on its libraries, as their metadata files say: the npm CLI
   * on {@code @acme/ui-kit} and {@code @acme/config} (caret, tilde and exact requirements, and dev
   * dependencies on {@code @types/react} and {@code lodash}, which releases does not hold), the
   * billing service on core-api (soft requirements and ranges) and lint-rules (test scope), the
   * Python SDK on requests and urllib3 (specifiers), Acme.Logging 2.x on a nuget.org package (a
   * range of a package the repository does not hold).
   */
  private static void dependencies(Repo releases) {
    depends(
        releases,
        "npm",
        null,
        "acme-cli",
        "1.0.0",
        dep("acme", "ui-kit", "regular", "^1.0.0"),
        dep("acme", "config", "regular", "~0.1.0"));
    depends(
        releases,
        "npm",
        null,
        "acme-cli",
        "1.1.0",
        dep("acme", "ui-kit", "regular", "^1.2.0"),
        dep("acme", "config", "regular", "^0.1.0"));
    depends(
        releases,
        "npm",
        null,
        "acme-cli",
        "1.2.0",
        dep("acme", "ui-kit", "regular", "^1.4.0"),
        dep("acme", "config", "regular", "~0.2.0"),
        dep(null, "lodash", "regular", "^4.17.21"),
        dep("types", "react", "dev", "^18.2.0"));
    depends(
        releases,
        "npm",
        null,
        "acme-cli",
        "1.3.0-next.0",
        dep("acme", "ui-kit", "regular", "^2.0.0"),
        dep("acme", "config", "regular", "^0.3.0"),
        dep(null, "lodash", "regular", "^4.17.21"),
        dep("types", "react", "dev", "^19.0.0"));
    depends(
        releases,
        "npm",
        null,
        "acme-cli",
        "1.3.0",
        dep("acme", "ui-kit", "regular", "^2.1.0"),
        dep("acme", "config", "regular", "0.3.1"),
        dep(null, "lodash", "regular", "^4.17.21"),
        dep("types", "react", "dev", "^19.0.0"));
    String platform = "com.acme.platform";
    depends(
        releases,
        "maven",
        platform,
        "billing-service",
        "3.0.0",
        dep(platform, "core-api", "compile", "1.0.0"));
    depends(
        releases,
        "maven",
        platform,
        "billing-service",
        "3.1.0",
        dep(platform, "core-api", "compile", "1.2.0"));
    depends(
        releases,
        "maven",
        platform,
        "billing-service",
        "3.2.0",
        dep(platform, "core-api", "compile", "[1.3,1.4)"),
        dep("com.acme.tools", "lint-rules", "test", "0.9.0"));
    depends(
        releases,
        "maven",
        platform,
        "billing-service",
        "3.3.0",
        dep(platform, "core-api", "compile", "[1.4,2.0)"),
        dep("com.acme.tools", "lint-rules", "test", "[1.0.0,)"));
    depends(
        releases,
        "maven",
        platform,
        "billing-service",
        "3.3.1",
        dep(platform, "core-api", "compile", "1.4.2"),
        dep("com.acme.tools", "lint-rules", "test", "[1.1.0,)"));
    depends(
        releases,
        "pypi",
        null,
        "acme-sdk",
        "1.0.0",
        dep(null, "requests", "Requires-Dist", ">=2.28,<3"));
    depends(
        releases,
        "pypi",
        null,
        "acme-sdk",
        "1.1.0",
        dep(null, "requests", "Requires-Dist", ">=2.31.0,<3"),
        dep(null, "urllib3", "Requires-Dist", ">=2.0.7,<3"));
    depends(
        releases,
        "pypi",
        null,
        "acme-sdk",
        "1.2.0",
        dep(null, "requests", "Requires-Dist", "~=2.32"),
        dep(null, "urllib3", "Requires-Dist", ">=2.2,<3"));
    depends(
        releases,
        "pypi",
        null,
        "acme-sdk",
        "1.2.1",
        dep(null, "requests", "Requires-Dist", ">=2.32.3,<3"),
        dep(null, "urllib3", "Requires-Dist", ">=2.2.1,<2.3"));
    for (String version : List.of("2.0.0", "2.0.1")) {
      depends(
          releases,
          "nuget",
          null,
          "Acme.Logging",
          version,
          dep(null, "Microsoft.Extensions.Logging.Abstractions", null, "[8.0.0, )"));
    }
  }

  private static Dependency dep(String namespace, String pkg, String type, String requirement) {
    return new Dependency(namespace, pkg, type, requirement);
  }

  private static void depends(
      Repo repo,
      String format,
      String namespace,
      String name,
      String version,
      Dependency... dependencies) {
    Pkg pkg = repo.packages.get(new PackageKey(format, namespace, name));
    pkg.get(version).dependencies = List.of(dependencies);
  }

  /**
   * Adds versions written as {@code "VERSION AGE [STATUS] [EXTERNAL]"}, AGE like {@code 30d} or
   * {@code 6h} before now.
   */
  private void add(
      Repo repo, String format, String namespace, String name, String latestTag, String... specs) {
    Pkg pkg = Store.pkg(repo, new PackageKey(format, namespace, name));
    pkg.latestTag = latestTag;
    for (String spec : specs) {
      String[] f = spec.split(" ");
      String status = "Published";
      String origin = "INTERNAL";
      for (int i = 2; i < f.length; i++) {
        if (f[i].equals("EXTERNAL")) {
          origin = f[i];
        } else {
          status = f[i];
        }
      }
      put(repo, pkg, f[0], status, now.minus(age(f[1])), origin);
    }
  }

  /** A SNAPSHOT base version with {@code builds} timestamped builds, the newest Published. */
  private void snapshot(
      Repo repo,
      String group,
      String artifact,
      String base,
      int builds,
      int firstDaysAgo,
      int gap) {
    Pkg pkg = Store.pkg(repo, new PackageKey("maven", group, artifact));
    Instant newest = null;
    for (int k = 1; k <= builds; k++) {
      Instant t =
          now.minus(Duration.ofDays(firstDaysAgo - (long) (k - 1) * gap)).minusSeconds(3_600L * k);
      String version = base + "-" + BUILD_TIME.format(t) + "-" + k;
      put(repo, pkg, version, k == builds ? "Published" : "Unlisted", t, "INTERNAL");
      newest = t;
    }
    put(repo, pkg, base + "-SNAPSHOT", "Published", newest, "INTERNAL");
  }

  private static void put(
      Repo repo, Pkg pkg, String version, String status, Instant published, String origin) {
    List<Asset> assets = status.equals("Disposed") ? List.of() : assets(pkg.key, version);
    pkg.put(
        new Version(
            version,
            status,
            Store.revisionFor(repo.name, pkg.key, version),
            published,
            origin,
            assets));
  }

  /**
   * Typical sizes of each package's main file, in bytes (real packages' sizes where the package is
   * real): a Spring Boot service jar is tens of MB, a deploy bundle hundreds, a Python wheel tens
   * of KB.
   */
  private static final Map<String, Long> MAIN_SIZE =
      Map.ofEntries(
          Map.entry("core-api", 1_850_000L),
          Map.entry("billing-service", 48_500_000L),
          Map.entry("lint-rules", 118_000L),
          Map.entry("ui-kit", 1_420_000L),
          Map.entry("config", 12_400L),
          Map.entry("acme-cli", 386_000L),
          Map.entry("acme-sdk", 182_000L),
          Map.entry("requests", 62_600L),
          Map.entry("urllib3", 126_000L),
          Map.entry("Acme.Logging", 86_000L),
          Map.entry("deploy-bundle", 212_000_000L),
          Map.entry("acme-parser", 44_800L),
          Map.entry("acme_client", 27_500L),
          Map.entry("lodash", 318_960L),
          Map.entry("react", 96_300L),
          Map.entry("left-pad", 2_917L),
          Map.entry("core", 291_000L));

  /** The files of one version, sized around the package's typical size (see {@link Files}). */
  private static List<Asset> assets(PackageKey key, String version) {
    long main = MAIN_SIZE.getOrDefault(key.name(), 50_000L);
    return Files.of(key, version, main, (name, typical) -> size(key, version, name, typical));
  }

  /** {@code typical} ±15 %, drawn from the package, version and file name. */
  private static long size(PackageKey key, String version, String name, long typical) {
    byte[] h = Store.sha256(key + "/" + version + "/" + name);
    int draw = (h[0] & 0xff) << 8 | (h[1] & 0xff); // 0..65535
    return Math.max(1, typical * (85_000L + draw * 30_000L / 65_535) / 100_000);
  }

  private static Duration age(String text) {
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    return text.endsWith("h") ? Duration.ofHours(n) : Duration.ofDays(n);
  }
}
