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
  private final CodeArtifactGateway gateway;

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
      List<String> all = gateway.listRepositories(scope.domain(), scope.domainOwner());
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
    gateway.listPackages(
        repo,
        query,
        p -> {
          if (criteria.matchesPackage(p)) {
            found.add(p);
          }
        });
    found.sort(
        Comparator.comparing((PackageId p) -> p.format().wire())
            .thenComparing(p -> p.namespace() == null ? "" : p.namespace())
            .thenComparing(PackageId::name));
    return found;
  }

  /**
   * One package's versions with every filter the API can apply pushed to the server (all of them
   * when explaining, so that every decision can be shown), newest first when the criteria need
   * publish order.
   */
  public VersionListing versions(
      RepositoryRef repo, PackageId pkg, Criteria criteria, boolean explain) {
    VersionQuery query =
        explain
            ? new VersionQuery(null, null, criteria.needsPublishOrder())
            : new VersionQuery(
                criteria.serverStatus(), criteria.origin(), criteria.needsPublishOrder());
    return gateway.listVersions(repo, pkg, query);
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
