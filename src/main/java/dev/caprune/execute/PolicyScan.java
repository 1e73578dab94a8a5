package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.CodeArtifactGateway.VersionListing;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Inventory;
import dev.caprune.select.Criteria;
import dev.caprune.select.Names;
import dev.caprune.select.PackageId;
import dev.caprune.select.Policy;
import dev.caprune.select.PolicySelector;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy's source for the {@link Pipeline}: the {@link Scan} with the policy's selection plugged
 * in. Each repository's packages listed once, each package that some action rule can match listed
 * once (newest first by publish time, no server-side filter, as the rules differ), the {@link
 * PolicySelector}'s verdict, then one selection per package and action rule to the sink, with the
 * rule's action.
 */
public final class PolicyScan {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyScan.class);

  /** Rules per policy at most: a package's entries take consecutive places in the report. */
  public static final int MAX_RULES = Policy.MAX_RULES;

  private final Inventory inventory;
  private final Scan scan;
  private final Progress progress;
  private final Policy policy;
  private final PolicySelector selector;

  public PolicyScan(
      CodeArtifactGateway gateway, Workers workers, Progress progress, Policy policy) {
    if (policy.rules().size() > MAX_RULES) {
      throw new IllegalArgumentException("more than " + MAX_RULES + " rules");
    }
    this.inventory = new Inventory(gateway);
    this.scan = new Scan(inventory, workers, progress);
    this.progress = progress;
    this.policy = policy;
    this.selector = new PolicySelector(policy);
  }

  /** The repositories the scope names; a glob that matches none is an error. */
  public List<RepositoryRef> repositories(Scope scope) {
    return scan.repositories(scope);
  }

  /**
   * Lists and selects; each package's verdicts to {@code explained} when not null (for {@code
   * --explain}), and each package's per-rule selections to {@code sink}.
   */
  public void select(
      List<RepositoryRef> repositories,
      Pipeline.Sink sink,
      Consumer<PolicySelector.Result> explained) {
    scan.run(repositories, new PolicyStep(sink, explained, null));
  }

  /**
   * Lists and selects one package alone (a publish event's): one listing of its versions, and no
   * listing of the repository's packages. A package that is gone is said as a warning, and selects
   * nothing.
   */
  public void selectPackage(
      RepositoryRef repository,
      PackageId pkg,
      Pipeline.Sink sink,
      Consumer<PolicySelector.Result> explained) {
    scan.run(List.of(repository), new PolicyStep(sink, explained, pkg));
  }

  /** The policy's selection: every package a rule can match, all of its versions, every rule. */
  private final class PolicyStep implements Scan.Step<Void> {
    private final Criteria any = new Criteria.Builder().protectLatest(false).build();
    private final List<Policy.Rule> rules = policy.rules();
    private final Pipeline.Sink sink;
    private final Consumer<PolicySelector.Result> explained;

    /** The one package to list (an event's), or null for every package a rule can match. */
    private final PackageId only;

    PolicyStep(Pipeline.Sink sink, Consumer<PolicySelector.Result> explained, PackageId only) {
      this.sink = sink;
      this.explained = explained;
      this.only = only;
    }

    @Override
    public List<PackageId> packages(RepositoryRef repo) {
      if (only != null) {
        return selector.needed(repo, only) ? List.of(only) : List.of();
      }
      return inventory.packages(repo, any).stream().filter(p -> selector.needed(repo, p)).toList();
    }

    @Override
    public VersionListing versions(RepositoryRef repo, PackageId pkg) {
      try {
        return inventory.allVersions(repo, pkg, true);
      } catch (GatewayException e) {
        if (only != null && e.packageNotFound()) {
          // The scan skips it; an event's package is the whole run, so it is said.
          LOG.warn(
              "{} {} in {}: no such package (any more): nothing to do",
              pkg.format().wire(),
              Names.quote(pkg.display()),
              repo);
        }
        throw e;
      }
    }

    @Override
    public Void select(long order, RepositoryRef repo, PackageId pkg, VersionListing listing) {
      PolicySelector.Result result =
          selector.select(
              repo,
              pkg,
              listing.defaultDisplayVersion(),
              listing.versions(),
              v -> inventory.publishedTime(repo, pkg, v));
      for (String warning : result.warnings()) {
        LOG.warn(warning);
      }
      if (explained != null) {
        explained.accept(result);
      }
      int selected = 0;
      for (PolicySelector.RuleSelection s : result.byRule(rules)) {
        selected += s.selection().selected().size();
        sink.accept(
            order * MAX_RULES + rules.indexOf(s.rule()),
            s.selection(),
            s.rule().action(),
            s.rule().name());
      }
      progress.scanned(selected);
      return null;
    }
  }

  /** Every package's verdicts, in report order (for {@code --explain}). */
  public List<PolicySelector.Result> explain(List<RepositoryRef> repositories) {
    return explain(repositories, null);
  }

  /**
   * Every package's verdicts, in report order (for {@code --explain}); of {@code only} alone in the
   * one repository when not null.
   */
  public List<PolicySelector.Result> explain(List<RepositoryRef> repositories, PackageId only) {
    List<PolicySelector.Result> out = java.util.Collections.synchronizedList(new ArrayList<>());
    Pipeline.Sink none = (order, sel, action, rule) -> {};
    if (only == null) {
      select(repositories, none, out::add);
    } else {
      selectPackage(repositories.get(0), only, none, out::add);
    }
    List<PolicySelector.Result> sorted = new ArrayList<>(out);
    sorted.removeIf(Objects::isNull);
    sorted.sort(
        java.util.Comparator.comparing((PolicySelector.Result x) -> x.repository().repository())
            .thenComparing(x -> x.pkg().format().wire())
            .thenComparing(x -> x.pkg().namespace() == null ? "" : x.pkg().namespace())
            .thenComparing(x -> x.pkg().name()));
    return sorted;
  }
}
