package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway.VersionListing;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Inventory;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The one scan: each repository's packages listed, then many packages' versions listed at once on
 * the workers, each package selected and handed over on the worker that listed it, so that work on
 * a package (executing it, say) starts while others are still being listed. What is listed and how
 * it is selected is the {@link Step} plugged in: the criteria's selector ({@link VersionScan}) or a
 * policy's ({@link PolicyScan}).
 */
final class Scan {
  /** What one kind of selection lists and selects. */
  interface Step<R> {
    /** The packages of {@code repo} to list the versions of, in report order. */
    List<PackageId> packages(RepositoryRef repo);

    /** One package's versions, as this selection needs them listed. */
    VersionListing versions(RepositoryRef repo, PackageId pkg);

    /**
     * {@link #versions}, telling {@code pages} how many versions each page brought as it comes (it
     * may wait there for memory). By default, the whole listing once it is made.
     */
    default VersionListing versions(RepositoryRef repo, PackageId pkg, IntConsumer pages) {
      VersionListing listing = versions(repo, pkg);
      pages.accept(listing.versions().size() + listing.unknownStatuses());
      return listing;
    }

    /**
     * Selects from one package's listing, tells the progress how many versions were selected, and
     * hands the selection over; on a worker.
     *
     * @param order the package's place in the report: repositories in the scan's order, packages in
     *     the order {@link #packages} gave
     * @return what the scan returns for the package, or null for nothing
     */
    R select(long order, RepositoryRef repo, PackageId pkg, VersionListing listing);

    /**
     * Lists one package (its pages charged to {@code ticket}) and selects from the listing: {@link
     * #versions}, then {@link #select}, unless the step does it another way (a listing too large
     * for the heap).
     *
     * @throws PackageGone when the package was not found while listing it
     */
    default R listAndSelect(long order, RepositoryRef repo, PackageId pkg, Memory.Ticket ticket) {
      VersionListing listing = listing(() -> versions(repo, pkg, ticket::charge));
      return select(order, repo, pkg, listing);
    }
  }

  /** A package deleted since it was listed, or never there: nothing to select. */
  static final class PackageGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PackageGone() {
      super(null, null, false, false);
    }
  }

  /** What {@code list} returns; a package not found while listing it is {@link PackageGone}. */
  static <T> T listing(java.util.function.Supplier<T> list) {
    try {
      return list.get();
    } catch (GatewayException e) {
      if (e.packageNotFound()) {
        throw new PackageGone();
      }
      throw e;
    }
  }

  private final Inventory inventory;
  private final Workers workers;
  private final Progress progress;

  Scan(Inventory inventory, Workers workers, Progress progress) {
    this.inventory = inventory;
    this.workers = workers;
    this.progress = progress;
  }

  Memory memory() {
    return workers.memory();
  }

  Inventory inventory() {
    return inventory;
  }

  /** The repositories the scope names; a glob that matches none is an error. */
  List<RepositoryRef> repositories(Scope scope) {
    List<RepositoryRef> repos = inventory.repositories(scope);
    if (repos.isEmpty()) {
      throw new GatewayException(
          GatewayException.Kind.NOT_FOUND,
          "no repository in domain " + scope.domain() + " matches " + scope,
          null);
    }
    return repos;
  }

  /**
   * Scans {@code repositories} in the given order with {@code step}.
   *
   * @return what the step returned for each package, nulls dropped, in report order
   */
  <R> List<R> run(List<RepositoryRef> repositories, Step<R> step) {
    Memory memory = workers.memory();
    memory.publish();
    try {
      return run(repositories, step, memory);
    } finally {
      memory.log();
    }
  }

  /**
   * Each package is admitted by {@code memory} page by page as it is listed, and keeps what it was
   * charged until its step is done: its selection, and what the step did with it (executed it and
   * streamed its lines, or held it for the report).
   */
  /** Bits of a package's place for its index in its repository's listing. */
  static final int PACKAGE_BITS = 28;

  /**
   * A package's place in the report: its repository, then its index in the repository's listing
   * (under 2^28: no repository holds more), leaving {@link VersionScan#CHUNK_BITS} for the chunks
   * of a package selected off the heap; 32,768 repositories fit.
   */
  static long place(int repository, int index) {
    return ((long) repository << PACKAGE_BITS) + index;
  }

  private <R> List<R> run(List<RepositoryRef> repositories, Step<R> step, Memory memory) {
    List<R> results = new ArrayList<>();
    for (int r = 0; r < repositories.size(); r++) {
      RepositoryRef repo = repositories.get(r);
      List<PackageId> packages = step.packages(repo);
      progress.packagesFound(packages.size());
      if (packages.size() >= 1 << PACKAGE_BITS) {
        throw new IllegalStateException("more than 2^28 packages in " + repo);
      }
      int repository = r;
      List<R> done =
          workers.map(
              IntStream.range(0, packages.size()).boxed().toList(),
              i -> {
                PackageId pkg = packages.get(i);
                try (Memory.Ticket ticket = memory.admit()) {
                  return step.listAndSelect(place(repository, i), repo, pkg, ticket);
                } catch (PackageGone e) {
                  progress.scanned(0);
                  return null;
                }
              });
      done.stream().filter(Objects::nonNull).forEach(results::add);
    }
    return results;
  }
}
