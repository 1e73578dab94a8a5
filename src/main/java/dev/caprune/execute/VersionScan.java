package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Inventory;
import dev.caprune.select.Criteria;
import dev.caprune.select.Decision;
import dev.caprune.select.Names;
import dev.caprune.select.PackageId;
import dev.caprune.select.PackagePattern;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import dev.caprune.select.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the selection: lists each repository's packages, then lists and selects the versions of
 * many packages at once on the workers.
 */
public final class VersionScan {
  private static final Logger LOG = LoggerFactory.getLogger(VersionScan.class);

  private final Inventory inventory;
  private final Workers workers;
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

  public VersionScan(CodeArtifactGateway gateway, Workers workers, Progress progress) {
    this.inventory = new Inventory(gateway);
    this.workers = workers;
    this.progress = progress;
  }

  /** The repositories the scope names; a glob that matches none is an error. */
  public List<RepositoryRef> repositories(Scope scope) {
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
    Selector selector = new Selector(criteria, forListing);
    List<PackagePattern> literals = criteria.literalPackages();
    List<R> results = new ArrayList<>();
    for (int r = 0; r < repositories.size(); r++) {
      RepositoryRef repo = repositories.get(r);
      List<PackageId> packages = inventory.packages(repo, criteria);
      progress.packagesFound(packages.size());
      long base = (long) r << 32;
      List<Integer> indices = java.util.stream.IntStream.range(0, packages.size()).boxed().toList();
      List<R> done =
          workers.map(
              indices,
              i -> {
                PackageId pkg = packages.get(i);
                PackageSelection sel;
                try {
                  var listing = inventory.versions(repo, pkg, criteria, keepUnselected);
                  sel =
                      selector.select(
                          repo,
                          pkg,
                          listing.defaultDisplayVersion(),
                          listing.versions(),
                          version -> inventory.publishedTime(repo, pkg, version));
                } catch (GatewayException e) {
                  if (e.packageNotFound()) {
                    progress.scanned(0);
                    return null; // Deleted since it was listed, or never there: nothing to select.
                  }
                  throw e;
                }
                for (PackagePattern p : literals) {
                  if (p.matches(pkg)) {
                    found.add(p.source());
                  }
                }
                for (String warning : sel.warnings()) {
                  LOG.warn(warning);
                }
                if (!keepUnselected) {
                  sel = onlySelected(sel);
                }
                progress.scanned(sel.selected().size());
                return then.apply(base + i, sel);
              });
      done.stream().filter(Objects::nonNull).forEach(results::add);
    }
    return results;
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
