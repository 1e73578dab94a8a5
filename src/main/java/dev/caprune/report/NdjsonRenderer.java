package dev.caprune.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.report.View.PolicyLine;
import dev.caprune.report.View.RuleCounts;
import dev.caprune.report.View.TargetResult;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import dev.caprune.select.VersionSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -o ndjson}: one JSON object per line, each with its {@code type}; a version line per
 * version as soon as its package is done, then a {@code summary} line.
 */
final class NdjsonRenderer implements Renderer {
  private final PrintWriter out;

  NdjsonRenderer(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void versions(List<PackageSelection> selections, String domain, boolean explain) {
    List<View.Version> entries = View.versions(selections, explain);
    for (View.Version e : entries) {
      ObjectNode line = Json.MAPPER.createObjectNode().put("type", "version");
      line.setAll((ObjectNode) Json.MAPPER.valueToTree(e));
      out.println(Json.line(line));
    }
    long packages =
        entries.stream()
            .map(e -> e.repository() + "|" + e.format() + "|" + e.namespace() + "|" + e.pkg())
            .distinct()
            .count();
    long held = entries.stream().filter(e -> e.protection() != null).count();
    out.println(
        Json.line(new View.VersionsSummary("summary", 1, domain, packages, entries.size(), held)));
    out.flush();
  }

  @Override
  public OutcomeReport outcome(boolean dryRun) {
    return new OutcomeReport() {
      private boolean finished;

      @Override
      public boolean streams() {
        return true;
      }

      @Override
      public synchronized void accept(PackageOutcome p) {
        if (finished) {
          return; // the document is whole: nothing may follow its summary
        }
        for (VersionSummary v : p.selected()) {
          out.println(Json.line(View.result(null, p, v, dryRun)));
        }
        out.flush();
      }

      @Override
      public synchronized void finish(Outcome o, Where where) {
        finished = true;
        out.println(Json.line(View.outcomeSummary(o, where)));
        out.flush();
      }
    };
  }

  @Override
  public void plan(Plan plan, Instant now) {
    throw new IllegalArgumentException("a plan is shown as table or json");
  }

  @Override
  public PolicyReport policy(boolean dryRun) {
    return new PolicyReport() {
      private boolean finished;

      @Override
      public boolean streams() {
        return true;
      }

      @Override
      public synchronized void accept(PolicyLine l) {
        if (finished) {
          return;
        }
        for (VersionSummary v : l.pkg().selected()) {
          out.println(Json.line(View.result(l.target(), l.pkg(), v, dryRun)));
        }
        out.flush();
      }

      /** A {@code rule} line per target and rule, a {@code target} line each, the summary. */
      @Override
      public synchronized void finish(
          String policy, List<TargetResult> targets, List<RuleCounts> rules, boolean interrupted) {
        finished = true;
        for (RuleCounts r : rules) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("type", "rule");
          m.put("target", r.target());
          m.put("rule", r.rule());
          m.put("action", r.action());
          m.put("selected", r.selected());
          m.put("succeeded", r.succeeded());
          m.put("alreadyDone", r.alreadyDone());
          m.put("failed", r.failed());
          m.put("notAttempted", r.notAttempted());
          out.println(Json.line(m));
        }
        View.PolicyDocument d = View.policy(policy, targets, rules, interrupted, false);
        for (View.TargetEntry t : d.targets()) {
          out.println(Json.line(t));
        }
        out.println(
            Json.line(
                new View.PolicyDocument(
                    "summary", 1, policy, dryRun, interrupted, null, null, d.summary())));
        out.flush();
      }
    };
  }
}
