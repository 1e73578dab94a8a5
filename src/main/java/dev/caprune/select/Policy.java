package dev.caprune.select;

import java.util.List;

/**
 * A retention policy's rules, in order, checked and ready to select with ({@link PolicySelector}).
 *
 * @param rules the rules in the file's order: keep rules protect, action rules claim in order
 * @param use which keep rules matched a listed version in this run (shared by every target)
 */
public record Policy(List<Rule> rules, RuleUse use) {
  /** Rules per policy at most: a package's entries take consecutive places in the report. */
  public static final int MAX_RULES = 256;

  public Policy {
    rules = List.copyOf(rules);
  }

  public Policy(List<Rule> rules) {
    this(rules, new RuleUse());
  }

  /** The keep rules whose filters matched no version this run listed, in the file's order. */
  public List<Rule> unmatchedKeepRules() {
    return rules.stream().filter(r -> r.keep() && !use.matched(r)).toList();
  }

  /**
   * One rule.
   *
   * @param name unique in the policy; reports and plans name it
   * @param action what it does to the versions it selects; null for a keep rule, which protects
   *     them
   * @param criteria its filters (for action rules, with the policy's protections)
   * @param repositories repository globs the rule is narrowed to; empty means every repository of
   *     the target
   */
  public record Rule(String name, Action action, Criteria criteria, List<Matcher> repositories) {
    public Rule {
      repositories = List.copyOf(repositories);
    }

    /** Whether this is a keep rule: it protects what it selects, and acts on nothing. */
    public boolean keep() {
      return action == null;
    }

    /** The rule's verb as written in the file: keep, delete, archive, unlist or dispose. */
    public String verb() {
      return action == null ? "keep" : action.wire();
    }

    /** Whether the rule can select versions of this package, judged by names alone. */
    public boolean appliesTo(RepositoryRef repo, PackageId pkg) {
      return (repositories.isEmpty()
              || repositories.stream().anyMatch(m -> m.matches(repo.repository())))
          && criteria.matchesPackage(pkg);
    }
  }
}
