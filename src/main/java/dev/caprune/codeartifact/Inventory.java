package dev.caprune.codeartifact;

import dev.caprune.codeartifact.CodeArtifactGateway.PackageQuery;
import dev.caprune.codeartifact.CodeArtifactGateway.VersionListing;
import dev.caprune.codeartifact.CodeArtifactGateway.VersionQuery;
import dev.caprune.select.Criteria;
import dev.caprune.select.Matcher;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists what the criteria can match, pushing every filter the API can apply to the server. It
 * selects nothing: the selector is run by the execute layer.
 */
public final class Inventory {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Inventory.class);

  /** How many names a "did you mean" offers. */
  private static final int SUGGESTIONS = 3;

  /** The names listed when none is near what was typed, if there are no more than this. */
  private static final int LISTED = 8;

  private final CodeArtifactGateway gateway;

  /** Each missing domain's or repository's message, made once (its listing is one more call). */
  private final java.util.Map<String, GatewayException> explained =
      new java.util.concurrent.ConcurrentHashMap<>();

  public Inventory(CodeArtifactGateway gateway) {
    this.gateway = gateway;
  }

  /**
   * The repositories the scope names: literal names as given (no call), globs expanded with
   * ListRepositoriesInDomain. Sorted by name, each once.
   */
  public List<RepositoryRef> repositories(Scope scope) {
    List<String> names;
    if (scope.literal()) {
      names = scope.repositories().stream().map(Matcher::literalPrefix).toList();
    } else {
      List<String> all;
      try {
        all = gateway.listRepositories(scope.domain(), scope.domainOwner());
      } catch (GatewayException e) {
        throw explain(e, scope.domain(), scope.domainOwner(), null);
      }
      names =
          all.stream()
              .filter(n -> scope.repositories().stream().anyMatch(m -> m.matches(n)))
              .toList();
    }
    return names.stream()
        .distinct()
        .sorted()
        .map(n -> new RepositoryRef(scope.domain(), scope.domainOwner(), n))
        .toList();
  }

  /** The packages of {@code repo} the criteria can match, in a stable order. */
  public List<PackageId> packages(RepositoryRef repo, Criteria criteria) {
    var exact = criteria.exactPackages();
    if (exact.isPresent()) {
      // Named exactly: list their versions straight away (a missing one is simply skipped).
      return exact.get();
    }
    List<PackageId> found = new ArrayList<>();
    PackageQuery query =
        new PackageQuery(
            criteria.format(), criteria.serverNamespacePrefix(), criteria.serverPackagePrefix());
    try {
      gateway.listPackages(
          repo,
          query,
          p -> {
            if (criteria.matchesPackage(p)) {
              found.add(p);
            }
          });
    } catch (GatewayException e) {
      throw explain(e, repo);
    }
    found.sort(
        Comparator.comparing((PackageId p) -> p.format().wire())
            .thenComparing(p -> p.namespace() == null ? "" : p.namespace())
            .thenComparing(PackageId::name));
    return found;
  }

  /** Every package of {@code repo}, unfiltered (for "did you mean"), in listing order. */
  public List<PackageId> allPackages(RepositoryRef repo) {
    List<PackageId> all = new ArrayList<>();
    gateway.listPackages(repo, new PackageQuery(null, null, null), all::add);
    return all;
  }

  /**
   * One package's versions with every filter the API can apply pushed to the server (all of them
   * when explaining, so that every decision can be shown), newest first when the criteria need
   * publish order.
   */
  public VersionListing versions(
      RepositoryRef repo, PackageId pkg, Criteria criteria, boolean explain) {
    return versions(repo, pkg, criteria, explain, n -> {});
  }

  /**
   * {@link #versions(RepositoryRef, PackageId, Criteria, boolean)}, telling {@code pages} how many
   * versions each page brought, as it comes (memory is charged there, and may be waited for).
   */
  public VersionListing versions(
      RepositoryRef repo,
      PackageId pkg,
      Criteria criteria,
      boolean explain,
      java.util.function.IntConsumer pages) {
    try {
      return gateway.listVersions(repo, pkg, query(criteria, explain), pages);
    } catch (GatewayException e) {
      throw explain(e, repo);
    }
  }

  /**
   * {@link #versions(RepositoryRef, PackageId, Criteria, boolean)} page by page, as listed, to
   * {@code sink} (repeats included: {@link ListedVersions} is what checks them in memory): for a
   * listing that may outgrow the heap.
   */
  public void versionPages(
      RepositoryRef repo,
      PackageId pkg,
      Criteria criteria,
      boolean explain,
      CodeArtifactGateway.VersionPages sink) {
    try {
      gateway.listVersionPages(repo, pkg, query(criteria, explain), sink);
    } catch (GatewayException e) {
      throw explain(e, repo);
    }
  }

  private static VersionQuery query(Criteria criteria, boolean explain) {
    return explain
        ? new VersionQuery(null, null, criteria.needsPublishOrder())
        : new VersionQuery(
            criteria.serverStatus(), criteria.origin(), criteria.needsPublishOrder());
  }

  /**
   * Every version of one package, whatever its status or origin, newest first by publish time when
   * {@code newestFirst}: what a policy weighs and storage counts, and the fresh look that checks a
   * write (a package emptied, an answer lost, a revision changed). Errors as the gateway gives them
   * (no "did you mean": the package was just listed).
   */
  public VersionListing allVersions(RepositoryRef repo, PackageId pkg, boolean newestFirst) {
    return allVersions(repo, pkg, newestFirst, n -> {});
  }

  /**
   * {@link #allVersions(RepositoryRef, PackageId, boolean)}, telling {@code pages} how many
   * versions each page brought, as it comes (memory is charged there, and may be waited for).
   */
  public VersionListing allVersions(
      RepositoryRef repo,
      PackageId pkg,
      boolean newestFirst,
      java.util.function.IntConsumer pages) {
    return gateway.listVersions(repo, pkg, new VersionQuery(null, null, newestFirst), pages);
  }

  /**
   * One version's files (ListPackageVersionAssets, all pages), in the order listed; errors as the
   * gateway gives them.
   */
  public List<dev.caprune.select.Asset> files(RepositoryRef repo, PackageId pkg, String version) {
    return gateway.assets(repo, pkg, version);
  }

  /**
   * One version's direct dependencies (ListPackageVersionDependencies, all pages), in the order
   * listed; errors as the gateway gives them.
   */
  public List<dev.caprune.select.Dependency> dependencies(
      RepositoryRef repo, PackageId pkg, String version) {
    return gateway.dependencies(repo, pkg, version);
  }

  /**
   * A missing domain or repository's error with the names near it: {@code Repository relases not
   * found in domain acme (did you mean 'releases'?)}; or, if none is near, the names themselves
   * when they are few. One listing call, on this error path only; any other error as it is.
   */
  public GatewayException explain(GatewayException e, RepositoryRef repo) {
    return explain(e, repo.domain(), repo.domainOwner(), repo.repository());
  }

  private GatewayException explain(
      GatewayException e, String domain, String domainOwner, String repository) {
    if (!e.scopeNotFound()) {
      return e;
    }
    boolean domainMissing = "domain".equals(e.resourceType());
    if (!domainMissing && repository == null) {
      return e;
    }
    String key = domainMissing ? "domain " + domain : "repository " + domain + "/" + repository;
    return explained.computeIfAbsent(
        key,
        k -> {
          String hint;
          try {
            hint =
                domainMissing
                    // ListDomains lists the caller's own domains only.
                    ? domainOwner == null ? hint(domain, gateway.listDomains(), "domains") : null
                    : hint(
                        repository,
                        gateway.listRepositories(domain, domainOwner),
                        "repositories in " + domain);
          } catch (GatewayException listing) {
            LOG.debug("no suggestion for {}: {}", k, listing.getMessage());
            hint = null; // no permission to list, say: the error as the service gave it
          }
          if (hint == null) {
            return e;
          }
          String message = e.getMessage().strip();
          if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
          }
          return new GatewayException(
              e.kind(), message + " (" + hint + ")", e, e.retryAfter(), e.resourceType());
        });
  }

  /** "did you mean 'releases'?", or the names when none is near and they are few; else null. */
  static String hint(String typed, List<String> names, String what) {
    List<String> near = dev.caprune.select.Names.near(typed, names, SUGGESTIONS);
    if (!near.isEmpty()) {
      return "did you mean "
          + String.join(" or ", near.stream().map(dev.caprune.select.Names::quote).toList())
          + "?";
    }
    if (names.isEmpty()) {
      return "there are no " + what;
    }
    if (names.size() <= LISTED) {
      return what
          + ": "
          + String.join(
              ", ", names.stream().sorted().map(dev.caprune.select.Names::quote).toList());
    }
    return null;
  }

  /**
   * A version's publish time; unknown (never selected by a time filter) when the version is gone
   * since it was listed (deleted by someone else meanwhile), not a failed run.
   */
  public java.util.Optional<java.time.Instant> publishedTime(
      RepositoryRef repo, PackageId pkg, String version) {
    try {
      return gateway.publishedTime(repo, pkg, version);
    } catch (GatewayException e) {
      if (e.kind() == GatewayException.Kind.NOT_FOUND) {
        return java.util.Optional.empty();
      }
      throw e;
    }
  }
}
