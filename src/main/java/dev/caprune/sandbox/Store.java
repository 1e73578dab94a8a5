package dev.caprune.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  static final class Pkg {
    final PackageKey key;
    String latestTag;
    final TreeMap<String, Version> versions = new TreeMap<>();

    Pkg(PackageKey key) {
      this.key = key;
    }

    /**
     * The version a client shows by default: for npm the {@code latest} tag while that version
     * exists, else (and for every other format) the most recently published version.
     */
    String defaultDisplayVersion() {
      if ("npm".equals(key.format()) && latestTag != null && versions.containsKey(latestTag)) {
        return latestTag;
      }
      Version best = null;
      for (Version v : versions.values()) {
        if (best == null || newer(v, best)) {
          best = v;
        }
      }
      return best == null ? null : best.version;
    }

    /** Removes a version; a latest tag pointing at it goes too, as npm drops the dist-tag. */
    Version remove(String version) {
      if (version.equals(latestTag)) {
        latestTag = null;
      }
      return versions.remove(version);
    }

    private static boolean newer(Version a, Version b) {
      if (a.published == null || b.published == null) {
        return a.published != null || (b.published == null && a.version.compareTo(b.version) > 0);
      }
      int c = a.published.compareTo(b.published);
      return c > 0 || (c == 0 && a.version.compareTo(b.version) > 0);
    }
  }

  static final class Version {
    final String version;
    String status;
    String revision;
    final Instant published;
    final String origin;
    List<Asset> assets;

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
      this.status = status;
      this.revision = revision;
      this.published = published;
      this.origin = origin;
      this.assets = new ArrayList<>(assets);
    }
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
          n += p.versions.size();
        }
      }
    }
    return n;
  }
}
