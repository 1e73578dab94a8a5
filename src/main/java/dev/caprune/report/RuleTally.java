package dev.caprune.report;

import dev.caprune.execute.Outcome.Counts;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.report.View.PolicyLine;
import dev.caprune.report.View.RuleCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A policy run's per-rule counts, kept as packages finish (streamed packages are not kept). */
public final class RuleTally implements Consumer<PolicyLine> {
  private final Map<String, RuleCounts> byRule = new LinkedHashMap<>();

  @Override
  public synchronized void accept(PolicyLine l) {
    PackageOutcome p = l.pkg();
    String key = l.target() + "\u0000" + p.rule();
    RuleCounts c =
        byRule.computeIfAbsent(
            key, k -> new RuleCounts(l.target(), p.rule(), p.action().wire(), 0, 0, 0, 0, 0));
    byRule.put(key, c.plus(Counts.of(p)));
  }

  /** In the rules' order within each target, targets in the given order. */
  public synchronized List<RuleCounts> counts(List<String> targets, List<String> rules) {
    List<RuleCounts> out = new ArrayList<>();
    for (String t : targets) {
      for (String r : rules) {
        RuleCounts c = byRule.get(t + "\u0000" + r);
        if (c != null) {
          out.add(c);
        }
      }
    }
    return out;
  }
}
