package dev.caprune.select;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

  /** What a rule does to the versions it selects. */
  public enum RuleAction {
    KEEP,
    DELETE,
    ARCHIVE,
    UNLIST,
    DISPOSE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status a version has once the rule acted on it, or null (keep; delete, after which the
     * version is gone).
     */
    public VersionStatus target() {
      return switch (this) {
        case ARCHIVE -> VersionStatus.ARCHIVED;
        case UNLIST -> VersionStatus.UNLISTED;
        case DISPOSE -> VersionStatus.DISPOSED;
        case KEEP, DELETE -> null;
      };
    }

    public static Optional<RuleAction> fromWire(String s) {
      for (RuleAction a : values()) {
        if (a.wire().equals(s)) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * One rule.
   *
   * @param name unique in the policy; reports and plans name it
   * @param action what it does
   * @param criteria its filters (for action rules, with the policy's protections)
   * @param repositories repository globs the rule is narrowed to; empty means every repository of
   *     the target
   */
  public record Rule(
      String name, RuleAction action, Criteria criteria, List<Matcher> repositories) {
    public Rule {
      repositories = List.copyOf(repositories);
    }

    public boolean keep() {
      return action == RuleAction.KEEP;
    }

    /** Whether the rule can select versions of this package, judged by names alone. */
    public boolean appliesTo(RepositoryRef repo, PackageId pkg) {
      return (repositories.isEmpty()
              || repositories.stream().anyMatch(m -> m.matches(repo.repository())))
          && criteria.matchesPackage(pkg);
    }
  }
}
