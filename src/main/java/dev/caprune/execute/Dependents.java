package dev.caprune.execute;

import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Inventory;
import dev.caprune.depend.DependencyGuard;
import dev.caprune.depend.DependencyGuard.Listed;
import dev.caprune.depend.DependencyGuard.Needs;
import dev.caprune.depend.Protections;
import dev.caprune.depend.VersionRef;
import dev.caprune.select.Action;
import dev.caprune.select.Decision;
import dev.caprune.select.PackageId;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import dev.caprune.select.VersionStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --protect-dependencies} and {@code --protect-lockfile} around a selection: everything is
 * selected first, then the repositories being cleaned (and the {@code --dependents-from} ones) are
 * listed whole, each version that remains has its dependencies listed once, and what they need is
 * held back before anything is written ({@link DependencyGuard}). Every listing goes through the
 * {@link Inventory}; the dependencies of a version are listed at most once per run, however many
 * rules or rounds ask (a run-scoped cache).
 */
public final class Dependents {
  private static final Logger LOG = LoggerFactory.getLogger(Dependents.class);

  private final Inventory inventory;
  private final Workers workers;
  private final Map<VersionRef, Needs> read = new ConcurrentHashMap<>();

  public Dependents(Inventory inventory, Workers workers) {
    this.inventory = inventory;
    this.workers = workers;
  }

  /** One package's selection as the run holds it, with its place, action and rule. */
  public record Held(long order, PackageSelection selection, Action action, String rule) {}

  /**
   * The selections with what something needs held back, and why.
   *
   * @param held the selections, in report order, protected versions no longer selected
   * @param result what was protected, the warnings and the dependents that could not be read
   */
  public record Verdict(List<Held> held, DependencyGuard.Result result) {}

  /** How many ListPackageVersionDependencies listings this run made (one per version at most). */
  public int dependenciesListed() {
    return read.size();
  }

  /**
   * {@code inner}'s selection, held back until everything is selected and protected, then handed to
   * the sink; the verdict to {@code told} before the first selection is.
   */
  public Pipeline.Source source(
      Pipeline.Source inner,
      Scope scope,
      List<RepositoryRef> cleaned,
      Protections protections,
      Action action,
      Consumer<Verdict> told) {
    workers.memory().protectsDependencies();
    return sink -> {
      List<Held> held = Collections.synchronizedList(new ArrayList<>());
      inner.select((order, sel, a, rule) -> held.add(new Held(order, sel, a, rule)));
      Verdict verdict = protect(scope, cleaned, protections, action, new ArrayList<>(held));
      told.accept(verdict);
      for (Held h : verdict.held()) {
        sink.accept(h.order(), h.selection(), h.action(), h.rule());
      }
    };
  }

  /**
   * Protects what something that remains needs among {@code held}'s selected versions.
   *
   * @param action the run's action (a held selection with none has it); a listing's is {@code
   *     delete}, what an action with the same filters would do
   */
  public Verdict protect(
      Scope scope,
      List<RepositoryRef> cleaned,
      Protections protections,
      Action action,
      List<Held> held) {
    Set<VersionRef> selected = new HashSet<>();
    Set<VersionRef> removed = new HashSet<>();
    for (Held h : held) {
      Action a = h.action() == null ? action : h.action();
      boolean removes = a.target() == VersionStatus.DELETED || a.target() == VersionStatus.DISPOSED;
      for (Decision d : h.selection().decisions()) {
        if (d.selected()) {
          VersionRef ref = ref(h.selection(), d);
          selected.add(ref);
          if (removes) {
            removed.add(ref);
          }
        }
      }
    }
    List<Listed> whole = listWhole(cleaned);
    List<Listed> from = List.of();
    if (protections.dependencies() && !protections.dependentsFrom().isEmpty()) {
      List<RepositoryRef> others = new ArrayList<>();
      Scope fromScope =
          new Scope(scope.domain(), scope.domainOwner(), protections.dependentsFrom());
      List<RepositoryRef> named = inventory.repositories(fromScope);
      if (named.isEmpty()) {
        throw new GatewayException(
            GatewayException.Kind.NOT_FOUND,
            "--dependents-from: no repository in domain "
                + scope.domain()
                + " matches "
                + fromScope,
            null);
      }
      for (RepositoryRef r : named) {
        // By name: a cleaned repository may carry the owner an event named where this listing
        // carries none; either way it is one repository, already read as cleaned.
        boolean alreadyCleaned =
            cleaned.stream()
                .anyMatch(
                    c -> c.domain().equals(r.domain()) && c.repository().equals(r.repository()));
        if (!alreadyCleaned) {
          others.add(r);
        }
      }
      from = listWhole(others);
    }
    DependencyGuard.Result result =
        DependencyGuard.protect(protections, whole, from, selected, removed, this::needs);
    for (String warning : result.warnings()) {
      LOG.warn(warning);
    }
    List<Held> kept = new ArrayList<>();
    for (Held h : held) {
      kept.add(
          new Held(h.order(), holdBack(h.selection(), result.protectedBy()), h.action(), h.rule()));
    }
    kept.sort(Comparator.comparingLong(Held::order));
    return new Verdict(kept, result);
  }

  /**
   * A selection that is only shown (a listing, an explanation, a plan): the same protection, the
   * selections in their order, the verdict to {@code told}. Without protections, {@code selections}
   * as they are, and no call.
   */
  public List<PackageSelection> shown(
      Scope scope,
      List<RepositoryRef> cleaned,
      Protections protections,
      Action action,
      List<PackageSelection> selections,
      Consumer<Verdict> told) {
    if (protections == null || !protections.on()) {
      return selections;
    }
    List<Held> held = new ArrayList<>();
    for (int i = 0; i < selections.size(); i++) {
      held.add(new Held(i, selections.get(i), null, null));
    }
    Verdict verdict = protect(scope, cleaned, protections, action, held);
    told.accept(verdict);
    return verdict.held().stream().map(Held::selection).toList();
  }

  /**
   * {@code sel} with each selected version that {@code protectedBy} names held back, and why (its
   * rule and publish bound kept); {@code sel} itself when none is.
   */
  public static PackageSelection holdBack(
      PackageSelection sel, Map<VersionRef, String> protectedBy) {
    if (protectedBy.isEmpty()) {
      return sel;
    }
    boolean changed = false;
    List<Decision> decisions = new ArrayList<>(sel.decisions().size());
    for (Decision d : sel.decisions()) {
      String why = d.selected() ? protectedBy.get(ref(sel, d)) : null;
      if (why != null) {
        decisions.add(
            new Decision(
                d.version(), false, Decision.PROTECTED + why, why, d.rule(), d.publishedBefore()));
        changed = true;
      } else {
        decisions.add(d);
      }
    }
    return changed
        ? new PackageSelection(
            sel.repository(), sel.pkg(), sel.defaultDisplayVersion(), decisions, sel.warnings())
        : sel;
  }

  private static VersionRef ref(PackageSelection sel, Decision d) {
    return new VersionRef(sel.repository(), sel.pkg(), d.version().version());
  }

  /** Every package of each repository, every version of each (one listing per package). */
  private List<Listed> listWhole(List<RepositoryRef> repositories) {
    List<Listed> all = new ArrayList<>();
    for (RepositoryRef repo : repositories) {
      List<PackageId> packages;
      try {
        packages = inventory.allPackages(repo);
      } catch (GatewayException e) {
        throw inventory.explain(e, repo);
      }
      List<Listed> listed =
          workers.map(
              packages,
              pkg -> {
                try {
                  return new Listed(repo, pkg, inventory.allVersions(repo, pkg, false).versions());
                } catch (GatewayException e) {
                  if (e.packageNotFound()) {
                    return null; // gone since it was listed: nothing there to need or be needed
                  }
                  throw e;
                }
              });
      listed.stream().filter(Objects::nonNull).forEach(all::add);
    }
    return all;
  }

  /** Each version's dependencies, listed on the workers, each at most once per run. */
  private Map<VersionRef, Needs> needs(List<VersionRef> versions) {
    List<Needs> found =
        workers.map(
            versions,
            ref -> {
              Needs known = read.get(ref);
              if (known != null) {
                return known;
              }
              Needs n;
              try {
                n =
                    new Needs.Known(
                        inventory.dependencies(ref.repository(), ref.pkg(), ref.version()));
              } catch (GatewayException e) {
                // After retries: fail closed, never "needs nothing".
                n = new Needs.Unknown(e.getMessage());
              }
              Needs before = read.putIfAbsent(ref, n);
              return before == null ? n : before;
            });
    Map<VersionRef, Needs> out = new LinkedHashMap<>();
    for (int i = 0; i < versions.size(); i++) {
      out.put(versions.get(i), found.get(i));
    }
    return out;
  }
}
