package dev.caprune.sandbox;

import dev.caprune.sandbox.Store.Domain;
import dev.caprune.sandbox.Store.PackageKey;
import dev.caprune.sandbox.Store.Pkg;
import dev.caprune.sandbox.Store.Repo;
import dev.caprune.sandbox.Store.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * {@code --generate PxV}: P packages of V versions each in domain {@code caprune}, repository
 * {@code generated}; mixed formats, version strings valid for the format and increasing with
 * publish time, publish times strictly increasing per package over the two years before "now". The
 * same seed and "now" give the same data.
 */
final class Generator {
  static final String DOMAIN = "caprune";
  static final String REPOSITORY = "generated";

  private static final String[] FORMATS = {
    "npm", "npm", "maven", "maven", "pypi", "nuget", "generic", "cargo", "ruby", "swift"
  };
  private static final String[] WORDS = {
    "alpha", "beacon", "cobalt", "delta", "ember", "falcon", "granite", "harbor", "iris",
    "juniper", "kestrel", "lumen", "mosaic", "nimbus", "orbit", "prism", "quartz", "raven",
    "sierra", "tundra", "umbra", "vector", "willow", "xenon", "yarrow", "zephyr"
  };
  private static final String[] PARTS = {
    "core", "client", "utils", "api", "cli", "server", "parser", "auth", "cache", "events"
  };
  private static final List<String> SCOPES = List.of("acme", "internal", "ui", "platform");
  private static final List<String> GROUPS =
      List.of("com.acme.core", "com.acme.billing", "com.acme.search", "org.example.tools");
  private static final List<String> GENERIC_NS = List.of("builds", "artifacts", "tools");
  private static final Duration SPAN = Duration.ofDays(730);

  private Generator() {}

  /**
   * Each format's range of typical main-file sizes (bytes, drawn log-uniformly per package): npm
   * tarballs and wheels of KB to MB, Maven jars up to a fat service jar, generic bundles of MB to
   * hundreds of MB.
   */
  private static final java.util.Map<String, long[]> SIZE_RANGE =
      java.util.Map.of(
          "npm", new long[] {4_000, 3_000_000},
          "maven", new long[] {20_000, 60_000_000},
          "pypi", new long[] {10_000, 2_000_000},
          "nuget", new long[] {20_000, 2_000_000},
          "generic", new long[] {1_000_000, 300_000_000},
          "cargo", new long[] {10_000, 500_000},
          "ruby", new long[] {8_000, 300_000},
          "swift", new long[] {50_000, 5_000_000});

  static void generate(Store store, int packages, int versions, long seed, Instant now) {
    generate(store, packages, versions, seed, now, 0, StatusMix.DEFAULT);
  }

  static void generate(
      Store store, int packages, int versions, long seed, Instant now, int dependencies) {
    generate(store, packages, versions, seed, now, dependencies, StatusMix.DEFAULT);
  }

  /**
   * As above; with {@code dependencies > 0}, the packages depend on each other, each on up to that
   * many ({@link GeneratedDependencies}). Names, versions and files are the same either way, and
   * whatever the status mix: it only moves the thresholds of the one draw each version takes.
   */
  static void generate(
      Store store,
      int packages,
      int versions,
      long seed,
      Instant now,
      int dependencies,
      StatusMix statuses) {
    List<Pkg> made = new java.util.ArrayList<>(packages);
    Random random = new Random(seed);
    // Sizes come from their own draws: the names, versions and times stay what they were.
    Random sizes = new Random(seed ^ 0x5A17E5L);
    Domain domain = store.domain(DOMAIN, Store.DEFAULT_OWNER);
    Repo repo = Store.repo(domain, REPOSITORY);
    for (int i = 0; i < packages; i++) {
      String format = FORMATS[random.nextInt(FORMATS.length)];
      PackageKey key = key(format, i, random);
      Pkg pkg = Store.pkg(repo, key);
      made.add(pkg);
      String origin = random.nextDouble() < 0.15 ? "EXTERNAL" : "INTERNAL";
      long end = now.toEpochMilli() - Duration.ofHours(1 + random.nextInt(24 * 10)).toMillis();
      long start = now.minus(SPAN).toEpochMilli() + random.nextInt(60) * 86_400_000L;
      long step = Math.max(1000, (end - start) / versions);
      long time = start;
      SemVer v = new SemVer(random.nextBoolean() ? 0 : 1, random.nextInt(3), 0);
      SemVer upcoming = null;
      long[] range = SIZE_RANGE.get(format);
      double typical =
          range[0] * Math.pow((double) range[1] / range[0], sizes.nextDouble()); // log-uniform
      for (int j = 0; j < versions; j++) {
        time = Math.max(time + 1000, start + j * step + (long) (random.nextDouble() * step / 2));
        String name;
        if (upcoming != null) {
          v = upcoming;
          upcoming = null;
          name = v.toString();
        } else if (format.equals("maven") && j + 1 < versions && random.nextDouble() < 0.15) {
          // A -SNAPSHOT of the next release, published just before it.
          upcoming = v.next(random);
          name = upcoming + "-SNAPSHOT";
        } else {
          v = v.next(random);
          name = v.toString();
        }
        double s = random.nextDouble();
        String status = statuses.status(s);
        byte[] drawn = new byte[16];
        random.nextBytes(drawn);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(drawn);
        long[] files =
            Files.sizes(
                Files.of(
                    key,
                    name,
                    // grows a little with each version, ±20 % from one to the next
                    (long) (typical * (1 + 0.5 * j / versions)),
                    (file, t) -> (long) (t * (0.8 + 0.4 * sizes.nextDouble()))));
        // Straight into the store: nothing of the data set is built beside it.
        pkg.put(
            new Version(
                name, status, b.getLong(0), b.getLong(8), time / 1000 * 1000, origin, files));
      }
    }
    if (dependencies > 0) {
      new GeneratedDependencies(made, dependencies, seed).fill();
    }
  }

  private static PackageKey key(String format, int i, Random random) {
    String word = WORDS[random.nextInt(WORDS.length)];
    String part = PARTS[random.nextInt(PARTS.length)];
    String suffix = Integer.toString(i);
    return switch (format) {
      case "npm" ->
          new PackageKey(
              format,
              random.nextBoolean() ? SCOPES.get(random.nextInt(SCOPES.size())) : null,
              word + "-" + part + "-" + suffix);
      case "maven" ->
          new PackageKey(
              format, GROUPS.get(random.nextInt(GROUPS.size())), word + "-" + part + "-" + suffix);
      case "generic" ->
          new PackageKey(
              format,
              GENERIC_NS.get(random.nextInt(GENERIC_NS.size())),
              word + "-" + part + "-" + suffix);
      case "swift" -> new PackageKey(format, "acme", capital(word) + capital(part) + suffix);
      case "nuget" ->
          new PackageKey(format, null, "Acme." + capital(word) + "." + capital(part) + suffix);
      case "ruby" -> new PackageKey(format, null, word + "_" + part + "_" + suffix);
      default -> new PackageKey(format, null, word + "-" + part + "-" + suffix);
    };
  }

  /**
   * A generated revision in AWS's form (32 bytes, standard base64 with padding) from the 16 bytes
   * drawn for it (as two longs): hashing millions of versions would slow start-up, and drawing more
   * than 16 bytes would change every generated data set: the other 16 are mixed from the drawn
   * ones. Versions keep the two longs and write the revision when it is asked for.
   */
  static String revision(long a, long c) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32);
    b.putLong(0, a).putLong(8, c);
    b.putLong(16, mix(a ^ 0x9E3779B97F4A7C15L));
    b.putLong(24, mix(c + 0xBF58476D1CE4E5B9L));
    return Store.revision(b.array());
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** A semantic version that only moves forward. */
  private record SemVer(int major, int minor, int patch) {
    SemVer next(Random random) {
      double r = random.nextDouble();
      if (r < 0.05) {
        return new SemVer(major + 1, 0, 0);
      }
      if (r < 0.30) {
        return new SemVer(major, minor + 1, 0);
      }
      return new SemVer(major, minor, patch + 1);
    }

    @Override
    public String toString() {
      return major + "." + minor + "." + patch;
    }
  }
}
