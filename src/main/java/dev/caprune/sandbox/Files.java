package dev.caprune.sandbox;

import dev.caprune.sandbox.Store.Asset;
import dev.caprune.sandbox.Store.PackageKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files one version has, as each format publishes them: a Maven release its jar, sources jar
 * and POM (a snapshot its jar and POM), npm a tarball, PyPI a wheel and an sdist, NuGet a .nupkg
 * and a symbols .snupkg, Cargo a .crate, Ruby a .gem, Swift and generic packages an archive.
 */
final class Files {
  private Files() {}

  /** Sizes one file: its name and the size typical of it, in bytes. */
  @FunctionalInterface
  interface Sizer {
    long size(String name, long typical);
  }

  /**
   * @param main the typical size of the version's main file (jar, tarball, wheel...)
   */
  static List<Asset> of(PackageKey key, String version, long main, Sizer sizer) {
    String n = key.name();
    boolean snapshot = version.endsWith("-SNAPSHOT") || version.matches(".*-\\d{8}\\.\\d{6}-\\d+");
    List<Asset> out = new ArrayList<>(3);
    switch (key.format()) {
      case "maven" -> {
        add(out, sizer, n + "-" + version + ".jar", main);
        if (!snapshot) {
          add(out, sizer, n + "-" + version + "-sources.jar", main * 2 / 5);
        }
        add(out, sizer, n + "-" + version + ".pom", 4_200);
      }
      case "npm" -> add(out, sizer, n + "-" + version + ".tgz", main);
      case "pypi" -> {
        add(out, sizer, n.replace('-', '_') + "-" + version + "-py3-none-any.whl", main);
        add(out, sizer, n + "-" + version + ".tar.gz", main * 9 / 5);
      }
      case "nuget" -> {
        String lower = n.toLowerCase(Locale.ROOT);
        add(out, sizer, lower + "." + version + ".nupkg", main);
        add(out, sizer, lower + "." + version + ".snupkg", main / 2);
      }
      case "cargo" -> add(out, sizer, n + "-" + version + ".crate", main);
      case "ruby" -> add(out, sizer, n + "-" + version + ".gem", main);
      default -> add(out, sizer, n + "-" + version + ".zip", main);
    }
    return out;
  }

  /** The files {@link #of(PackageKey, String, long, Sizer)} made, given the sizes it drew. */
  static List<Asset> of(PackageKey key, String version, long[] sizes) {
    int[] next = {0};
    return of(key, version, 0, (name, typical) -> sizes[next[0]++]);
  }

  /** The sizes of {@code files}, in order: all a generated version keeps of its files. */
  static long[] sizes(List<Asset> files) {
    long[] out = new long[files.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = files.get(i).size();
    }
    return out;
  }

  private static void add(List<Asset> out, Sizer sizer, String name, long typical) {
    out.add(new Asset(name, Math.max(1, sizer.size(name, typical))));
  }
}
