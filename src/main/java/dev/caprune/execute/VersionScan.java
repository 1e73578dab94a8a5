package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.CodeArtifactGateway.VersionListing;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Inventory;
import dev.caprune.codeartifact.ListedVersions;
import dev.caprune.select.Criteria;
import dev.caprune.select.Decision;
import dev.caprune.select.Names;
import dev.caprune.select.OrderedSelector;
import dev.caprune.select.PackageId;
import dev.caprune.select.PackagePattern;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import dev.caprune.select.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The criteria's selection: the {@link Scan} with the criteria's server filters and {@link
 * Selector} plugged in, and the exact {@code --package} names no package matched.
 */
public final class VersionScan {
  private static final Logger LOG = LoggerFactory.getLogger(VersionScan.class);

  private final Inventory inventory;
  private final Scan scan;
  private final Progress progress;

  /**
   * The exact {@code --package} patterns a scanned package matched, as their text ({@link
   * PackagePattern#source}, which equal patterns share).
   */
  private final java.util.Set<String> found = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * An exact {@code --package} (no wildcard) that matched no package of the run, with the names
   * near it in the repositories' listing, as users write them ({@code @acme/ui-kit}).
   */
  public record MissingPackage(PackagePattern pattern, List<String> near) {}

  /**
   * An exact {@code --version} (no wildcard) that no listed version of any scanned package bears.
   *
   * @param version as the user wrote it
   * @param status the one status the listing asked the server for ({@code restore}: archived), or
   *     null when every status was listed
   */
  public record MissingVersion(String version, dev.caprune.select.VersionStatus status) {}

  /** The exact {@code --version} globs a listed version bore, as written ({@code source}). */
  private final java.util.Set<String> versionsFound =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public VersionScan(CodeArtifactGateway gateway, Workers workers, Progress progress) {
    this(new Inventory(gateway), workers, progress);
  }

  public VersionScan(Inventory inventory, Workers workers, Progress progress) {
    this.inventory = inventory;
    this.scan = new Scan(inventory, workers, progress);
    this.progress = progress;
  }

  /** The repositories the scope names; a glob that matches none is an error. */
  public List<RepositoryRef> repositories(Scope scope) {
    return scan.repositories(scope);
  }

  /**
   * @param keepUnselected keep every decision, and packages with none selected (for {@code
   *     --explain}); otherwise only the selected versions are kept, to bound memory
   * @return one selection per package, repositories in the given order, packages in name order
   */
  public List<PackageSelection> scan(
      List<RepositoryRef> repositories, Criteria criteria, boolean keepUnselected) {
    return scan(
        repositories,
        criteria,
        keepUnselected,
        sel -> keepUnselected || !sel.decisions().isEmpty() ? sel : null);
  }

  /**
   * Scans and hands each package's selection to {@code then} on the same worker, so that work on a
   * package (executing it, say) starts while others are still being listed.
   *
   * @return what {@code then} returned for each package, nulls dropped, in package order
   */
  public <R> List<R> scan(
      List<RepositoryRef> repositories,
      Criteria criteria,
      boolean keepUnselected,
      Function<PackageSelection, R> then) {
    return scan(repositories, criteria, keepUnselected, true, (order, sel) -> then.apply(sel));
  }

  /**
   * The pipeline's source: every package with selected versions, with its place in the report
   * (repositories in the given order, packages in listing order), to {@code sink} on the workers.
   */
  public void select(List<RepositoryRef> repositories, Criteria criteria, Pipeline.Sink sink) {
    scan(
        repositories,
        criteria,
        false,
        false,
        (order, sel) -> {
          if (sel.anySelected()) {
            sink.accept(order, sel);
          }
          return null;
        });
  }

  private <R> List<R> scan(
      List<RepositoryRef> repositories,
      Criteria criteria,
      boolean keepUnselected,
      boolean forListing,
      BiFunction<Long, PackageSelection, R> then) {
    return scan.run(repositories, new CriteriaStep<>(criteria, keepUnselected, forListing, then));
  }

  /** The criteria's selection: the server filters it can push, then the {@link Selector}. */
  private final class CriteriaStep<R> implements Scan.Step<R> {
    private final Criteria criteria;
    private final boolean keepUnselected;
    private final Selector selector;
    private final List<PackagePattern> literals;
    private final List<dev.caprune.select.Matcher> literalVersions;
    private final BiFunction<Long, PackageSelection, R> then;

    /** Whether a package may leave the heap: the pipeline's source, criteria one pass decides. */
    private final boolean offHeap;

    /** What keeps every package whole in memory (a time window, say), or null. */
    private final String heldWhole;

    CriteriaStep(
        Criteria criteria,
        boolean keepUnselected,
        boolean forListing,
        BiFunction<Long, PackageSelection, R> then) {
      this.criteria = criteria;
      this.keepUnselected = keepUnselected;
      this.selector = new Selector(criteria, forListing);
      this.literals = criteria.literalPackages();
      this.literalVersions = literalVersions(criteria);
      this.then = then;
      String unsupported = OrderedSelector.unsupported(criteria, keepUnselected);
      this.offHeap = !forListing;
      this.heldWhole = unsupported;
    }

    @Override
    public List<PackageId> packages(RepositoryRef repo) {
      return inventory.packages(repo, criteria);
    }

    @Override
    public VersionListing versions(RepositoryRef repo, PackageId pkg) {
      return inventory.versions(repo, pkg, criteria, keepUnselected, n -> {});
    }

    @Override
    public VersionListing versions(
        RepositoryRef repo, PackageId pkg, java.util.function.IntConsumer pages) {
      return inventory.versions(repo, pkg, criteria, keepUnselected, pages);
    }

    @Override
    public R listAndSelect(long order, RepositoryRef repo, PackageId pkg, Memory.Ticket ticket) {
      Memory memory = scan.memory();
      if (!offHeap || heldWhole != null || !memory.mayLeaveHeap()) {
        if (offHeap && heldWhole != null && memory.mayLeaveHeap()) {
          memory.heldWhole(heldWhole);
        }
        return Scan.Step.super.listAndSelect(order, repo, pkg, ticket);
      }
      SpillingListing pages =
          new SpillingListing(pkg, ListedVersions.what(repo, pkg), memory, ticket);
      try {
        Scan.listing(
            () -> {
              inventory.versionPages(repo, pkg, criteria, keepUnselected, pages);
              return null;
            });
      } catch (RuntimeException e) {
        pages.discard();
        throw e;
      }
      if (!pages.spilled()) {
        return select(order, repo, pkg, pages.listing());
      }
      OffHeapSelection.Spilled spilled = pages.onDisk();
      LOG.debug(
          "{}: {} versions listed, sorted and selected off the heap",
          pkg.display(),
          spilled.count());
      matched(pkg);
      long selected =
          OffHeapSelection.select(
              spilled,
              repo,
              criteria,
              memory,
              this::versionListed,
              LOG::warn,
              (chunk, sel) -> {
                if (then.apply(chunkOrder(order, chunk), sel) != null) {
                  // Only the pipeline's source, which keeps nothing, goes off the heap.
                  throw new IllegalStateException("a chunk's result would be dropped");
                }
              });
      progress.scanned((int) Math.min(Integer.MAX_VALUE, selected));
      LOG.debug(
          "{}: {} versions selected off the heap; its temporary files held at most {} bytes",
          pkg.display(),
          selected,
          SpillDirectory.usage()[1]);
      return null;
    }

    private void versionListed(String version) {
      for (dev.caprune.select.Matcher v : literalVersions) {
        if (!versionsFound.contains(v.source()) && v.matches(version)) {
          versionsFound.add(v.source());
        }
      }
    }

    private void matched(PackageId pkg) {
      for (PackagePattern p : literals) {
        if (p.matches(pkg)) {
          found.add(p.source());
        }
      }
    }

    @Override
    public R select(long order, RepositoryRef repo, PackageId pkg, VersionListing listing) {
      PackageSelection sel =
          selector.select(
              repo,
              pkg,
              listing.defaultDisplayVersion(),
              listing.versions(),
              version -> inventory.publishedTime(repo, pkg, version));
      matched(pkg);
      for (dev.caprune.select.Matcher v : literalVersions) {
        if (!versionsFound.contains(v.source())
            && listing.versions().stream().anyMatch(listed -> v.matches(listed.version()))) {
          versionsFound.add(v.source());
        }
      }
      for (String warning : sel.warnings()) {
        LOG.warn(warning);
      }
      if (!keepUnselected) {
        sel = onlySelected(sel);
      }
      progress.scanned(sel.selected().size());
      return then.apply(chunkOrder(order, 0), sel);
    }
  }

  /**
   * After a scan: the exact {@code --package} names that no package matched, each with the near
   * names of the repositories' packages. Asks for a listing of every package of {@code
   * repositories} (ListPackages, unfiltered) only when one is missing; without it (no permission,
   * say), no suggestions.
   */
  public List<MissingPackage> missingPackages(List<RepositoryRef> repositories, Criteria criteria) {
    java.util.Map<String, PackagePattern> unmatched = new java.util.LinkedHashMap<>();
    for (PackagePattern p : criteria.literalPackages()) {
      if (!found.contains(p.source())) {
        unmatched.putIfAbsent(p.source(), p);
      }
    }
    var missing = unmatched.values();
    if (missing.isEmpty()) {
      return List.of();
    }
    List<PackageId> all = new ArrayList<>();
    try {
      for (RepositoryRef repo : repositories) {
        all.addAll(inventory.allPackages(repo));
      }
    } catch (GatewayException e) {
      LOG.debug("no package names to suggest: {}", e.getMessage());
    }
    List<MissingPackage> result = new ArrayList<>();
    for (PackagePattern p : missing) {
      // Compared as written without npm's '@': namespace/name, or the name alone.
      java.util.Map<String, java.util.Set<String>> shown = new java.util.LinkedHashMap<>();
      for (PackageId id : all) {
        String key =
            p.namespace() == null || id.namespace() == null
                ? id.name()
                : id.namespace() + "/" + id.name();
        shown.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(id.display());
      }
      List<String> near =
          Names.near(p.source(), shown.keySet(), 3).stream()
              .flatMap(k -> shown.get(k).stream())
              .toList();
      result.add(new MissingPackage(p, near));
    }
    return result;
  }

  /**
   * After a scan: the exact {@code --version} values that no listed version of any scanned package
   * bore (a typo, most likely, or a version of another package), in the order given.
   */
  public List<MissingVersion> missingVersions(Criteria criteria) {
    return literalVersions(criteria).stream()
        .filter(v -> !versionsFound.contains(v.source()))
        .map(v -> new MissingVersion(v.source(), criteria.serverStatus()))
        .distinct()
        .toList();
  }

  private static List<dev.caprune.select.Matcher> literalVersions(Criteria criteria) {
    return criteria.versions().stream()
        .filter(v -> v instanceof dev.caprune.select.Matcher.Glob g && g.literal())
        .toList();
  }

  /** Bits of a package's place in the report left for its chunks (a package off the heap). */
  static final int CHUNK_BITS = 20;

  /**
   * The place of a package's {@code chunk} in the report: after its earlier chunks, before the next
   * package. A package held in memory is one chunk, 0.
   */
  static long chunkOrder(long order, int chunk) {
    if (order >= 1L << (63 - CHUNK_BITS) || chunk >= 1 << CHUNK_BITS) {
      throw new IllegalStateException("too many repositories, packages or versions for one run");
    }
    return order << CHUNK_BITS | chunk;
  }

  /** Keeps what a listing shows: the selected decisions, and the matching protected ones. */
  private static PackageSelection onlySelected(PackageSelection sel) {
    return new PackageSelection(
        sel.repository(),
        sel.pkg(),
        sel.defaultDisplayVersion(),
        sel.decisions().stream().filter(Decision::listed).toList(),
        List.of());
  }
}
