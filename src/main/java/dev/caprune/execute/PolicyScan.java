package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.CodeArtifactGateway.VersionListing;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Inventory;
import dev.caprune.select.Criteria;
import dev.caprune.select.PackageId;
import dev.caprune.select.Policy;
import dev.caprune.select.PolicySelector;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy's source for the {@link Pipeline}: each repository's packages listed once, each package
 * that some action rule can match listed once (newest first by publish time, no server-side filter,
 * as the rules differ), the {@link PolicySelector}'s verdict, then one selection per package and
 * action rule to the sink, with the rule's action.
 */
public final class PolicyScan {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyScan.class);

  /** Rules per policy at most: a package's entries take consecutive places in the report. */
  public static final int MAX_RULES = Policy.MAX_RULES;

  private final CodeArtifactGateway gateway;
  private final Inventory inventory;
  private final Workers workers;
  private final Progress progress;
  private final Policy policy;
  private final PolicySelector selector;

  public PolicyScan(
      CodeArtifactGateway gateway, Workers workers, Progress progress, Policy policy) {
    if (policy.rules().size() > MAX_RULES) {
      throw new IllegalArgumentException("more than " + MAX_RULES + " rules");
    }
    this.gateway = gateway;
    this.inventory = new Inventory(gateway);
    this.workers = workers;
    this.progress = progress;
    this.policy = policy;
    this.selector = new PolicySelector(policy);
  }

  /** The execute action of an action rule. */
  public static Action action(Policy.RuleAction a) {
    return switch (a) {
      case DELETE -> Action.DELETE;
      case ARCHIVE -> Action.ARCHIVE;
      case UNLIST -> Action.UNLIST;
      case DISPOSE -> Action.DISPOSE;
      case KEEP -> throw new IllegalArgumentException("keep is no action");
    };
  }

  /** The repositories the scope names; a glob that matches none is an error. */
  public List<RepositoryRef> repositories(Scope scope) {
    return new VersionScan(gateway, workers, progress).repositories(scope);
  }

  /**
   * Lists and selects; each package's verdicts to {@code explained} when not null (for {@code
   * --explain}), and each package's per-rule selections to {@code sink}.
   */
  public void select(
      List<RepositoryRef> repositories,
      Pipeline.Sink sink,
      Consumer<PolicySelector.Result> explained) {
    Criteria any = new Criteria.Builder().protectLatest(false).build();
    List<Policy.Rule> rules = policy.rules();
    for (int r = 0; r < repositories.size(); r++) {
      RepositoryRef repo = repositories.get(r);
      List<PackageId> packages =
          inventory.packages(repo, any).stream().filter(p -> selector.needed(repo, p)).toList();
      progress.packagesFound(packages.size());
      long base = (long) r << 32;
      workers.map(
          IntStream.range(0, packages.size()).boxed().toList(),
          i -> {
            PackageId pkg = packages.get(i);
            VersionListing listing;
            try {
              listing = inventory.allVersions(repo, pkg, true);
            } catch (GatewayException e) {
              if (e.packageNotFound()) {
                progress.scanned(0);
                return null; // deleted since it was listed
              }
              throw e;
            }
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
              long order = (base + i) * MAX_RULES + rules.indexOf(s.rule());
              selected += s.selection().selected().size();
              sink.accept(order, s.selection(), action(s.rule().action()), s.rule().name());
            }
            progress.scanned(selected);
            return null;
          });
    }
  }

  /** Every package's verdicts, in report order (for {@code --explain}). */
  public List<PolicySelector.Result> explain(List<RepositoryRef> repositories) {
    List<PolicySelector.Result> out = java.util.Collections.synchronizedList(new ArrayList<>());
    select(repositories, (order, sel, action, rule) -> {}, out::add);
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
