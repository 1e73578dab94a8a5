package dev.caprune.sandbox;

import dev.caprune.sandbox.Store.Dependency;
import dev.caprune.sandbox.Store.Pkg;
import dev.caprune.sandbox.Store.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code --generate-dependencies N}: dependency graphs across the generated packages, drawn from
 * their own generator so the rest of the generated data stays what it was.
 *
 * <p>A package of a format with dependencies (npm, Maven, PyPI, NuGet, Cargo, Ruby) depends on 1 to
 * N earlier packages of its format, leaning towards the earliest (so the graph has no cycle and the
 * first packages are the widely used libraries). Each of its versions requires, of each, a release
 * published before it, in the format's syntax: npm {@code ^1.4.0} or {@code ~1.4.0}, Maven {@code
 * 1.4.0} (a soft requirement) or {@code [1.4.0,2)}, PyPI {@code >=1.4.0,<2}, NuGet {@code [1.4.0,
 * )}, Cargo {@code ^1.4.0}, Ruby {@code ~> 1.4}. A version keeps its predecessor's requirements and
 * moves one to the newest release now and then, as projects do.
 *
 * <p>Memory: equal requirement strings and dependencies are interned and a version that changes
 * nothing shares its predecessor's list, so most versions cost one reference.
 */
final class GeneratedDependencies {
  private static final Set<String> FORMATS =
      Set.of("npm", "maven", "pypi", "nuget", "cargo", "ruby");

  /** The chance that a version moves one known dependency to the newest release. */
  private static final double MOVE = 0.2;

  private final List<Pkg> packages;
  private final int max;
  private final Random random;
  private final Map<Object, Object> interned = new HashMap<>();
  private final IdentityHashMap<Pkg, Version[]> releases = new IdentityHashMap<>();

  /**
   * @param packages the generated packages, in the order they were made
   * @param max the most packages one package depends on (at least 1)
   */
  GeneratedDependencies(List<Pkg> packages, int max, long seed) {
    this.packages = packages;
    this.max = max;
    this.random = new Random(seed ^ 0xDE9E4DE9E4L);
  }

  void fill() {
    Map<String, List<Pkg>> earlier = new HashMap<>();
    for (Pkg pkg : packages) {
      String format = pkg.key.format();
      if (!FORMATS.contains(format)) {
        continue;
      }
      List<Pkg> candidates = earlier.computeIfAbsent(format, f -> new ArrayList<>());
      if (!candidates.isEmpty()) {
        depend(pkg, targets(candidates));
      }
      candidates.add(pkg);
    }
  }

  /** 1 to {@code max} distinct packages among {@code candidates}, in draw order. */
  private List<Pkg> targets(List<Pkg> candidates) {
    int count = Math.min(candidates.size(), 1 + random.nextInt(max));
    LinkedHashSet<Pkg> out = new LinkedHashSet<>();
    while (out.size() < count) {
      // The square of a uniform draw leans towards 0: the early packages are used most.
      double u = random.nextDouble();
      out.add(candidates.get((int) (u * u * candidates.size())));
    }
    return new ArrayList<>(out);
  }

  private void depend(Pkg pkg, List<Pkg> targets) {
    String format = pkg.key.format();
    String[] types = new String[targets.size()];
    for (int t = 0; t < types.length; t++) {
      types[t] = type(format);
    }
    Dependency[] current = new Dependency[targets.size()];
    List<Dependency> previous = List.of();
    for (Version v : byTime(pkg, false)) {
      boolean changed = false;
      for (int t = 0; t < current.length; t++) {
        // A dependency appears once its package has a release; a known one moves now and then.
        if (current[t] == null || random.nextDouble() < MOVE) {
          Pkg target = targets.get(t);
          Version release = latestBefore(releasesOf(target), v.publishedMillis());
          if (release != null) {
            Dependency d =
                intern(
                    new Dependency(
                        target.key.namespace(),
                        target.key.name(),
                        types[t],
                        intern(requirement(format, release.version))));
            changed |= !d.equals(current[t]);
            current[t] = d;
          }
        }
      }
      if (changed) {
        List<Dependency> list = new ArrayList<>(current.length);
        for (Dependency d : current) {
          if (d != null) {
            list.add(d);
          }
        }
        previous = List.copyOf(list);
      }
      v.dependencies = previous;
    }
  }

  private Version[] releasesOf(Pkg pkg) {
    return releases.computeIfAbsent(pkg, p -> byTime(p, true));
  }

  /** A package's versions in publish order; {@code releasesOnly}: without SNAPSHOTs. */
  private static Version[] byTime(Pkg pkg, boolean releasesOnly) {
    return pkg.versions().stream()
        .filter(v -> !releasesOnly || !v.version.endsWith("-SNAPSHOT"))
        .sorted(Comparator.comparingLong(Version::publishedMillis))
        .toArray(Version[]::new);
  }

  /** The newest of {@code sorted} (by publish time) published before {@code time}, or null. */
  private static Version latestBefore(Version[] sorted, long time) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid].publishedMillis() < time) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? null : sorted[lo - 1];
  }

  private String type(String format) {
    double r = random.nextDouble();
    return switch (format) {
      case "npm" -> r < 0.7 ? "regular" : r < 0.9 ? "dev" : "peer";
      case "maven" -> r < 0.7 ? "compile" : r < 0.85 ? "runtime" : "test";
      case "pypi" -> "Requires-Dist";
      // NuGet never sets it; the API documents none for Cargo and Ruby.
      default -> null;
    };
  }

  /** A requirement that {@code version} (x.y.z) satisfies, in the format's syntax. */
  private String requirement(String format, String version) {
    int dot = version.indexOf('.');
    int major = Integer.parseInt(version.substring(0, dot));
    double r = random.nextDouble();
    return switch (format) {
      case "npm" -> (r < 0.8 ? "^" : "~") + version;
      case "maven" -> r < 0.7 ? version : "[" + version + "," + (major + 1) + ")";
      case "pypi" -> ">=" + version + ",<" + (major + 1);
      case "nuget" -> "[" + version + ", )";
      case "cargo" -> "^" + version;
      default -> "~> " + version.substring(0, version.indexOf('.', dot + 1)); // ruby
    };
  }

  @SuppressWarnings("unchecked") // the map holds each value under itself
  private <T> T intern(T value) {
    return (T) interned.computeIfAbsent(value, v -> v);
  }
}
