package dev.caprune.select;

import dev.caprune.select.Policy.Rule;
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
    public Optional<Action> action() {
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
          if (v.selected() && r.equals(v.rule())) {
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
          verdicts.stream()
              .map(
                  v ->
                      new Decision(
                          v.version(),
                          v.selected(),
                          v.reason(),
                          null,
                          v.rule() == null ? null : v.rule().name()))
              .toList(),
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
    Windows windows = new Windows(listed, once);
    List<String> warnings = new ArrayList<>();
    Map<String, Verdict> verdicts = new HashMap<>();

    // 1. Keep rules, each over the whole listing.
    Map<String, Rule> keptBy = new HashMap<>();
    Map<String, String> keptWhy = new HashMap<>();
    for (Rule r : policy.rules()) {
      if (r.keep() && r.appliesTo(repo, pkg)) {
        keptBy(r, repo, pkg, defaultDisplayVersion, listed, windows, once)
            .forEach(
                (v, why) -> {
                  if (keptBy.putIfAbsent(v, r) == null) {
                    keptWhy.put(v, why);
                  }
                });
      }
    }

    // 2. Action rules claim in order, each over what no earlier rule claimed.
    List<VersionSummary> unclaimed = new ArrayList<>(listed);
    for (Rule r : policy.rules()) {
      if (r.keep() || unclaimed.isEmpty() || !r.appliesTo(repo, pkg)) {
        continue;
      }
      // The time window is applied here, from one search per distinct cut-off over the whole
      // listing, not by a search per rule.
      PackageSelection sel =
          new Selector(withoutWindow(r.criteria()))
              .select(repo, pkg, defaultDisplayVersion, unclaimed, once);
      TimeWindow window = r.criteria().window();
      for (String w : sel.warnings()) {
        if (!warnings.contains(w)) {
          warnings.add(w);
        }
      }
      for (Decision d : sel.decisions()) {
        String v = d.version().version();
        if (d.selected() && !windows.contains(window, v)) {
          continue; // outside the rule's time window: not this rule's
        }
        Verdict verdict = claim(r, d, keptBy.get(v), keptWhy.get(v));
        if (verdict != null) {
          verdicts.put(v, verdict);
        }
      }
      unclaimed.removeIf(v -> verdicts.containsKey(v.version()));
    }

    // 3. The rest: no rule acts on them.
    VersionOrder order = VersionOrder.of(pkg.format());
    int[] ordered =
        Selector.ascending(order.keys(new Selector.Versions(listed)), listed.size(), pkg, warnings);
    List<Verdict> out = new ArrayList<>(ordered.length);
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (int index : ordered) {
      VersionSummary v = listed.get(index);
      if (seen.put(v.version(), true) != null) {
        continue;
      }
      Verdict verdict = verdicts.get(v.version());
      if (verdict == null) {
        Rule keeper = keptBy.get(v.version());
        verdict =
            keeper != null
                ? new Verdict(v, keeper, false, keptWhy.get(v.version()))
                : new Verdict(v, null, false, "no rule matches");
      }
      // A publish time a rule's time window looked up goes with the version to the report.
      Optional<Instant> time = times.getOrDefault(v.version(), Optional.empty());
      if (time.isPresent() && verdict.version().publishedTime() == null) {
        verdict =
            new Verdict(
                verdict.version().withPublishedTime(time.get()),
                verdict.rule(),
                verdict.selected(),
                verdict.reason());
      }
      out.add(verdict);
    }
    return new Result(repo, pkg, defaultDisplayVersion, out, warnings);
  }

  /**
   * What one of the action rule's decisions means under the policy: null when the rule's filters do
   * not match the version (a later rule may claim it).
   */
  private static Verdict claim(Rule r, Decision d, Rule keeper, String keptWhy) {
    VersionSummary v = d.version();
    if (d.selected()) {
      if (keeper != null) {
        return new Verdict(v, keeper, false, keptWhy);
      }
      // A deleted version is gone from the listing: only a status change can find its target.
      if (!r.action().removesVersion() && v.status() == r.action().target()) {
        // Already where the rule takes it: the rule's, and nothing to do.
        return new Verdict(
            v, r, false, "rule " + r.name() + ": already " + r.action().target().wire());
      }
      return new Verdict(v, r, true, "rule " + r.name());
    }
    if (d.isProtected()) {
      return new Verdict(v, r, false, d.reason());
    }
    if (d.reason().equals(Decision.UNKNOWN_TIME_KEPT)) {
      return new Verdict(v, r, false, "kept by rule " + r.name() + ": publish time unknown");
    }
    if (d.reason().startsWith("kept: newest")) {
      return new Verdict(
          v, r, false, "kept by rule " + r.name() + " (" + d.reason().substring(6) + ")");
    }
    return null; // a filter or the time window left it out: not this rule's
  }

  /**
   * The versions a keep rule selects, each with the reason: its filters and window; with
   * keepLatest, the N newest of those. A version whose publish time is unknown is inside every keep
   * window, and never falls out of a keep by publish time: unknown means protected.
   */
  private Map<String, String> keptBy(
      Rule r,
      RepositoryRef repo,
      PackageId pkg,
      String defaultDisplayVersion,
      List<VersionSummary> listed,
      Windows windows,
      Function<String, Optional<Instant>> describe) {
    Criteria c = r.criteria();
    VersionOrder order = VersionOrder.of(pkg.format()).memoized();
    Criteria filters = copy(c, TimeWindow.UNBOUNDED, null, false, ProtectList.empty());
    PackageSelection sel =
        new Selector(filters)
            .select(repo, pkg, defaultDisplayVersion, listed, v -> Optional.empty());
    String kept = "kept by rule " + r.name();
    String unknown = kept + ": publish time unknown";
    Map<String, String> matched = new HashMap<>();
    for (Decision d : sel.decisions()) {
      if (d.selected()) {
        policy.use().matched(r.name()); // its filters match a listed version: no typo
        String v = d.version().version();
        switch (windows.keeps(c.window(), v)) {
          case IN_WINDOW -> matched.put(v, kept);
          case UNKNOWN_TIME -> matched.put(v, unknown);
          default -> {}
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (c.keepLatest() == null) {
      for (VersionSummary v : listed) {
        String why = matched.get(v.version());
        if (why != null) {
          out.putIfAbsent(v.version(), why);
        }
      }
    } else if (c.order() == Criteria.Order.published) {
      List<String> newestFirst =
          listed.stream().map(VersionSummary::version).filter(matched::containsKey).toList();
      // Per release line with keepLatestPer: each line's N newest by publish time.
      for (List<String> line :
          ReleaseLines.group(newestFirst, v -> v, order, c.keepLatestPer()).values()) {
        AgeSearch.Newest newest = AgeSearch.newest(line, c.keepLatest(), describe);
        for (String v : newest.kept()) {
          out.put(v, newest.unknownTime().contains(v) ? unknown : matched.get(v));
        }
      }
    } else {
      List<Decision> decisions = sel.decisions(); // oldest first by version order
      Map<String, Integer> keptPerLine = new HashMap<>();
      for (int i = decisions.size() - 1; i >= 0; i--) {
        String v = decisions.get(i).version().version();
        if (matched.containsKey(v)) {
          String line = ReleaseLines.key(order, v, c.keepLatestPer());
          if (keptPerLine.merge(line, 1, Integer::sum) <= c.keepLatest()) {
            out.putIfAbsent(v, matched.get(v));
          }
        }
      }
    }
    return out;
  }

  private static Criteria withoutWindow(Criteria c) {
    return copy(c, TimeWindow.UNBOUNDED, c.keepLatest(), c.protectLatest(), c.protect());
  }

  private static Criteria copy(
      Criteria c,
      TimeWindow window,
      Integer keepLatest,
      boolean protectLatest,
      ProtectList protect) {
    return c.toBuilder()
        .window(window)
        .keepLatest(keepLatest)
        .protectLatest(protectLatest)
        .protect(protect)
        .build();
  }

  /**
   * Which side of each cut-off every listed version lies on, found once per distinct cut-off by
   * {@link AgeSearch} over the whole listing (newest first by publish time): about log2(n) + 2
   * describe calls per cut-off, however many rules share it. Computed on first use only.
   */
  private static final class Windows {
    private final List<String> newestFirst;
    private final Function<String, Optional<Instant>> describe;
    private final Map<Instant, Map<String, AgeSearch.Verdict>> before = new HashMap<>();
    private final Map<Instant, Map<String, AgeSearch.Verdict>> after = new HashMap<>();

    Windows(List<VersionSummary> listed, Function<String, Optional<Instant>> describe) {
      this.newestFirst = listed.stream().map(VersionSummary::version).toList();
      this.describe = describe;
    }

    /**
     * Where a version lies for a keep rule's window: IN_WINDOW, UNKNOWN_TIME (its publish time is
     * unknown, and a keep keeps it), or outside.
     */
    AgeSearch.Kind keeps(TimeWindow w, String version) {
      if (w.unbounded()) {
        return AgeSearch.Kind.IN_WINDOW;
      }
      AgeSearch.Kind upper =
          w.before() == null
              ? AgeSearch.Kind.IN_WINDOW
              : kind(before, w.before(), new TimeWindow(null, w.before()), version);
      AgeSearch.Kind lower =
          w.after() == null
              ? AgeSearch.Kind.IN_WINDOW
              : kind(after, w.after(), new TimeWindow(w.after(), null), version);
      if (upper == AgeSearch.Kind.IN_WINDOW && lower == AgeSearch.Kind.IN_WINDOW) {
        return AgeSearch.Kind.IN_WINDOW;
      }
      if (upper == AgeSearch.Kind.UNKNOWN_TIME || lower == AgeSearch.Kind.UNKNOWN_TIME) {
        return AgeSearch.Kind.UNKNOWN_TIME;
      }
      return upper == AgeSearch.Kind.IN_WINDOW ? lower : upper;
    }

    boolean contains(TimeWindow w, String version) {
      if (w.unbounded()) {
        return true;
      }
      if (w.before() != null
          && !inside(before, w.before(), new TimeWindow(null, w.before()), version)) {
        return false;
      }
      return w.after() == null
          || inside(after, w.after(), new TimeWindow(w.after(), null), version);
    }

    private boolean inside(
        Map<Instant, Map<String, AgeSearch.Verdict>> cache,
        Instant edge,
        TimeWindow half,
        String version) {
      Map<String, AgeSearch.Verdict> verdicts =
          cache.computeIfAbsent(
              edge, e -> AgeSearch.classify(newestFirst, half, describe).verdicts());
      AgeSearch.Verdict v = verdicts.get(version);
      return v != null && v.kind() == AgeSearch.Kind.IN_WINDOW;
    }

    private AgeSearch.Kind kind(
        Map<Instant, Map<String, AgeSearch.Verdict>> cache,
        Instant edge,
        TimeWindow half,
        String version) {
      AgeSearch.Verdict v =
          cache
              .computeIfAbsent(
                  edge, e -> AgeSearch.classify(newestFirst, half, describe).verdicts())
              .get(version);
      // Not in the listing the search ran over: nothing is known of its time.
      return v == null ? AgeSearch.Kind.UNKNOWN_TIME : v.kind();
    }
  }
}
