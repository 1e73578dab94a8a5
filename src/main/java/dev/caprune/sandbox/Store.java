package dev.caprune.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Everything the sandbox holds: domains, repositories, packages, versions. One read-write lock
 * guards it all; reads share it, every change takes it alone. Correctness first: a whole bulk call
 * is one critical section, so concurrent clients see each call as atomic.
 */
final class Store {
  static final String DEFAULT_OWNER = "111122223333";

  final ReadWriteLock lock = new ReentrantReadWriteLock();
  final TreeMap<String, Domain> domains = new TreeMap<>();

  /**
   * Index entries the listings have walked past, in all: what a page costs, counted so a test can
   * tell a page that walks its own entries from one that walks the whole package.
   */
  final LongAdder visited = new LongAdder();

  static final class Domain {
    final String name;
    final String owner;
    final TreeMap<String, Repo> repos = new TreeMap<>();

    Domain(String name, String owner) {
      this.name = name;
      this.owner = owner;
    }
  }

  static final class Repo {
    final Domain domain;
    final String name;
    final TreeMap<PackageKey, Pkg> packages = new TreeMap<>();

    Repo(Domain domain, String name) {
      this.domain = domain;
      this.name = name;
    }
  }

  /** A package's identity in a repository; {@code namespace} may be null. */
  record PackageKey(String format, String namespace, String name)
      implements Comparable<PackageKey> {
    /** Sorts as the ListPackages order: format, then namespace (none first), then name. */
    String sortKey() {
      return format + '\u0000' + (namespace == null ? "" : namespace) + '\u0000' + name;
    }

    /** The same order as {@link #sortKey()}, without building strings. */
    @Override
    public int compareTo(PackageKey o) {
      int c = format.compareTo(o.format);
      if (c == 0) {
        c = (namespace == null ? "" : namespace).compareTo(o.namespace == null ? "" : o.namespace);
      }
      return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
      return format + ":" + (namespace == null ? "" : namespace + "/") + name;
    }
  }

  /**
   * A package's versions, kept in both orders ListPackageVersions lists them: by version (the
   * default order) and newest first ({@code sortBy=PUBLISHED_TIME}). A page walks one index from
   * its cursor, so it costs the page, not the package.
   */
  static final class Pkg {
    /** Newest first; versions without a publish time last; ties by version. */
    static final Comparator<Version> NEWEST_FIRST =
        (a, b) -> {
          // NO_TIME is the smallest long: descending puts the versions without a time last.
          int c = Long.compare(b.publishedMillis, a.publishedMillis);
          return c != 0 ? c : a.version.compareTo(b.version);
        };

    final PackageKey key;
    String latestTag;
    private final TreeMap<String, Version> byName = new TreeMap<>();
    private final TreeMap<Version, Version> byTime = new TreeMap<>(NEWEST_FIRST);

    Pkg(PackageKey key) {
      this.key = key;
    }

    Version get(String version) {
      return byName.get(version);
    }

    boolean contains(String version) {
      return byName.containsKey(version);
    }

    int size() {
      return byName.size();
    }

    /** Every version, by version. */
    Collection<Version> versions() {
      return Collections.unmodifiableCollection(byName.values());
    }

    /** Adds {@code v} unless a version of that name exists; false if one does. */
    boolean add(Version v) {
      if (byName.putIfAbsent(v.version, v) != null) {
        return false;
      }
      byTime.put(v, v);
      return true;
    }

    /** Adds {@code v}, replacing a version of that name. */
    void put(Version v) {
      Version old = byName.put(v.version, v);
      if (old != null) {
        byTime.remove(old);
      }
      byTime.put(v, v);
    }

    /** The versions after {@code after} (exclusive; null: from the first) by version. */
    Collection<Version> byVersionAfter(String after) {
      return after == null ? byName.values() : byName.tailMap(after, false).values();
    }

    /**
     * The versions after {@code after} (exclusive; null: from the first) newest first; {@code
     * after} need not be held (it may be a deleted version's key).
     */
    Collection<Version> newestFirstAfter(Version after) {
      return after == null ? byTime.values() : byTime.tailMap(after, false).values();
    }

    /**
     * The version a client shows by default: for npm the {@code latest} tag while that version
     * exists, else (and for every other format) the most recently published version, the greatest
     * of equally recent ones; without any publish time, the greatest version.
     */
    String defaultDisplayVersion() {
      if ("npm".equals(key.format()) && latestTag != null && byName.containsKey(latestTag)) {
        return latestTag;
      }
      if (byTime.isEmpty()) {
        return null;
      }
      Version newest = byTime.firstKey();
      if (newest.publishedMillis == NO_TIME) {
        return byName.lastKey();
      }
      Version best = newest;
      // Ties are listed by version, ascending: the greatest of them is the last of the run.
      for (Version v : byTime.tailMap(newest, false).keySet()) {
        if (v.publishedMillis != newest.publishedMillis) {
          break;
        }
        best = v;
      }
      return best.version;
    }

    /** Removes a version; a latest tag pointing at it goes too, as npm drops the dist-tag. */
    Version remove(String version) {
      if (version.equals(latestTag)) {
        latestTag = null;
      }
      Version v = byName.remove(version);
      if (v != null) {
        byTime.remove(v);
      }
      return v;
    }
  }

  /** {@link Version#publishedMillis} of a version without a publish time. */
  static final long NO_TIME = Long.MIN_VALUE;

  /**
   * One version, compact: a large store holds millions. Status and origin are the shared constants
   * ({@link #status(String)}, {@link #origin(String)}); the publish time is a number; a generated
   * revision is kept as the 16 bytes it was drawn from and written out when asked for; generated
   * files are kept as their sizes, their names being derived from the package and version ({@link
   * Files}).
   */
  static final class Version {
    final String version;
    private String status;
    private final String origin;
    private final long publishedMillis;

    /** The revision as given, or null for a generated one held in {@code revisionHigh/Low}. */
    private String revision;

    private long revisionHigh;
    private long revisionLow;

    /** A {@code List<Asset>}, or a {@code long[]} of generated files' sizes (see {@link Files}). */
    private Object assets;

    /**
     * The direct dependencies, as the version's metadata file lists them, in its order. Never
     * changes (a republish keeps them); versions without any share one empty list, and generated
     * versions share lists with their neighbours, so a large store pays little for them.
     */
    List<Dependency> dependencies = List.of();

    Version(
        String version,
        String status,
        String revision,
        Instant published,
        String origin,
        List<Asset> assets) {
      this.version = version;
      this.status = Store.status(status);
      this.revision = revision;
      this.publishedMillis = published == null ? NO_TIME : published.toEpochMilli();
      this.origin = Store.origin(origin);
      this.assets = assets.isEmpty() ? List.of() : new ArrayList<>(assets);
    }

    /**
     * A generated version: its revision is {@link Generator#revision(long, long)} of the two drawn
     * longs, its files those {@link Files#of} names for it with {@code sizes}.
     */
    Version(
        String version,
        String status,
        long revisionHigh,
        long revisionLow,
        long publishedMillis,
        String origin,
        long[] sizes) {
      this.version = version;
      this.status = Store.status(status);
      this.revisionHigh = revisionHigh;
      this.revisionLow = revisionLow;
      this.publishedMillis = publishedMillis;
      this.origin = Store.origin(origin);
      this.assets = sizes;
    }

    String status() {
      return status;
    }

    void status(String status) {
      this.status = Store.status(status);
    }

    String origin() {
      return origin;
    }

    /** The publish time, or null. */
    Instant published() {
      return publishedMillis == NO_TIME ? null : Instant.ofEpochMilli(publishedMillis);
    }

    /** The publish time in epoch milliseconds, or {@link #NO_TIME}. */
    long publishedMillis() {
      return publishedMillis;
    }

    /** A key to search the newest-first index with: no version need have it. */
    static Version probe(long publishedMillis, String version) {
      return new Version(version, "Published", 0, 0, publishedMillis, "INTERNAL", new long[0]);
    }

    String revision() {
      return revision != null ? revision : Generator.revision(revisionHigh, revisionLow);
    }

    void revision(String revision) {
      this.revision = revision;
    }

    /** The files, in the order they were added. */
    List<Asset> assets(PackageKey key) {
      if (assets instanceof long[] sizes) {
        return Files.of(key, version, sizes);
      }
      @SuppressWarnings("unchecked") // only ever a List<Asset> or a long[]
      List<Asset> list = (List<Asset>) assets;
      return Collections.unmodifiableList(list);
    }

    void addAsset(PackageKey key, Asset asset) {
      List<Asset> list = new ArrayList<>(assets(key));
      list.add(asset);
      assets = list;
    }

    void clearAssets() {
      assets = List.of();
    }
  }

  private static final Map<String, String> CONSTANTS = new HashMap<>();

  static {
    for (String s :
        List.of(
            "Published",
            "Unfinished",
            "Unlisted",
            "Archived",
            "Disposed",
            "Deleted",
            "INTERNAL",
            "EXTERNAL",
            "UNKNOWN")) {
      CONSTANTS.put(s, s);
    }
  }

  /** The shared instance of a status, so a million versions hold one string, not a million. */
  static String status(String status) {
    return CONSTANTS.getOrDefault(status, status);
  }

  /** The shared instance of an origin type. */
  static String origin(String origin) {
    return CONSTANTS.getOrDefault(origin, origin);
  }

  /**
   * One direct dependency of a version, as ListPackageVersionDependencies returns it: the package
   * depended on ({@code namespace} may be null) and, each optional, the {@code dependencyType} (npm
   * {@code regular}, {@code dev}, ...; Maven {@code compile}, ...; PyPI {@code Requires-Dist}; none
   * for NuGet) and the {@code versionRequirement} in the format's syntax.
   */
  record Dependency(
      String namespace, String pkg, String dependencyType, String versionRequirement) {}

  /** The hash algorithms an asset summary carries, in the service model's order. */
  static final List<String> HASH_ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-512");

  /**
   * An asset of a version; {@code hashes} (algorithm → lower-case hex) are known for published
   * content and for seeded assets that give them, and null for the others, whose hashes are derived
   * from the package, version, name and size ({@link #hashes(PackageKey, String)}): the same asset
   * of the same version in two repositories of a domain has the same hashes, as upstream caching
   * gives (CodeArtifact stores it once per domain).
   */
  record Asset(String name, long size, Map<String, String> hashes) {
    Asset(String name, long size) {
      this(name, size, null);
    }

    /** The hashes as the API shows them: the known ones, else the derived ones. */
    Map<String, String> hashes(PackageKey key, String version) {
      if (hashes != null) {
        return hashes;
      }
      return hashesOf(
          (key + "\n" + version + "\n" + name + "\n" + size).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The hashes of {@code content}, lower-case hex by algorithm. */
  static Map<String, String> hashesOf(byte[] content) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String alg : HASH_ALGORITHMS) {
      out.put(alg, java.util.HexFormat.of().formatHex(digest(alg, content)));
    }
    return out;
  }

  Domain domain(String name, String owner) {
    Domain d = domains.computeIfAbsent(name, n -> new Domain(n, owner));
    if (!d.owner.equals(owner)) {
      throw new IllegalArgumentException(
          "domain \"" + name + "\" already has owner " + d.owner + ", not " + owner);
    }
    return d;
  }

  static Repo repo(Domain d, String name) {
    return d.repos.computeIfAbsent(name, n -> new Repo(d, n));
  }

  static Pkg pkg(Repo r, PackageKey key) {
    return r.packages.computeIfAbsent(key, Pkg::new);
  }

  /**
   * A stable, opaque revision for a version that was seeded without one, in AWS's form: a SHA-256
   * in standard base64 with padding (44 characters, {@code +}, {@code /} and a final {@code =}).
   */
  static String revisionFor(String repo, PackageKey key, String version) {
    return revision(sha256("revision\n" + repo + "\n" + key + "\n" + version));
  }

  /** 32 bytes as AWS writes a revision: standard base64, padded. */
  static String revision(byte[] digest) {
    return Base64.getEncoder().encodeToString(digest);
  }

  /** Base64url (no padding) of the SHA-256 of {@code text}, cut to {@code length} characters. */
  static String hash(String text, int length) {
    String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(text));
    return b64.substring(0, Math.min(length, b64.length()));
  }

  static byte[] sha256(String text) {
    return digest("SHA-256", text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  int versionCount() {
    int n = 0;
    for (Domain d : domains.values()) {
      for (Repo r : d.repos.values()) {
        for (Pkg p : r.packages.values()) {
          n += p.size();
        }
      }
    }
    return n;
  }
}
