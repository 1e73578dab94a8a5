package dev.caprune.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.execute.Usage;
import dev.caprune.report.View.RuleCounts;
import dev.caprune.report.View.TargetResult;
import dev.caprune.report.View.VersionSizes;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
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
  public void versions(
      List<PackageSelection> selections, String domain, boolean explain, VersionSizes sizes) {
    List<View.Version> entries = View.versions(selections, explain, sizes);
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
        Json.line(
            new View.VersionsSummary(
                "summary",
                1,
                domain,
                packages,
                entries.size(),
                held,
                sizes == null ? null : sizes.bytes())));
    out.flush();
  }

  @Override
  public OutcomeReport outcome(boolean dryRun, boolean sizes) {
    StreamedLines lines = new StreamedLines(out, dryRun);
    return new OutcomeReport() {
      @Override
      public boolean streams() {
        return true;
      }

      @Override
      public void accept(PackageOutcome p) {
        lines.write(null, p, v -> out.println(Json.line(v)));
      }

      @Override
      public void finish(Outcome o, Where where) {
        lines.end(
            () -> {
              for (View.EmptyPackage d : View.EmptyPackage.of(o, "package")) {
                out.println(Json.line(d));
              }
              out.println(Json.line(View.outcomeSummary(o, where)));
            });
      }
    };
  }

  @Override
  public void plan(Plan plan, Instant now) {
    throw new IllegalArgumentException("a plan is shown as table or json");
  }

  /** A line of {@code type} package per package shown, then the {@code summary} line. */
  @Override
  public void usage(Usage.Report report, String domain, int top, double price) {
    List<View.UsageEntry> entries = View.usage(report, top, price);
    for (View.UsageEntry e : entries) {
      out.println(typed("package", e));
    }
    out.println(typed("summary", View.usageSummary(report, domain, entries.size(), price)));
    out.flush();
  }

  /** {@code record}'s fields after a {@code type}. */
  private static String typed(String type, Object record) {
    ObjectNode line = Json.MAPPER.createObjectNode().put("type", type);
    line.setAll((ObjectNode) Json.MAPPER.valueToTree(record));
    return Json.line(line);
  }

  @Override
  public PolicyReport policy(boolean dryRun, boolean sizes) {
    StreamedLines lines = new StreamedLines(out, dryRun);
    return new PolicyReport() {
      @Override
      public boolean streams() {
        return true;
      }

      @Override
      public void accept(View.PolicyLine l) {
        lines.write(l.target(), l.pkg(), v -> out.println(Json.line(v)));
      }

      /** A line of type rule per target and rule, one of type target each, the summary. */
      @Override
      public void finish(
          String policy, List<TargetResult> targets, List<RuleCounts> rules, boolean interrupted) {
        lines.end(() -> ending(policy, targets, rules, interrupted));
      }

      private void ending(
          String policy, List<TargetResult> targets, List<RuleCounts> rules, boolean interrupted) {
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
      }
    };
  }
}
