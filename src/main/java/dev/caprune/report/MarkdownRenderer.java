package dev.caprune.report;

import dev.caprune.execute.Outcome;
import dev.caprune.execute.Usage;
import dev.caprune.report.View.RuleCounts;
import dev.caprune.report.View.TargetResult;
import dev.caprune.report.View.VersionSizes;
import dev.caprune.select.Decision;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -o markdown}: a summary to paste in a pull request or a chat. A heading line, one table
 * row per package (per target and rule for a policy), a totals row; at most {@link #ROWS} rows,
 * then "…and N more". Counts only: JSON carries every version.
 */
final class MarkdownRenderer implements Renderer {
  /** Rows shown before "…and N more": a table that still fits a pull request's comment. */
  static final int ROWS = 20;

  private final PrintWriter out;

  MarkdownRenderer(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void versions(
      List<PackageSelection> selections, String domain, boolean explain, VersionSizes sizes) {
    versions(selections, Where.of(domain), explain, sizes);
  }

  @Override
  public void versions(
      List<PackageSelection> selections, Where where, boolean explain, VersionSizes sizes) {
    View.VersionsSummary s = View.VersionsSummary.of(selections, sizes);
    out.println(
        "### caprune versions: "
            + Text.plural(s.versions(), "version", "versions")
            + " in "
            + Text.plural(s.packages(), "package", "packages")
            + " ("
            + place(where)
            + ")");
    out.println();
    List<List<String>> rows = new ArrayList<>();
    for (PackageSelection sel : selections) {
      long listed = sel.decisions().stream().filter(d -> explain || d.listed()).count();
      if (listed == 0) {
        continue;
      }
      long selected = sel.decisions().stream().filter(Decision::selected).count();
      long held = sel.decisions().stream().filter(d -> d.protection() != null).count();
      rows.add(
          List.of(
              cell(sel.repository().repository()),
              cell(sel.pkg().format().wire()),
              cell(sel.pkg().display()),
              String.valueOf(listed),
              String.valueOf(selected),
              String.valueOf(held)));
    }
    table(
        List.of("repository", "format", "package", "versions", "selected", "protected"),
        rows,
        List.of(
            "**total**",
            "",
            "",
            String.valueOf(s.versions()),
            String.valueOf(s.selected()),
            String.valueOf(s.protectedVersions())));
    if (s.bytes() != null) {
      out.println();
      out.println("Selected versions hold " + SizeText.human(s.bytes()) + ".");
    }
    out.flush();
  }

  @Override
  public void explained(String action, View.Explained target) {
    outcomeTable(
        View.explainedOutcome(action, target), "caprune " + action + " (dry run, explained)");
  }

  @Override
  public void explainedPolicy(String policy, List<View.Explained> targets) {
    View.PolicyDocument d = View.explainedPolicy(policy, targets, false);
    policyTable(d, "caprune policy run " + policy + " (dry run, explained)", List.of());
  }

  @Override
  public OutcomeReport outcome(boolean dryRun, boolean sizes) {
    return (Outcome o, Where where) ->
        outcomeTable(
            View.outcome(o, where),
            "caprune " + o.action().wire() + (o.dryRun() ? " (dry run)" : ""));
  }

  private void outcomeTable(View.OutcomeDocument d, String title) {
    View.Summary s = d.summary();
    out.println(
        "### "
            + title
            + ": "
            + Text.plural(s.selected(), "version", "versions")
            + " in "
            + Text.plural(s.packages(), "package", "packages")
            + " ("
            + place(new Where(d.domain(), d.account(), d.region()))
            + ")");
    out.println();
    List<List<String>> rows = new ArrayList<>();
    for (View.PackageEntry p : d.packages()) {
      List<String> row = new ArrayList<>(counts(p));
      if (s.kept() != null) {
        row.add(String.valueOf(p.kept() == null ? 0 : p.kept().size()));
      }
      rows.add(row);
    }
    List<String> total = new ArrayList<>(totals(s));
    List<String> headers =
        new ArrayList<>(
            List.of(
                "repository",
                "format",
                "package",
                "selected",
                "succeeded",
                "already done",
                "failed",
                "not attempted"));
    if (s.kept() != null) {
      headers.add("kept");
      total.add(String.valueOf(s.kept()));
    }
    table(headers, rows, total);
    footer(s, d.interrupted(), d.error());
    out.flush();
  }

  private static List<String> counts(View.PackageEntry p) {
    int selected = p.selected().size();
    int done = p.successfulVersions().size();
    int already = p.alreadyDone().size();
    int failed = p.failedVersions().size();
    return List.of(
        cell(p.repository()),
        cell(p.format()),
        cell(display(p.format(), p.namespace(), p.pkg())),
        String.valueOf(selected),
        String.valueOf(done),
        String.valueOf(already),
        String.valueOf(failed),
        String.valueOf(Math.max(0, selected - done - already - failed)));
  }

  /** As people write the package: {@code @scope/name} for npm, {@code group/name} elsewhere. */
  private static String display(String format, String namespace, String name) {
    if (namespace == null || namespace.isEmpty()) {
      return name;
    }
    return ("npm".equals(format) ? "@" : "") + namespace + "/" + name;
  }

  private static List<String> totals(View.Summary s) {
    return List.of(
        "**total**",
        "",
        "",
        String.valueOf(s.selected()),
        String.valueOf(s.succeeded()),
        String.valueOf(s.alreadyDone()),
        String.valueOf(s.failed()),
        String.valueOf(s.notAttempted()));
  }

  private void footer(View.Summary s, boolean interrupted, String error) {
    if (s.freedBytes() != null) {
      out.println();
      out.println(
          "Freed "
              + SizeText.human(s.freedBytes())
              + " ("
              + s.freedBytes()
              + " bytes), about $"
              + String.format(java.util.Locale.ROOT, "%.2f", s.monthlySaving())
              + " a month.");
    }
    if (interrupted) {
      out.println();
      out.println("**Interrupted**: the table shows what was done.");
    }
    if (error != null) {
      out.println();
      out.println("**Error**: " + cell(error));
    }
  }

  @Override
  public void plan(Plan plan, Instant now) {
    throw new IllegalArgumentException("a plan is shown as table or json");
  }

  @Override
  public void usage(Usage.Report report, String domain, int top, double price) {
    usage(report, Where.of(domain), top, price);
  }

  @Override
  public void usage(Usage.Report report, Where where, int top, double price) {
    List<View.UsageEntry> entries = View.usage(report, top, price);
    View.UsageSummary s = View.usageSummary(report, entries.size(), price);
    out.println(
        "### caprune usage: "
            + Text.plural(s.packages(), "package", "packages")
            + ", "
            + SizeText.human(s.storedBytes())
            + " stored ("
            + place(where)
            + ")");
    out.println();
    List<List<String>> rows = new ArrayList<>();
    for (View.UsageEntry e : entries) {
      rows.add(
          List.of(
              cell(e.repository()),
              cell(e.format()),
              cell(display(e.format(), e.namespace(), e.pkg())),
              String.valueOf(e.versions()),
              SizeText.human(e.bytes()),
              money(e.monthlyCost())));
    }
    table(
        List.of("repository", "format", "package", "versions", "size", "$/month"),
        rows,
        List.of(
            "**total**",
            "",
            "",
            String.valueOf(s.versions()),
            SizeText.human(s.storedBytes()),
            money(s.monthlyCost())));
    out.println();
    out.println(
        "At $"
            + SizeText.price(price)
            + " per GB-month; "
            + s.storedBytes()
            + " bytes stored, each file once.");
    out.flush();
  }

  private static String money(double usd) {
    return String.format(java.util.Locale.ROOT, "%.2f", View.cents(usd));
  }

  @Override
  public PolicyReport policy(boolean dryRun, boolean sizes) {
    return (String policy,
        List<TargetResult> targets,
        List<RuleCounts> rules,
        boolean interrupted) ->
        policyTable(
            View.policy(policy, targets, rules, interrupted, false),
            "caprune policy run " + policy + (dryRun ? " (dry run)" : ""),
            rules);
  }

  private void policyTable(View.PolicyDocument d, String title, List<RuleCounts> rules) {
    View.Summary s = d.summary();
    out.println(
        "### "
            + cell(title)
            + ": "
            + Text.plural(s.selected(), "version", "versions")
            + " in "
            + Text.plural(d.targets().size(), "target", "targets"));
    out.println();
    List<List<String>> rows = new ArrayList<>();
    List<String> headers;
    if (rules.isEmpty()) {
      headers = List.of("target", "domain", "selected", "kept", "error");
      for (View.TargetEntry t : d.targets()) {
        rows.add(
            List.of(
                cell(t.name()),
                cell(t.domain()),
                String.valueOf(t.summary().selected()),
                String.valueOf(t.summary().kept() == null ? 0 : t.summary().kept()),
                t.error() == null ? "" : cell(t.error())));
      }
      table(
          headers,
          rows,
          List.of(
              "**total**",
              "",
              String.valueOf(s.selected()),
              String.valueOf(s.kept() == null ? 0 : s.kept()),
              ""));
    } else {
      headers =
          List.of(
              "target",
              "rule",
              "action",
              "selected",
              "succeeded",
              "already done",
              "failed",
              "not attempted");
      for (RuleCounts r : rules) {
        rows.add(
            List.of(
                cell(r.target()),
                cell(r.rule()),
                cell(r.action()),
                String.valueOf(r.selected()),
                String.valueOf(r.succeeded()),
                String.valueOf(r.alreadyDone()),
                String.valueOf(r.failed()),
                String.valueOf(r.notAttempted())));
      }
      table(
          headers,
          rows,
          List.of(
              "**total**",
              "",
              "",
              String.valueOf(s.selected()),
              String.valueOf(s.succeeded()),
              String.valueOf(s.alreadyDone()),
              String.valueOf(s.failed()),
              String.valueOf(s.notAttempted())));
      for (View.TargetEntry t : d.targets()) {
        if (t.error() != null) {
          out.println();
          out.println("**" + cell(t.name()) + "**: " + cell(t.error()));
        }
      }
    }
    footer(s, d.interrupted(), null);
    out.flush();
  }

  /** The header, at most {@link #ROWS} rows, the totals, then how many rows were left out. */
  private void table(List<String> headers, List<List<String>> rows, List<String> total) {
    out.println("| " + String.join(" | ", headers) + " |");
    StringBuilder rule = new StringBuilder("|");
    for (int i = 0; i < headers.size(); i++) {
      rule.append(numeric(total.get(i)) ? " --: |" : " --- |");
    }
    out.println(rule);
    for (List<String> r : rows.subList(0, Math.min(ROWS, rows.size()))) {
      out.println("| " + String.join(" | ", r) + " |");
    }
    if (rows.size() > ROWS) {
      out.println("| …and " + (rows.size() - ROWS) + " more |" + " |".repeat(headers.size() - 1));
    }
    out.println("| " + String.join(" | ", total) + " |");
  }

  private static boolean numeric(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> Character.isDigit(c) || c == '.');
  }

  /** Where a report was made: {@code acme, account 111122223333, us-east-1}. */
  private static String place(Where w) {
    return cell(w.domain())
        + (w.account() == null ? "" : ", account " + cell(w.account()))
        + (w.region() == null ? "" : ", " + cell(w.region()));
  }

  /** A table cell: controls escaped, pipes and Markdown's own characters made literal. */
  private static String cell(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (char c : Text.safe(s).toCharArray()) {
      if ("|\\*_`[]<>#".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
