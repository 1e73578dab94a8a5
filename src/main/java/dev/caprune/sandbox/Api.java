package dev.caprune.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.sandbox.PageTokens.Page;
import dev.caprune.sandbox.Store.Asset;
import dev.caprune.sandbox.Store.Domain;
import dev.caprune.sandbox.Store.PackageKey;
import dev.caprune.sandbox.Store.Pkg;
import dev.caprune.sandbox.Store.Repo;
import dev.caprune.sandbox.Store.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/** The operations: validate the input, then read or change the {@link Store} under its lock. */
final class Api {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> UPDATE_TARGETS = Set.of("Published", "Unlisted", "Archived");
  private static final Map<String, String> EXTERNAL_CONNECTIONS =
      Map.of(
          "npm", "public:npmjs",
          "pypi", "public:pypi",
          "maven", "public:maven-central",
          "nuget", "public:nuget-org",
          "ruby", "public:ruby-gems-org",
          "cargo", "public:crates-io");

  /** Formats whose packages always have a namespace: a request without one is invalid. */
  static final Set<String> NEEDS_NAMESPACE = Set.of("maven", "swift", "generic");

  /** Dependencies per ListPackageVersionDependencies page when none is set. */
  static final int DEPENDENCIES_PAGE_SIZE = 100;

  private final Store store;
  private final PageTokens tokens;
  private final Instant started;
  private final int dependenciesPageSize;

  Api(Store store, PageTokens tokens, Instant started) {
    this(store, tokens, started, DEPENDENCIES_PAGE_SIZE);
  }

  Api(Store store, PageTokens tokens, Instant started, int dependenciesPageSize) {
    this.store = store;
    this.tokens = tokens;
    this.started = started;
    this.dependenciesPageSize = dependenciesPageSize;
  }

  /** Version writes answered 409 by --conflict-rate. */
  final java.util.concurrent.atomic.AtomicLong conflicts =
      new java.util.concurrent.atomic.AtomicLong();

  /** Status changes answered in part by --partial-rate. */
  final java.util.concurrent.atomic.AtomicLong partials =
      new java.util.concurrent.atomic.AtomicLong();

  ObjectNode execute(Call c) {
    return switch (c.op) {
      case LIST_DOMAINS -> listDomains(c);
      case LIST_REPOSITORIES_IN_DOMAIN -> listRepositories(c);
      case LIST_PACKAGES -> listPackages(c);
      case LIST_PACKAGE_VERSIONS -> listPackageVersions(c);
      case DESCRIBE_PACKAGE_VERSION -> describePackageVersion(c);
      case LIST_PACKAGE_VERSION_ASSETS -> listPackageVersionAssets(c);
      case LIST_PACKAGE_VERSION_DEPENDENCIES -> listPackageVersionDependencies(c);
      case DELETE_PACKAGE_VERSIONS -> deletePackageVersions(c);
      case UPDATE_PACKAGE_VERSIONS_STATUS -> updatePackageVersionsStatus(c);
      case DISPOSE_PACKAGE_VERSIONS -> disposePackageVersions(c);
      case DELETE_PACKAGE -> deletePackage(c);
      case PUBLISH_PACKAGE_VERSION -> publishPackageVersion(c);
    };
  }

  // ---- reads

  private ObjectNode listDomains(Call c) {
    int max = c.maxResults(100);
    String token = c.nextToken();
    try (Locked l = read()) {
      Page<Domain> page =
          tokens.page(
              new ArrayList<>(store.domains.values()), d -> d.name, c.op.awsName, token, max);
      ObjectNode out = NODES.objectNode();
      ArrayNode list = out.putArray("domains");
      for (Domain d : page.items()) {
        ObjectNode n = list.addObject();
        n.put("name", d.name)
            .put("owner", d.owner)
            .put("arn", domainArn(d))
            .put("status", "Active");
        n.set("createdTime", time(started));
        n.put("encryptionKey", "arn:aws:kms:us-east-1:" + d.owner + ":key/sandbox-" + d.name);
      }
      return withToken(out, page);
    }
  }

  private ObjectNode listRepositories(Call c) {
    String domainName = c.query("domain", "domain", Shape.DOMAIN, true);
    String owner = c.query("domain-owner", "domainOwner", Shape.ACCOUNT, false);
    String admin = c.query("administrator-account", "administratorAccount", Shape.ACCOUNT, false);
    String prefix = c.query("repository-prefix", "repositoryPrefix", Shape.REPOSITORY, false);
    int max = c.maxResults(100);
    String token = c.nextToken();
    String scope = scope(c, domainName, owner, admin, prefix);
    try (Locked l = read()) {
      Domain d = domain(domainName, owner);
      List<Repo> repos = new ArrayList<>();
      for (Repo r : d.repos.values()) {
        if ((prefix == null || r.name.startsWith(prefix))
            && (admin == null || admin.equals(d.owner))) {
          repos.add(r);
        }
      }
      Page<Repo> page = tokens.page(repos, r -> r.name, scope, token, max);
      ObjectNode out = NODES.objectNode();
      ArrayNode list = out.putArray("repositories");
      for (Repo r : page.items()) {
        ObjectNode n = list.addObject();
        n.put("name", r.name).put("administratorAccount", d.owner);
        n.put("domainName", d.name).put("domainOwner", d.owner);
        n.put(
            "arn",
            "arn:aws:codeartifact:us-east-1:" + d.owner + ":repository/" + d.name + "/" + r.name);
        n.set("createdTime", time(started));
      }
      return withToken(out, page);
    }
  }

  private ObjectNode listPackages(Call c) {
    RepoRef ref = repoRef(c);
    String format = c.query("format", "format", Shape.FORMAT, false);
    String namespace = c.query("namespace", "namespace", Shape.NAME, false);
    String prefix = c.query("package-prefix", "packagePrefix", Shape.NAME, false);
    String publish = c.query("publish", "publish", Shape.ALLOW_BLOCK, false);
    String upstream = c.query("upstream", "upstream", Shape.ALLOW_BLOCK, false);
    int max = c.maxResults(100);
    String token = c.nextToken();
    String scope = scope(c, ref.toString(), format, namespace, prefix, publish, upstream);
    try (Locked l = read()) {
      Repo repo = repo(ref);
      // Every sandbox package allows both publishing and upstreams.
      boolean originMatches = !"BLOCK".equals(publish) && !"BLOCK".equals(upstream);
      String after = token == null ? null : tokens.open(token, scope);
      Iterable<Pkg> walk =
          after == null
              ? repo.packages.values()
              : repo.packages.tailMap(packageKeyOf(after), false).values();
      Page<Pkg> page =
          walk(
              walk,
              p -> {
                PackageKey k = p.key;
                return originMatches
                    && (format == null || format.equals(k.format()))
                    && (namespace == null
                        || (k.namespace() != null && k.namespace().startsWith(namespace)))
                    && (prefix == null || k.name().startsWith(prefix));
              },
              p -> p.key.sortKey(),
              scope,
              max);
      ObjectNode out = NODES.objectNode();
      ArrayNode list = out.putArray("packages");
      for (Pkg p : page.items()) {
        list.add(packageSummary(p.key));
      }
      return withToken(out, page);
    }
  }

  /** The package key a ListPackages cursor ({@link PackageKey#sortKey()}) names. */
  private static PackageKey packageKeyOf(String sortKey) {
    String[] parts = sortKey.split("\u0000", -1);
    if (parts.length != 3) {
      throw ApiException.validation("Invalid pagination token.");
    }
    return new PackageKey(parts[0], parts[1].isEmpty() ? null : parts[1], parts[2]);
  }

  /**
   * Entries a page may walk past beyond its own, per requested result: a filter that matches little
   * ends the page early (fewer results, even none, and a nextToken to go on from), as a paged
   * service does, so no page walks the whole package.
   */
  static final int WALK_PER_RESULT = 64;

  /** A page walks at least this many entries, whatever its size. */
  static final int WALK_MINIMUM = 1024;

  /**
   * One page from an index walked from its cursor: the first {@code max} entries {@code matches}
   * accepts, and a token (the key of the last entry the page stands on) while more may follow. It
   * looks at most {@code max * WALK_PER_RESULT + WALK_MINIMUM} entries, so a page costs its own
   * size, not the listing's, and counts them in {@link Store#visited}.
   */
  private <T> Page<T> walk(
      Iterable<T> index,
      java.util.function.Predicate<T> matches,
      Function<T, String> key,
      String scope,
      int max) {
    long budget = (long) max * WALK_PER_RESULT + WALK_MINIMUM;
    List<T> items = new ArrayList<>(Math.min(max, 1000));
    T last = null;
    long visited = 0;
    boolean more = false;
    for (T entry : index) {
      if (visited == budget) {
        more = true; // out of walk: go on from the last entry looked at
        break;
      }
      visited++;
      if (matches.test(entry)) {
        if (items.size() == max) {
          more = true; // one more match exists: go on after the page's last
          break;
        }
        items.add(entry);
      }
      last = entry;
    }
    store.visited.add(visited);
    return new Page<>(items, more ? tokens.seal(scope, key.apply(last)) : null);
  }

  private ObjectNode listPackageVersions(Call c) {
    PkgRef ref = pkgRef(c);
    String status = c.query("status", "status", Shape.STATUS, false);
    String sortBy = c.query("sortBy", "sortBy", Shape.SORT, false);
    String originType = c.query("originType", "originType", Shape.ORIGIN_TYPE, false);
    int max = c.maxResults(50);
    String token = c.nextToken();
    String scope = scope(c, ref.toString(), status, sortBy, originType);
    try (Locked l = read()) {
      Repo repo = repo(ref.repo);
      Pkg pkg = pkg(repo, ref);
      String after = token == null ? null : tokens.open(token, scope);
      Iterable<Version> index =
          sortBy == null
              ? pkg.byVersionAfter(after)
              : pkg.newestFirstAfter(after == null ? null : newestFirstProbe(after));
      Page<Version> page =
          walk(
              index,
              v ->
                  (status == null || status.equals(v.status()))
                      && (originType == null || originType.equals(v.origin())),
              sortBy == null ? v -> v.version : Api::newestFirstKey,
              scope,
              max);
      ObjectNode out = NODES.objectNode();
      String display = pkg.defaultDisplayVersion();
      if (display != null) {
        out.put("defaultDisplayVersion", display);
      }
      packageFields(out, pkg.key, "package");
      ArrayNode list = out.putArray("versions");
      for (Version v : page.items()) {
        ObjectNode n = list.addObject();
        n.put("version", v.version).put("revision", v.revision()).put("status", v.status());
        n.set("origin", origin(repo, pkg.key, v));
      }
      return withToken(out, page);
    }
  }

  /** A newest-first cursor: the publish time in epoch milliseconds, a space, the version. */
  private static String newestFirstKey(Version v) {
    return v.publishedMillis() + " " + v.version;
  }

  private static Version newestFirstProbe(String key) {
    int space = key.indexOf(' ');
    try {
      return Version.probe(Long.parseLong(key.substring(0, space)), key.substring(space + 1));
    } catch (RuntimeException e) {
      throw ApiException.validation("Invalid pagination token.");
    }
  }

  private ObjectNode describePackageVersion(Call c) {
    PkgRef ref = pkgRef(c);
    String version = c.query("version", "packageVersion", Shape.NAME, true);
    try (Locked l = read()) {
      Repo repo = repo(ref.repo);
      Pkg pkg = pkg(repo, ref);
      Version v = version(pkg, version);
      ObjectNode d = NODES.objectNode();
      packageFields(d, pkg.key, "packageName");
      d.put("displayName", pkg.key.name()).put("version", v.version);
      if (v.published() != null) {
        d.set("publishedTime", time(v.published()));
      }
      d.put("revision", v.revision()).put("status", v.status());
      d.set("origin", origin(repo, pkg.key, v));
      ObjectNode out = NODES.objectNode();
      out.set("packageVersion", d);
      return out;
    }
  }

  private ObjectNode listPackageVersionAssets(Call c) {
    PkgRef ref = pkgRef(c);
    String version = c.query("version", "packageVersion", Shape.NAME, true);
    int max = c.maxResults(100);
    String token = c.nextToken();
    String scope = scope(c, ref.toString(), version);
    try (Locked l = read()) {
      Pkg pkg = pkg(repo(ref.repo), ref);
      Version v = version(pkg, version);
      List<Asset> assets = new ArrayList<>(v.assets(pkg.key));
      assets.sort(Comparator.comparing(Asset::name));
      Page<Asset> page = tokens.page(assets, Asset::name, scope, token, max);
      ObjectNode out = NODES.objectNode();
      packageFields(out, pkg.key, "package");
      out.put("version", v.version).put("versionRevision", v.revision());
      ArrayNode list = out.putArray("assets");
      for (Asset a : page.items()) {
        ObjectNode n = list.addObject().put("name", a.name()).put("size", a.size());
        ObjectNode hashes = n.putObject("hashes");
        a.hashes(pkg.key, v.version).forEach(hashes::put);
      }
      return withToken(out, page);
    }
  }

  /**
   * ListPackageVersionDependencies: the version's direct dependencies in their metadata order. The
   * operation has no max-results: the server sets the page size (here {@code
   * dependenciesPageSize}); each page's token holds the position of its last dependency.
   */
  private ObjectNode listPackageVersionDependencies(Call c) {
    PkgRef ref = pkgRef(c);
    String version = c.query("version", "packageVersion", Shape.NAME, true);
    String token = c.nextToken();
    String scope = scope(c, ref.toString(), version);
    try (Locked l = read()) {
      Pkg pkg = pkg(repo(ref.repo), ref);
      Version v = version(pkg, version);
      List<Store.Dependency> all = v.dependencies;
      List<Integer> positions = java.util.stream.IntStream.range(0, all.size()).boxed().toList();
      Page<Integer> page =
          tokens.page(positions, Api::positionKey, scope, token, dependenciesPageSize);
      ObjectNode out = NODES.objectNode();
      packageFields(out, pkg.key, "package");
      out.put("version", v.version).put("versionRevision", v.revision());
      ArrayNode list = out.putArray("dependencies");
      for (int i : page.items()) {
        list.add(Seeds.dependencyJson(all.get(i)));
      }
      return withToken(out, page);
    }
  }

  /** A list position as a page key: fixed width, so keys sort as the positions do. */
  private static String positionKey(int position) {
    return String.format(java.util.Locale.ROOT, "%010d", position);
  }

  // ---- writes

  private static final Shape SHA256 = Shape.pattern("[0-9a-f]+", 64, 64);

  /** Publishes so far: part of every new revision, so a republish never repeats one. */
  private long publishes;

  /**
   * PublishPackageVersion (generic only): a new version is created with the asset, Unfinished when
   * {@code unfinished=true}, else Published; an Unfinished version takes further assets and is
   * Published by the first publish without the flag; a version in any other status takes no new
   * asset (409), nor does an asset name it already has. Every accepted publish gives the version a
   * new revision. A deleted version can be published again: it comes back with a new revision.
   */
  private ObjectNode publishPackageVersion(Call c) {
    RepoRef repoRef = repoRef(c);
    String format = c.query("format", "format", Shape.FORMAT, true);
    String namespace = c.query("namespace", "namespace", Shape.NAME, false);
    String name = c.query("package", "package", Shape.NAME, true);
    String version = c.query("version", "packageVersion", Shape.NAME, true);
    String asset = c.query("asset", "assetName", Shape.ASSET_NAME, true);
    String unfinishedText = c.query("unfinished", "unfinished", Shape.BOOLEAN, false);
    boolean unfinished = "true".equals(unfinishedText);
    if (!format.equals("generic")) {
      throw ApiException.validation(
          "Only generic packages can be published with PublishPackageVersion, not " + format);
    }
    if (namespace == null) {
      throw namespaceRequired(format);
    }
    if (c.contentSha256 == null) {
      throw Call.missing("assetSHA256");
    }
    SHA256.check("assetSHA256", c.contentSha256);
    String actual = HexFormat.of().formatHex(Store.digest("SHA-256", c.payload));
    if (!actual.equals(c.contentSha256)) {
      throw ApiException.validation(
          "The assetSHA256 "
              + c.contentSha256
              + " does not match the SHA-256 of the asset content ("
              + actual
              + ").");
    }
    PackageKey key = new PackageKey(format, namespace, name);
    try (Locked l = write()) {
      Repo repo = repo(repoRef);
      Pkg pkg = repo.packages.get(key);
      Version v = pkg == null ? null : pkg.get(version);
      if (v != null && !"Unfinished".equals(v.status())) {
        throw ApiException.conflict(
            "package-version",
            version,
            "Package version "
                + version
                + " of "
                + name
                + " is "
                + v.status()
                + "; only an Unfinished version takes new assets.");
      }
      if (v != null && v.assets(key).stream().anyMatch(a -> a.name().equals(asset))) {
        throw ApiException.conflict(
            "asset",
            asset,
            "Package version " + version + " of " + name + " already has an asset " + asset + ".");
      }
      Asset published = new Asset(asset, c.payload.length, Store.hashesOf(c.payload));
      String previous = v == null ? "" : v.revision();
      String revision =
          Store.revision(
              Store.sha256(
                  "publish\n"
                      + repo.name
                      + "\n"
                      + key
                      + "\n"
                      + version
                      + "\n"
                      + previous
                      + "\n"
                      + asset
                      + "\n"
                      + actual
                      + "\n"
                      + ++publishes));
      String status = unfinished ? "Unfinished" : "Published";
      if (v == null) {
        pkg = Store.pkg(repo, key);
        v =
            new Version(
                version,
                status,
                revision,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                "INTERNAL",
                List.of(published));
        pkg.put(v);
      } else {
        v.addAsset(key, published);
        v.status(status);
        v.revision(revision);
      }
      ObjectNode out = NODES.objectNode();
      packageFields(out, key, "package");
      out.put("version", version).put("versionRevision", revision).put("status", status);
      ObjectNode a = out.putObject("asset").put("name", asset).put("size", published.size());
      ObjectNode h = a.putObject("hashes");
      published.hashes().forEach(h::put);
      return out;
    }
  }

  private ObjectNode deletePackageVersions(Call c) {
    PkgRef ref = pkgRef(c);
    List<String> versions = c.versions();
    String expected = c.bodyString("expectedStatus", Shape.STATUS, false);
    try (Locked l = write()) {
      Pkg pkg = pkg(repo(ref.repo), ref);
      conflictIfDrawn(c, pkg);
      Outcome outcome = new Outcome();
      for (String name : versions) {
        Version v = pkg.get(name);
        if (v == null) {
          outcome.fail(name, "NOT_FOUND", notFoundMessage(name));
        } else if (expected != null && !expected.equals(v.status())) {
          outcome.fail(name, "MISMATCHED_STATUS", mismatchedStatus(v, expected));
        } else {
          pkg.remove(name);
          outcome.ok(name, v.revision(), "Deleted");
        }
      }
      return outcome.json();
    }
  }

  private ObjectNode updatePackageVersionsStatus(Call c) {
    PkgRef ref = pkgRef(c);
    List<String> versions = c.versions();
    Map<String, String> revisions = c.versionRevisions();
    String expected = c.bodyString("expectedStatus", Shape.STATUS, false);
    String target = c.bodyString("targetStatus", Shape.STATUS, true);
    if (!UPDATE_TARGETS.contains(target)) {
      throw ApiException.validation(
          "targetStatus must be Published, Unlisted or Archived, not "
              + target
              + (target.equals("Disposed") ? " (use DisposePackageVersions)" : "")
              + (target.equals("Deleted") ? " (use DeletePackageVersions)" : ""));
    }
    return changeStatus(c, ref, versions, revisions, expected, target);
  }

  private ObjectNode disposePackageVersions(Call c) {
    PkgRef ref = pkgRef(c);
    List<String> versions = c.versions();
    Map<String, String> revisions = c.versionRevisions();
    String expected = c.bodyString("expectedStatus", Shape.STATUS, false);
    return changeStatus(c, ref, versions, revisions, expected, "Disposed");
  }

  /**
   * Status changes are all or nothing: when one version cannot change, the others are SKIPPED and
   * left as they were. Unless the call was drawn for a partial answer (--partial-rate; the API does
   * not guarantee all or nothing): then of the versions that can change, a random non-empty part
   * changes (a strict part when no other version failed) and the rest are SKIPPED, unchanged.
   */
  private ObjectNode changeStatus(
      Call c,
      PkgRef ref,
      List<String> versions,
      Map<String, String> revisions,
      String expected,
      String target) {
    try (Locked l = write()) {
      Pkg pkg = pkg(repo(ref.repo), ref);
      conflictIfDrawn(c, pkg);
      Outcome outcome = new Outcome();
      List<Version> changing = new ArrayList<>();
      for (String name : versions) {
        Version v = pkg.get(name);
        String wanted = revisions.get(name);
        if (v == null) {
          outcome.fail(name, "NOT_FOUND", notFoundMessage(name));
        } else if (wanted != null && !wanted.equals(v.revision())) {
          outcome.fail(
              name,
              "MISMATCHED_REVISION",
              "current revision: " + v.revision() + ", expected revision: " + wanted);
        } else if (expected != null && !expected.equals(v.status())) {
          outcome.fail(name, "MISMATCHED_STATUS", mismatchedStatus(v, expected));
        } else if ("Disposed".equals(v.status()) && !"Disposed".equals(target)) {
          outcome.fail(
              name,
              "NOT_ALLOWED",
              "a Disposed package version cannot change status; it can only be deleted");
        } else {
          changing.add(v);
        }
      }
      Random part = c.partial;
      boolean othersFailed = !outcome.failed.isEmpty();
      if (part != null && (changing.size() >= 2 || (othersFailed && !changing.isEmpty()))) {
        List<Version> shuffled = new ArrayList<>(changing);
        java.util.Collections.shuffle(shuffled, part);
        int count = 1 + part.nextInt(othersFailed ? changing.size() : changing.size() - 1);
        Set<Version> applied =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        applied.addAll(shuffled.subList(0, count));
        for (Version v : changing) {
          if (applied.contains(v)) {
            apply(v, target, outcome);
          } else {
            outcome.fail(
                v.version,
                "SKIPPED",
                "skipped: this version was not processed in this request; send it again");
          }
        }
        partials.incrementAndGet();
      } else if (!othersFailed) {
        for (Version v : changing) {
          apply(v, target, outcome);
        }
      } else {
        for (Version v : changing) {
          outcome.fail(
              v.version,
              "SKIPPED",
              "skipped: another version in this request could not be changed");
        }
      }
      return outcome.json();
    }
  }

  /**
   * The 409 of --conflict-rate, once the request is known valid and its package found (so a bad
   * request is still answered as such), before anything changes.
   */
  private void conflictIfDrawn(Call c, Pkg pkg) {
    if (c.conflict) {
      conflicts.incrementAndGet();
      throw ApiException.conflict(
          "package",
          pkg.key.name(),
          "Conflict: package "
              + pkg.key.name()
              + " is being changed by another request. Nothing was changed; try again.");
    }
  }

  private static void apply(Version v, String target, Outcome outcome) {
    v.status(target);
    if ("Disposed".equals(target)) {
      v.clearAssets();
    }
    outcome.ok(v.version, v.revision(), target);
  }

  private ObjectNode deletePackage(Call c) {
    PkgRef ref = pkgRef(c);
    try (Locked l = write()) {
      Repo repo = repo(ref.repo);
      Pkg pkg = pkg(repo, ref);
      repo.packages.remove(pkg.key);
      ObjectNode out = NODES.objectNode();
      out.set("deletedPackage", packageSummary(pkg.key));
      return out;
    }
  }

  /** successfulVersions and failedVersions of a bulk write, in request order. */
  private static final class Outcome {
    final Map<String, ObjectNode> ok = new LinkedHashMap<>();
    final Map<String, ObjectNode> failed = new LinkedHashMap<>();

    void ok(String version, String revision, String status) {
      ok.put(version, NODES.objectNode().put("revision", revision).put("status", status));
    }

    void fail(String version, String code, String message) {
      failed.put(version, NODES.objectNode().put("errorCode", code).put("errorMessage", message));
    }

    ObjectNode json() {
      ObjectNode out = NODES.objectNode();
      ObjectNode s = out.putObject("successfulVersions");
      ok.forEach(s::set);
      ObjectNode f = out.putObject("failedVersions");
      failed.forEach(f::set);
      return out;
    }
  }

  private static String mismatchedStatus(Version v, String expected) {
    return "current status: " + v.status() + ", expected status: " + expected;
  }

  private static String notFoundMessage(String version) {
    return "package version " + version + " not found";
  }

  // ---- lookups

  record RepoRef(String domain, String owner, String repository) {
    @Override
    public String toString() {
      return domain + "\n" + owner + "\n" + repository;
    }
  }

  record PkgRef(RepoRef repo, PackageKey key) {
    @Override
    public String toString() {
      return repo + "\n" + key;
    }
  }

  private static RepoRef repoRef(Call c) {
    return new RepoRef(
        c.query("domain", "domain", Shape.DOMAIN, true),
        c.query("domain-owner", "domainOwner", Shape.ACCOUNT, false),
        c.query("repository", "repository", Shape.REPOSITORY, true));
  }

  /**
   * The package a version operation names. Maven, Swift and generic packages always have a
   * namespace: a request for one without it is invalid (400), as on AWS, not a missing package.
   */
  private static PkgRef pkgRef(Call c) {
    RepoRef repo = repoRef(c);
    String format = c.query("format", "format", Shape.FORMAT, true);
    String namespace = c.query("namespace", "namespace", Shape.NAME, false);
    String name = c.query("package", "package", Shape.NAME, true);
    if (namespace == null && NEEDS_NAMESPACE.contains(format)) {
      throw namespaceRequired(format);
    }
    return new PkgRef(repo, new PackageKey(format, namespace, name));
  }

  private static ApiException namespaceRequired(String format) {
    return ApiException.validation(
        "The namespace is required for " + format + " packages: give the package's namespace.");
  }

  private Domain domain(String name, String owner) {
    Domain d = store.domains.get(name);
    // A domain of another account is as invisible as a missing one.
    if (d == null || (owner != null && !owner.equals(d.owner))) {
      throw ApiException.notFound(
          "domain",
          name,
          "Domain " + name + " not found" + (owner == null ? "" : " in account " + owner) + ".");
    }
    return d;
  }

  private Repo repo(RepoRef ref) {
    Domain d = domain(ref.domain(), ref.owner());
    Repo r = d.repos.get(ref.repository());
    if (r == null) {
      throw ApiException.notFound(
          "repository",
          ref.repository(),
          "Repository " + ref.repository() + " not found in domain " + d.name + ".");
    }
    return r;
  }

  private static Pkg pkg(Repo repo, PkgRef ref) {
    Pkg p = repo.packages.get(ref.key());
    if (p == null) {
      PackageKey k = ref.key();
      throw ApiException.notFound(
          "package",
          k.name(),
          "Package "
              + k.format()
              + " "
              + (k.namespace() == null ? "" : k.namespace() + "/")
              + k.name()
              + " not found in repository "
              + repo.name
              + ".");
    }
    return p;
  }

  private static Version version(Pkg pkg, String version) {
    Version v = pkg.get(version);
    if (v == null) {
      throw ApiException.notFound(
          "package-version",
          version,
          "Package version " + version + " of " + pkg.key.name() + " not found.");
    }
    return v;
  }

  // ---- JSON pieces

  private static ObjectNode packageSummary(PackageKey k) {
    ObjectNode n = NODES.objectNode();
    packageFields(n, k, "package");
    n.putObject("originConfiguration")
        .putObject("restrictions")
        .put("publish", "ALLOW")
        .put("upstream", "ALLOW");
    return n;
  }

  private static void packageFields(ObjectNode n, PackageKey k, String nameMember) {
    n.put("format", k.format());
    if (k.namespace() != null) {
      n.put("namespace", k.namespace());
    }
    n.put(nameMember, k.name());
  }

  private static ObjectNode origin(Repo repo, PackageKey k, Version v) {
    ObjectNode n = NODES.objectNode();
    if ("INTERNAL".equals(v.origin())) {
      n.putObject("domainEntryPoint").put("repositoryName", repo.name);
    } else if ("EXTERNAL".equals(v.origin()) && EXTERNAL_CONNECTIONS.containsKey(k.format())) {
      n.putObject("domainEntryPoint")
          .put("externalConnectionName", EXTERNAL_CONNECTIONS.get(k.format()));
    }
    n.put("originType", v.origin());
    return n;
  }

  /** Epoch seconds as a JSON number: what the rest-json protocol sends for timestamps. */
  static com.fasterxml.jackson.databind.JsonNode time(Instant t) {
    return NODES.numberNode(BigDecimal.valueOf(t.toEpochMilli(), 3));
  }

  private static String domainArn(Domain d) {
    return "arn:aws:codeartifact:us-east-1:" + d.owner + ":domain/" + d.name;
  }

  private static ObjectNode withToken(ObjectNode out, Page<?> page) {
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  private static String scope(Call c, String... parts) {
    return c.op.awsName
        + "\n"
        + String.join("\n", java.util.Arrays.stream(parts).map(String::valueOf).toList());
  }

  // ---- locking

  /** A held lock, released by try-with-resources. */
  interface Locked extends AutoCloseable {
    @Override
    void close();
  }

  Locked read() {
    return hold(store.lock.readLock());
  }

  Locked write() {
    return hold(store.lock.writeLock());
  }

  private static Locked hold(Lock lock) {
    lock.lock();
    return lock::unlock;
  }
}
