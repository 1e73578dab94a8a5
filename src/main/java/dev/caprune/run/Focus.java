package dev.caprune.run;

import dev.caprune.execute.Pipeline;
import dev.caprune.execute.PolicyScan;
import dev.caprune.select.PackageId;
import dev.caprune.select.PolicySelector;
import dev.caprune.select.RepositoryRef;
import java.util.List;
import java.util.Map;

/**
 * What a policy run lists in each target: every package of the repositories its scope names, or a
 * publish event's one package in the event's repository (no listing of repositories or packages).
 */
final class Focus {
  /** Every package of every repository the target names. */
  static final Focus EVERYTHING = new Focus(null, Map.of());

  private final PackageId pkg;
  private final Map<String, RepositoryRef> repositories;

  private Focus(PackageId pkg, Map<String, RepositoryRef> repositories) {
    this.pkg = pkg;
    this.repositories = Map.copyOf(repositories);
  }

  /**
   * One package alone.
   *
   * @param repositories the event's repository, by the name of each target it matched
   */
  static Focus on(PackageId pkg, Map<String, RepositoryRef> repositories) {
    return new Focus(pkg, repositories);
  }

  /** The repositories the target's part of the run lists from. */
  List<RepositoryRef> repositories(PolicyScan scan, PolicyTarget t) {
    return pkg == null ? scan.repositories(t.scope()) : List.of(repositories.get(t.name()));
  }

  /** The account that owns the target's domain when known before any listing, else null. */
  String domainOwner(PolicyTarget t) {
    RepositoryRef r = repositories.get(t.name());
    return r == null ? null : r.domainOwner();
  }

  /** Lists and selects, each package's per-rule selections to {@code sink}. */
  void select(PolicyScan scan, List<RepositoryRef> repos, Pipeline.Sink sink) {
    if (pkg == null) {
      scan.select(repos, sink, null);
    } else {
      scan.selectPackage(repos.get(0), pkg, sink, null);
    }
  }

  /** Every listed package's verdicts, in report order. */
  List<PolicySelector.Result> explain(PolicyScan scan, List<RepositoryRef> repos) {
    return scan.explain(repos, pkg);
  }
}
