package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Inventory;
import dev.caprune.select.Criteria;
import dev.caprune.select.PackageId;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import dev.caprune.select.Selector;
import java.util.ArrayList;
import java.util.List;

/** Builds the selection: lists packages and versions and asks the selector about each package. */
public final class Scanner {
  private final Inventory inventory;

  public Scanner(CodeArtifactGateway gateway) {
    this.inventory = new Inventory(gateway);
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
   * @param keepUnselected keep packages with no selected version (for {@code --explain})
   * @return one selection per package, repositories in the given order, packages in name order
   */
  public List<PackageSelection> scan(
      List<RepositoryRef> repositories, Criteria criteria, boolean keepUnselected) {
    Selector selector = new Selector(criteria);
    List<PackageSelection> plan = new ArrayList<>();
    for (RepositoryRef repo : repositories) {
      for (PackageId pkg : inventory.packages(repo, criteria)) {
        PackageSelection sel;
        try {
          sel = inventory.select(repo, pkg, criteria, selector);
        } catch (GatewayException e) {
          if (e.kind() == GatewayException.Kind.NOT_FOUND) {
            continue; // Deleted since it was listed: nothing left to select.
          }
          throw e;
        }
        if (keepUnselected || sel.anySelected()) {
          plan.add(sel);
        }
      }
    }
    return plan;
  }
}
