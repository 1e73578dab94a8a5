package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Inventory;
import dev.caprune.select.Asset;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code caprune usage}: a repository's storage by package. Lists the packages, each package's
 * versions (every status, newest first), the newest's and the oldest's publish time (two
 * DescribePackageVersion calls), then every version's files (one ListPackageVersionAssets call per
 * version, on {@link Sizes}).
 */
public final class Usage {
  private final Inventory inventory;
  private final Workers workers;
  private final Progress progress;
  private final Sizes sizes;

  public Usage(CodeArtifactGateway gateway, Workers workers, Progress progress, Sizes sizes) {
    this(new Inventory(gateway), workers, progress, sizes);
  }

  public Usage(Inventory inventory, Workers workers, Progress progress, Sizes sizes) {
    this.inventory = inventory;
    this.workers = workers;
    this.progress = progress;
    this.sizes = sizes;
  }

  /**
   * One package's storage.
   *
   * @param bytes its versions' files added up (a file two versions share counts twice)
   * @param versionsUnsized versions whose files could not be listed (not in {@code bytes})
   * @param oldest the oldest version's publish time, or null where not known
   * @param newest the newest version's publish time, or null where not known
   */
  public record PackageUsage(
      RepositoryRef repository,
      PackageId pkg,
      int versions,
      long bytes,
      int versionsUnsized,
      Instant oldest,
      Instant newest) {}

  /**
   * The whole answer.
   *
   * @param packages largest first
   * @param storedBytes every file of every package once (what the domain stores for them)
   */
  public record Report(List<PackageUsage> packages, long storedBytes) {
    public long bytes() {
      return packages.stream().mapToLong(PackageUsage::bytes).sum();
    }

    public long versions() {
      return packages.stream().mapToLong(PackageUsage::versions).sum();
    }
  }

  /**
   * @param listed told the number of versions and packages once every listing is done, before the
   *     files are listed (the cost, up front)
   */
  public Report measure(List<RepositoryRef> repositories, Consumer<long[]> listed) {
    List<Listed> all = new ArrayList<>();
    for (RepositoryRef repo : repositories) {
      List<PackageId> packages = inventory.allPackages(repo);
      progress.packagesFound(packages.size());
      all.addAll(
          workers.map(
              packages,
              pkg -> {
                Listed l = list(repo, pkg);
                progress.scanned(0);
                return l;
              }));
    }
    all.removeIf(l -> l == null);
    List<Sizes.Request> wanted = new ArrayList<>();
    for (Listed l : all) {
      for (VersionSummary v : l.versions) {
        wanted.add(new Sizes.Request(l.repo, l.pkg, v.version()));
      }
    }
    listed.accept(new long[] {wanted.size(), all.size()});
    Map<Sizes.Request, List<Asset>> files = sizes.lookUp(wanted);
    List<PackageUsage> out = new ArrayList<>();
    for (Listed l : all) {
      long bytes = 0;
      int unsized = 0;
      for (VersionSummary v : l.versions) {
        List<Asset> f = files.get(new Sizes.Request(l.repo, l.pkg, v.version()));
        if (f == null) {
          unsized++;
        } else {
          bytes += Sizes.size(f);
        }
      }
      out.add(
          new PackageUsage(l.repo, l.pkg, l.versions.size(), bytes, unsized, l.oldest, l.newest));
    }
    out.sort(
        Comparator.comparingLong(PackageUsage::bytes)
            .reversed()
            .thenComparing(p -> p.repository().repository())
            .thenComparing(p -> p.pkg().display()));
    return new Report(out, Sizes.storedOnce(files.values()));
  }

  private record Listed(
      RepositoryRef repo,
      PackageId pkg,
      List<VersionSummary> versions,
      Instant oldest,
      Instant newest) {}

  /** A package's versions, newest first, with the ends' publish times; null if it is gone. */
  private Listed list(RepositoryRef repo, PackageId pkg) {
    List<VersionSummary> versions;
    try {
      versions = inventory.allVersions(repo, pkg, true).versions();
    } catch (GatewayException e) {
      if (e.packageNotFound()) {
        return null;
      }
      throw e;
    }
    Instant newest = null;
    Instant oldest = null;
    if (!versions.isEmpty()) {
      newest = time(repo, pkg, versions.get(0).version());
      oldest =
          versions.size() == 1
              ? newest
              : time(repo, pkg, versions.get(versions.size() - 1).version());
    }
    return new Listed(repo, pkg, versions, oldest, newest);
  }

  private Instant time(RepositoryRef repo, PackageId pkg, String version) {
    return inventory.publishedTime(repo, pkg, version).orElse(null);
  }
}
