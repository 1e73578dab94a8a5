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
 * version as soon as its package is done, then a {@code summary} line: the JSON document's header
 * fields and its {@code summary}'s fields, side by side. With {@code --query}, each line is written
 * as what the expression gives of it.
 */
final class NdjsonRenderer implements Renderer {
  private final PrintWriter out;

  NdjsonRenderer(PrintWriter out, Query query) {
    this.out = query == null ? out : new Queried(out, query);
  }

  /** Writes what {@code --query} gives of each line instead of the line. */
  private static final class Queried extends PrintWriter {
    private final Query query;

    Queried(PrintWriter out, Query query) {
      super(out);
      this.query = query;
    }

    @Override
    public void println(String line) {
      try {
        super.println(Json.line(query.apply(Json.MAPPER.readTree(line))));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot read back JSON", e);
      }
    }
  }

  @Override
  public void versions(
      List<PackageSelection> selections, String domain, boolean explain, VersionSizes sizes) {
    versions(selections, Where.of(domain), explain, sizes);
  }

  @Override
  public void versions(
      List<PackageSelection> selections, Where where, boolean explain, VersionSizes sizes) {
    List<View.Version> entries = View.versions(selections, explain, sizes);
    for (View.Version e : entries) {
      out.println(typed("version", e));
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("schemaVersion", View.SCHEMA_VERSION);
    header.put("domain", where.domain());
    View.putIfNotNull(header, "account", where.account());
    View.putIfNotNull(header, "region", where.region());
    out.println(summary(header, View.VersionsSummary.of(selections, sizes)));
    out.flush();
  }

  /** The last line: {@code type} summary, the document's header, then its summary's fields. */
  private static String summary(Map<String, Object> header, Object summary) {
    ObjectNode line = Json.MAPPER.createObjectNode().put("type", "summary");
    line.setAll((ObjectNode) Json.MAPPER.valueToTree(header));
    line.setAll((ObjectNode) Json.MAPPER.valueToTree(summary));
    return Json.line(line);
  }

  @Override
  public void explained(String action, View.Explained target) {
    for (View.VersionResult v : View.explainedLines(target)) {
      out.println(Json.line(v));
    }
    View.OutcomeDocument d = View.explainedOutcome(action, target);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("schemaVersion", d.schemaVersion());
    header.put("action", d.action());
    header.put("dryRun", d.dryRun());
    header.put("interrupted", d.interrupted());
    header.put("domain", d.domain());
    View.putIfNotNull(header, "account", d.account());
    View.putIfNotNull(header, "region", d.region());
    View.putIfNotNull(header, "error", d.error());
    out.println(summary(header, d.summary()));
    out.flush();
  }

  @Override
  public void explainedPolicy(String policy, List<View.Explained> targets) {
    for (View.Explained t : targets) {
      for (View.VersionResult v : View.explainedLines(t)) {
        out.println(Json.line(v));
      }
    }
    View.PolicyDocument d = View.explainedPolicy(policy, targets, true);
    for (View.TargetEntry t : d.targets()) {
      out.println(Json.line(t));
    }
    out.println(summary(policyHeader(policy, true, false), d.summary()));
    out.flush();
  }

  private static Map<String, Object> policyHeader(
      String policy, boolean dryRun, boolean interrupted) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("schemaVersion", View.SCHEMA_VERSION);
    header.put("policy", policy);
    header.put("dryRun", dryRun);
    header.put("interrupted", interrupted);
    return header;
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
              out.println(
                  summary(View.outcomeHeader(o, where), View.Summary.of(o.counts(), o.storage())));
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
    usage(report, Where.of(domain), top, price);
  }

  @Override
  public void usage(Usage.Report report, Where where, int top, double price) {
    List<View.UsageEntry> entries = View.usage(report, top, price);
    for (View.UsageEntry e : entries) {
      out.println(typed("package", e));
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("schemaVersion", View.SCHEMA_VERSION);
    header.put("domain", where.domain());
    View.putIfNotNull(header, "account", where.account());
    View.putIfNotNull(header, "region", where.region());
    out.println(summary(header, View.usageSummary(report, entries.size(), price)));
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
        out.println(summary(policyHeader(policy, dryRun, interrupted), d.summary()));
      }
    };
  }
}
