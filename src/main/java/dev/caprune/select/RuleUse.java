package dev.caprune.select;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which keep rules of a policy matched a listed version, over a whole run (every target and
 * package): a keep rule whose filters match nothing the run listed is most likely a typo ({@code
 * version: "1.0.O"}), and it must not pass without a word. Only the rule's filters count, not its
 * time window or keepLatest: a keep rule for recent versions protects nothing on a day with none,
 * and is no typo. Thread-safe: targets and packages are selected at the same time.
 */
public final class RuleUse {
  private final Set<String> matched = ConcurrentHashMap.newKeySet();

  /** The rule's filters matched a listed version. */
  void matched(String rule) {
    matched.add(rule);
  }

  /** Whether the rule's filters matched a listed version so far. */
  public boolean matched(Policy.Rule rule) {
    return matched.contains(rule.name());
  }
}
