package dev.caprune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Outcome.Counts;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.WriteResult.Failure;
import dev.caprune.select.WriteResult.Success;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The report of {@code caprune policy run}: per target and per rule, what was selected, done and
 * failed; every version names its {@code target} and {@code rule}. Table and JSON at the end;
 * ndjson and CSV streamed as each package is done (safe to call from many workers and targets).
 */
public final class PolicyRenderer {
  /** One target's run: its outcome, or the one-line reason it could not run. */
  public record TargetResult(String target, String domain, Outcome outcome, int exitCode) {}

  /** Counts of one rule in one target. */
  public record RuleCounts(
      String target,
      String rule,
      String action,
      int selected,
      int succeeded,
      int alreadyDone,
      int failed,
      int notAttempted) {
    RuleCounts plus(Counts c) {
      return new RuleCounts(
          target,
          rule,
          action,
          selected + c.selected(),
          succeeded + c.succeeded(),
          alreadyDone + c.alreadyDone(),
          failed + c.failed(),
          notAttempted + c.notAttempted());
    }
  }

  /** Per-rule counts, kept as packages finish (streamed packages are not kept in the outcome). */
  public static final class Tally implements Consumer<PolicyLine> {
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

  /** A finished package of one target. */
  public record PolicyLine(String target, PackageOutcome pkg) {}

  /** One version's result in ndjson and CSV: today's fields, plus target, rule and action. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VersionLine(
      String type,
      String target,
      String rule,
      String action,
      String repository,
      String format,
      @JsonInclude(JsonInclude.Include.ALWAYS) String namespace,
      @JsonProperty("package") String pkg,
      String version,
      String status,
      String result,
      String revision,
      String errorCode,
      String errorMessage) {}

  /** The JSON document and the ndjson summary's fields. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Document(
      String type,
      int schemaVersion,
      String policy,
      boolean dryRun,
      boolean interrupted,
      List<TargetEntry> targets,
      List<RuleCounts> rules,
      OutcomeRenderer.Summary summary) {}

  /** One target in the JSON document; {@code packages} is left out of the ndjson summary. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TargetEntry(
      String type,
      String name,
      String domain,
      int exitCode,
      String error,
      List<PackageEntry> packages,
      OutcomeRenderer.Summary summary,
      List<OutcomeRenderer.EmptyPackage> emptyPackages) {}

  /** One package and rule in the JSON document. */
  public record PackageEntry(
      String repository,
      String format,
      String namespace,
      @JsonProperty("package") String pkg,
      String rule,
      String action,
      List<String> selected,
      Map<String, Success> successfulVersions,
      Map<String, Failure> alreadyDone,
      Map<String, Failure> failedVersions) {}

  /** The command line's CSV columns, after the target, rule and action. */
  static final List<String> CSV_HEADER =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of("target", "rule", "action"),
              StreamRenderer.CSV_HEADER.stream())
          .toList();

  private final OutputFormat format;
  private final boolean dryRun;
  private final PrintWriter out;
  private boolean finished;

  /** A streaming renderer (ndjson, csv); for table and json, use {@link #render}. */
  public PolicyRenderer(OutputFormat format, boolean dryRun, PrintWriter out) {
    if (!format.streaming()) {
      throw new IllegalArgumentException(format + " is not a streaming format");
    }
    this.format = format;
    this.dryRun = dryRun;
    this.out = out;
    if (format == OutputFormat.csv) {
      out.print(Csv.row(CSV_HEADER));
      out.flush();
    }
  }

  /** One finished package: a line per version. */
  public synchronized void accept(PolicyLine l) {
    if (finished) {
      return;
    }
    for (VersionSummary v : l.pkg().selected()) {
      VersionLine line = line(l.target(), l.pkg(), v, dryRun);
      if (format == OutputFormat.ndjson) {
        out.println(Json.line(line));
      } else {
        out.print(
            Csv.row(
                Arrays.asList(
                    line.target(),
                    line.rule(),
                    line.action(),
                    line.repository(),
                    line.format(),
                    line.namespace(),
                    line.pkg(),
                    line.version(),
                    line.status(),
                    line.result(),
                    line.revision(),
                    line.errorCode(),
                    line.errorMessage())));
      }
    }
    out.flush();
  }

  /** ndjson: a {@code rule} line per target and rule, a {@code target} line each, the summary. */
  public synchronized void finish(
      String policy, List<TargetResult> targets, List<RuleCounts> rules, boolean interrupted) {
    finished = true;
    if (format == OutputFormat.ndjson) {
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
      Document d = document(policy, targets, rules, interrupted, false);
      for (TargetEntry t : d.targets()) {
        out.println(Json.line(t));
      }
      out.println(
          Json.line(
              new Document("summary", 1, policy, dryRun, interrupted, null, null, d.summary())));
    }
    out.flush();
  }

  /** The whole report as table or JSON. */
  public static void render(
      String policy,
      List<TargetResult> targets,
      List<RuleCounts> rules,
      boolean dryRun,
      boolean interrupted,
      OutputFormat format,
      boolean color,
      PrintWriter out) {
    if (format == OutputFormat.json) {
      Json.print(out, document(policy, targets, rules, interrupted, true));
      out.flush();
      return;
    }
    Table versions =
        new Table(
            List.of(
                "TARGET",
                "RULE",
                "REPOSITORY",
                "PACKAGE",
                "FORMAT",
                "VERSION",
                "STATUS",
                "RESULT"));
    for (TargetResult t : targets) {
      for (PackageOutcome p : t.outcome().packages()) {
        for (VersionSummary v : p.selected()) {
          VersionLine l = line(t.target(), p, v, dryRun);
          versions.add(
              List.of(
                  Table.Cell.plain(t.target()),
                  Table.Cell.plain(p.rule()),
                  Table.Cell.plain(p.repository().repository()),
                  Table.Cell.plain(p.pkg().display()),
                  Table.Cell.plain(p.pkg().format().wire()),
                  Table.Cell.plain(v.version()),
                  Table.Cell.plain(v.status().wire()),
                  result(p, l)));
        }
      }
    }
    if (versions.isEmpty()) {
      out.println("No versions match any rule: nothing to do.");
    } else {
      versions.print(out, color);
    }
    out.println();
    Table byRule =
        new Table(
            List.of(
                "TARGET",
                "RULE",
                "ACTION",
                "SELECTED",
                "DONE",
                "ALREADY",
                "FAILED",
                "NOT ATTEMPTED"));
    for (RuleCounts r : rules) {
      byRule.add(
          List.of(
              Table.Cell.plain(r.target()),
              Table.Cell.plain(r.rule()),
              Table.Cell.plain(r.action()),
              Table.Cell.plain(String.format("%,d", r.selected())),
              Table.Cell.plain(String.format("%,d", r.succeeded())),
              Table.Cell.plain(String.format("%,d", r.alreadyDone())),
              r.failed() > 0
                  ? Table.Cell.colored(String.format("%,d", r.failed()), Table.RED)
                  : Table.Cell.plain("0"),
              Table.Cell.plain(String.format("%,d", r.notAttempted()))));
    }
    if (!byRule.isEmpty()) {
      byRule.print(out, color);
      out.println();
    }
    for (TargetResult t : targets) {
      if (!t.outcome().packageDeletions().isEmpty()) {
        out.print(Text.safe(t.target()) + ": ");
        OutcomeRenderer.emptyPackages(t.outcome(), out);
      }
    }
    for (TargetResult t : targets) {
      Outcome o = t.outcome();
      String state =
          o.error() != null
              ? "FAILED: " + Text.safe(o.error().replaceAll("\\.+$", ""))
              : dryRun
                  ? String.format("would change %,d versions", o.selectedCount())
                  : String.format(
                      "%,d of %,d done, %,d already done, %,d failed, %,d not attempted",
                      o.succeededCount(),
                      o.selectedCount(),
                      o.alreadyDoneCount(),
                      o.failedCount(),
                      o.notAttemptedCount());
      out.println("Target " + t.target() + " (" + t.domain() + "): " + state + ".");
    }
    if (dryRun) {
      out.println("Dry run: nothing was changed.");
    }
    out.flush();
  }

  private static Table.Cell result(PackageOutcome p, VersionLine l) {
    String action = p.action().wire();
    return switch (l.result()) {
      case "succeeded" -> Table.Cell.colored(p.action().done(), Table.GREEN);
      case "alreadyDone" -> Table.Cell.colored("already " + p.action().done(), Table.GREEN);
      case "failed" ->
          Table.Cell.colored(
              "failed: " + l.errorCode() + (l.errorMessage() == null ? "" : " " + l.errorMessage()),
              Table.RED);
      case "selected" -> Table.Cell.colored("would " + action, Table.YELLOW);
      default -> Table.Cell.colored("not attempted", Table.YELLOW);
    };
  }

  static Document document(
      String policy,
      List<TargetResult> targets,
      List<RuleCounts> rules,
      boolean interrupted,
      boolean withPackages) {
    List<TargetEntry> entries = new ArrayList<>();
    Counts total = Counts.ZERO;
    boolean dryRun = false;
    for (TargetResult t : targets) {
      Outcome o = t.outcome();
      dryRun |= o.dryRun();
      total = total.plus(o.counts());
      List<PackageEntry> packages = null;
      if (withPackages) {
        packages = new ArrayList<>();
        for (PackageOutcome p : o.packages()) {
          List<String> selected = p.selected().stream().map(VersionSummary::version).toList();
          packages.add(
              new PackageEntry(
                  p.repository().repository(),
                  p.pkg().format().wire(),
                  p.pkg().namespace(),
                  p.pkg().name(),
                  p.rule(),
                  p.action().wire(),
                  selected,
                  inOrder(selected, p.successful()),
                  inOrder(selected, p.alreadyDone()),
                  inOrder(selected, p.failed())));
        }
      }
      entries.add(
          new TargetEntry(
              withPackages ? null : "target",
              t.target(),
              t.domain(),
              t.exitCode(),
              o.error(),
              packages,
              summary(o.counts()),
              o.packageDeletions().isEmpty() ? null : OutcomeRenderer.EmptyPackage.of(o)));
    }
    return new Document(
        withPackages ? null : "summary",
        1,
        policy,
        dryRun,
        interrupted,
        entries,
        rules,
        summary(total));
  }

  private static OutcomeRenderer.Summary summary(Counts c) {
    return new OutcomeRenderer.Summary(
        c.packages(), c.selected(), c.succeeded(), c.alreadyDone(), c.failed(), c.notAttempted());
  }

  static VersionLine line(String target, PackageOutcome p, VersionSummary v, boolean dryRun) {
    Success s = p.successful().get(v.version());
    Failure already = p.alreadyDone().get(v.version());
    Failure f = already != null ? already : p.failed().get(v.version());
    String result =
        s != null
            ? "succeeded"
            : already != null
                ? "alreadyDone"
                : f != null ? "failed" : dryRun ? "selected" : "notAttempted";
    return new VersionLine(
        "version",
        target,
        p.rule(),
        p.action().wire(),
        p.repository().repository(),
        p.pkg().format().wire(),
        p.pkg().namespace(),
        p.pkg().name(),
        v.version(),
        s != null ? s.status() : v.status().wire(),
        result,
        s != null ? s.revision() : v.revision(),
        f == null ? null : f.errorCode(),
        f == null ? null : f.errorMessage());
  }

  private static <V> Map<String, V> inOrder(List<String> order, Map<String, V> map) {
    Map<String, V> sorted = new LinkedHashMap<>();
    for (String v : order) {
      if (map.containsKey(v)) {
        sorted.put(v, map.get(v));
      }
    }
    map.forEach(sorted::putIfAbsent);
    return sorted;
  }
}
