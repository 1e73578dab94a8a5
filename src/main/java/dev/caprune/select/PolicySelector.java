package dev.caprune.select;

import dev.caprune.select.Policy.Rule;
import dev.caprune.select.Policy.RuleAction;
import dev.caprune.select.order.VersionOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decides, per package, what a {@link Policy} does to each listed version, from one listing. Pure:
 * publish times come through the {@code describe} function, each asked at most once per package.
 *
 * <p>The semantics, in order:
 *
 * <ol>
 *   <li>Keep rules protect: a version that any keep rule selects (its filters and time window; with
 *       {@code keepLatest: N}, only the N newest of those) is touched by no rule.
 *   <li>Action rules claim in the file's order, as ECR lifecycle rules do: a version the rule's
 *       filters match belongs to that rule, whether the rule acts on it or keeps it ({@code
 *       keepLatest} keeps the N newest of what the rule's other filters match, among the versions
 *       no earlier rule claimed), and later rules never see it. A version outside the rule's time
 *       window is not matched: a later rule may claim it.
 *   <li>The policy's protections (latest, protect file) hold for every action rule.
 * </ol>
 */
public final class PolicySelector {
  private final Policy policy;

  public PolicySelector(Policy policy) {
    this.policy = policy;
  }

  /** One version's verdict under the policy. */
  public record Verdict(VersionSummary version, Rule rule, boolean selected, String reason) {
    /** The action this version gets: empty when no rule acts on it. */
    public Optional<RuleAction> action() {
      return selected ? Optional.of(rule.action()) : Optional.empty();
    }
  }

  /**
   * A package under the policy.
   *
   * @param verdicts one per listed version, oldest first by the format's order
   */
  public record Result(
      RepositoryRef repository,
      PackageId pkg,
      String defaultDisplayVersion,
      List<Verdict> verdicts,
      List<String> warnings) {

    /** The versions each action rule selected, as one selection per rule, in the rules' order. */
    public List<RuleSelection> byRule(List<Rule> rules) {
      List<RuleSelection> out = new ArrayList<>();
      for (Rule r : rules) {
        List<Decision> decisions = new ArrayList<>();
        for (Verdict v : verdicts) {
          if (v.selected() && v.rule() == r) {
            decisions.add(new Decision(v.version(), true, v.reason()));
          }
        }
        if (!decisions.isEmpty()) {
          out.add(
              new RuleSelection(
                  r,
                  new PackageSelection(
                      repository, pkg, defaultDisplayVersion, decisions, List.of())));
        }
      }
      return out;
    }

    /** Every verdict as a decision (for {@code --explain}). */
    public PackageSelection explained() {
      return new PackageSelection(
          repository,
          pkg,
          defaultDisplayVersion,
          verdicts.stream().map(v -> new Decision(v.version(), v.selected(), v.reason())).toList(),
          warnings);
    }
  }

  /** One action rule's selection in one package. */
  public record RuleSelection(Rule rule, PackageSelection selection) {}

  /** Whether some action rule can select versions of this package: else it need not be listed. */
  public boolean needed(RepositoryRef repo, PackageId pkg) {
    return policy.rules().stream().anyMatch(r -> !r.keep() && r.appliesTo(repo, pkg));
  }

  /**
   * @param listed the versions newest first by publish time, as the API lists them then
   * @param describe a version's publish time (one call); memoized here
   */
  public Result select(
      RepositoryRef repo,
      PackageId pkg,
      String defaultDisplayVersion,
      List<VersionSummary> listed,
      Function<String, Optional<Instant>> describe) {
    Map<String, Optional<Instant>> times = new ConcurrentHashMap<>();
    Function<String, Optional<Instant>> once = v -> times.computeIfAbsent(v, describe);
    List<String> warnings = new ArrayList<>();
    Map<String, Verdict> verdicts = new HashMap<>();

    // 1. Keep rules, each over the whole listing.
    Map<String, Rule> keptBy = new HashMap<>();
    for (Rule r : policy.rules()) {
      if (r.keep() && r.appliesTo(repo, pkg)) {
        for (VersionSummary v : keptBy(r, repo, pkg, defaultDisplayVersion, listed, once)) {
          keptBy.putIfAbsent(v.version(), r);
        }
      }
    }

    // 2. Action rules claim in order, each over what no earlier rule claimed.
    List<VersionSummary> unclaimed = new ArrayList<>(listed);
    for (Rule r : policy.rules()) {
      if (r.keep() || unclaimed.isEmpty() || !r.appliesTo(repo, pkg)) {
        continue;
      }
      PackageSelection sel =
          new Selector(r.criteria()).select(repo, pkg, defaultDisplayVersion, unclaimed, once);
      for (String w : sel.warnings()) {
        if (!warnings.contains(w)) {
          warnings.add(w);
        }
      }
      for (Decision d : sel.decisions()) {
        String v = d.version().version();
        Verdict verdict = claim(r, d, keptBy.get(v));
        if (verdict != null) {
          verdicts.put(v, verdict);
        }
      }
      unclaimed.removeIf(v -> verdicts.containsKey(v.version()));
    }

    // 3. The rest: no rule acts on them.
    List<VersionSummary> ordered = new ArrayList<>(listed);
    VersionOrder order = VersionOrder.of(pkg.format()).memoized();
    Selector.sort(ordered, (a, b) -> order.compare(a.version(), b.version()), pkg, warnings);
    List<Verdict> out = new ArrayList<>(ordered.size());
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (VersionSummary v : ordered) {
      if (seen.put(v.version(), true) != null) {
        continue;
      }
      Verdict verdict = verdicts.get(v.version());
      if (verdict == null) {
        Rule keeper = keptBy.get(v.version());
        verdict =
            keeper != null
                ? new Verdict(v, keeper, false, "kept by rule " + keeper.name())
                : new Verdict(v, null, false, "no rule matches");
      }
      out.add(verdict);
    }
    return new Result(repo, pkg, defaultDisplayVersion, out, warnings);
  }

  /**
   * What one of the action rule's decisions means under the policy: null when the rule's filters do
   * not match the version (a later rule may claim it).
   */
  private static Verdict claim(Rule r, Decision d, Rule keeper) {
    VersionSummary v = d.version();
    if (d.selected()) {
      return keeper != null
          ? new Verdict(v, keeper, false, "kept by rule " + keeper.name())
          : new Verdict(v, r, true, "rule " + r.name());
    }
    if (d.isProtected()) {
      return new Verdict(v, r, false, d.reason());
    }
    if (d.reason().startsWith("kept: newest")) {
      return new Verdict(
          v, r, false, "kept by rule " + r.name() + " (" + d.reason().substring(6) + ")");
    }
    return null; // a filter or the time window left it out: not this rule's
  }

  /** The versions a keep rule selects: its filters and window; with keepLatest, the N newest. */
  private static List<VersionSummary> keptBy(
      Rule r,
      RepositoryRef repo,
      PackageId pkg,
      String defaultDisplayVersion,
      List<VersionSummary> listed,
      Function<String, Optional<Instant>> describe) {
    Criteria c = r.criteria();
    Criteria filters =
        new Criteria(
            c.format(),
            c.namespace(),
            c.packages(),
            c.excludePackages(),
            c.packageRegexes(),
            c.versions(),
            c.excludeVersions(),
            c.versionRegexes(),
            c.statuses(),
            c.origin(),
            c.onlyPrerelease(),
            c.snapshotBuilds(),
            c.window(),
            null,
            c.order(),
            false,
            ProtectList.empty());
    PackageSelection sel =
        new Selector(filters).select(repo, pkg, defaultDisplayVersion, listed, describe);
    List<String> selectedNames =
        sel.decisions().stream()
            .filter(Decision::selected)
            .map(d -> d.version().version())
            .toList();
    List<VersionSummary> kept = new ArrayList<>();
    if (c.keepLatest() == null) {
      return sel.selected();
    }
    if (c.order() == Criteria.Order.published) {
      java.util.Set<String> chosen = new java.util.HashSet<>(selectedNames);
      for (VersionSummary v : listed) {
        if (chosen.remove(v.version())) {
          kept.add(v);
        }
      }
    } else {
      kept.addAll(sel.selected());
      java.util.Collections.reverse(kept); // decisions are oldest first by version order
    }
    return kept.subList(0, Math.min(c.keepLatest(), kept.size()));
  }
}
