package dev.caprune.report;

import dev.caprune.execute.Outcome;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.execute.Usage;
import dev.caprune.report.View.RuleCounts;
import dev.caprune.report.View.TargetResult;
import dev.caprune.report.View.UsageEntry;
import dev.caprune.report.View.UsageSummary;
import dev.caprune.report.View.VersionResult;
import dev.caprune.report.View.VersionSizes;
import dev.caprune.select.Decision;
import dev.caprune.select.Durations;
import dev.caprune.select.PackageId;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import dev.caprune.select.Times;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.WriteResult.Failure;
import dev.caprune.select.WriteResult.Success;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code -o table} (the default): aligned columns for people, then a summary line, written whole at
 * the end. Text from the service goes through {@link Text#safe} ({@link Table.Cell}); colour only
 * when asked.
 */
final class TableRenderer implements Renderer {
  @Override
  public boolean namesAccount() {
    return false;
  }

  private final PrintWriter out;
  private final boolean color;
  private final boolean abridge;

  /**
   * @param abridge sum up an action's report over {@link Renderer#BIG_RUN} versions
   */
  TableRenderer(PrintWriter out, boolean color, boolean abridge) {
    this.out = out;
    this.color = color;
    this.abridge = abridge;
  }

  /** {@code policy run --explain}: each target's listing under its name. */
  @Override
  public PrintWriter explainWriter() {
    return out;
  }

  @Override
  public void versions(
      List<PackageSelection> selections, String domain, boolean explain, VersionSizes sizes) {
    boolean manyRepos =
        selections.stream().map(s -> s.repository().repository()).distinct().count() > 1;
    List<String> headers = new ArrayList<>();
    if (manyRepos) {
      headers.add("REPOSITORY");
    }
    headers.addAll(List.of("PACKAGE", "FORMAT", "VERSION", "STATUS", "ORIGIN"));
    // Publish times are known only where a time filter's search described a version.
    boolean times =
        selections.stream()
            .flatMap(sel -> sel.decisions().stream())
            .filter(d -> explain || d.listed())
            .anyMatch(d -> d.version().publishedTime() != null || d.publishedBefore() != null);
    if (times) {
      headers.add("PUBLISHED");
    }
    if (sizes != null) {
      headers.add("SIZE");
    }
    if (explain) {
      headers.addAll(List.of("SELECTED", "REASON"));
    } else {
      headers.add("PROTECTED");
    }
    Table table = new Table(headers);
    long packages = 0;
    long selected = 0;
    long listed = 0;
    long held = 0;
    for (PackageSelection sel : selections) {
      boolean any = false;
      for (Decision d : sel.decisions()) {
        if (!explain && !d.listed()) {
          continue;
        }
        any = true;
        listed++;
        selected += d.selected() ? 1 : 0;
        held += d.heldBack() ? 1 : 0; // the rows the explain table says were kept
        List<Table.Cell> row = new ArrayList<>();
        if (manyRepos) {
          row.add(Table.Cell.plain(sel.repository().repository()));
        }
        row.add(Table.Cell.plain(sel.pkg().display()));
        row.add(Table.Cell.plain(sel.pkg().format().wire()));
        row.add(Table.Cell.plain(d.version().version()));
        row.add(Table.Cell.plain(d.version().status().wire()));
        row.add(Table.Cell.plain(d.version().origin().wire()));
        if (times) {
          row.add(published(d));
        }
        if (sizes != null) {
          // Every listed version's size, protected ones too: the total below adds up the column.
          Long size = sizes.of(sel, d.version().version());
          row.add(Table.Cell.plain(size == null ? "" : SizeText.human(size)));
        }
        if (explain) {
          row.add(
              d.selected()
                  ? Table.Cell.colored("yes", Table.GREEN)
                  : Table.Cell.colored("no", Table.DIM));
          row.add(Table.Cell.plain(d.reason()));
        } else {
          row.add(
              d.protection() == null
                  ? Table.Cell.plain("")
                  : Table.Cell.colored(d.protection(), Table.YELLOW));
        }
        table.add(row);
      }
      packages += any ? 1 : 0;
    }
    if (table.isEmpty()) {
      out.println("No versions match.");
    } else {
      table.print(out, color);
      out.println();
      out.println(
          (explain
                  ? Text.plural(selected, "version", "versions") + " selected"
                  : Text.plural(listed, "version", "versions"))
              + " in "
              + Text.plural(packages, "package", "packages")
              + (sizes == null
                  ? ""
                  : ": "
                      + SizeText.human(sizes.bytes())
                      + String.format(" (%,d bytes, each stored file counted once)", sizes.bytes()))
              + (held > 0
                  ? String.format(
                      "; %,d protected (latest, keep, protect file, lockfile or dependency): no action"
                          + " selects %s",
                      held, held == 1 ? "it" : "them")
                  : "")
              + ".");
    }
    out.flush();
  }

  @Override
  public OutcomeReport outcome(boolean dryRun, boolean sizes) {
    return new OutcomeReport() {
      private boolean abridged;

      @Override
      public void finish(Outcome o, Where where) {
        abridged = abridge && o.selectedCount() > BIG_RUN && !o.packages().isEmpty();
        if (abridged) {
          bigRun(o);
        } else {
          outcome(o);
        }
      }

      @Override
      public boolean abridged() {
        return abridged;
      }
    };
  }

  /**
   * A big run on a terminal: one line per package with its counts, then every failure in full (the
   * rows a person must act on), then the summary line.
   */
  private void bigRun(Outcome o) {
    boolean manyRepos = manyRepos(o);
    List<String> headers = new ArrayList<>();
    if (manyRepos) {
      headers.add("REPOSITORY");
    }
    String done = o.action().done().toUpperCase(java.util.Locale.ROOT);
    headers.addAll(List.of("PACKAGE", "FORMAT", "SELECTED"));
    if (!o.dryRun()) {
      headers.addAll(List.of(done, "ALREADY " + done, "FAILED", "NOT ATTEMPTED"));
    }
    Table packages = new Table(headers);
    Table failures = outcomeTable(o, manyRepos, false);
    for (PackageOutcome p : o.packages()) {
      Outcome.Counts c = Outcome.Counts.of(p);
      List<Table.Cell> row = new ArrayList<>();
      if (manyRepos) {
        row.add(Table.Cell.plain(p.repository().repository()));
      }
      row.add(Table.Cell.plain(p.pkg().display()));
      row.add(Table.Cell.plain(p.pkg().format().wire()));
      row.add(count(c.selected(), null));
      if (!o.dryRun()) {
        row.add(count(c.succeeded(), null));
        row.add(count(c.alreadyDone(), null));
        row.add(count(c.failed(), Table.RED));
        row.add(count(c.notAttempted(), Table.YELLOW));
      }
      packages.add(row);
      for (VersionSummary v : p.selected()) {
        if (p.failed().containsKey(v.version())) {
          failures.add(outcomeRow(o, p, v, manyRepos, false));
        }
      }
    }
    packages.print(out, color);
    if (!failures.isEmpty()) {
      out.println();
      out.println(Text.plural(o.failedCount(), "failure", "failures") + ":");
      failures.print(out, color);
    }
    out.println();
    out.println(summaryLine(o));
    if (o.storage() != null) {
      out.println(SizeText.summary(o));
    }
    emptyPackages(o);
    out.flush();
  }

  /** A count, coloured when not zero. */
  private static Table.Cell count(int n, String ansi) {
    String text = String.format("%,d", n);
    return n > 0 && ansi != null ? Table.Cell.colored(text, ansi) : Table.Cell.plain(text);
  }

  private static boolean manyRepos(Outcome o) {
    return o.packages().stream().map(p -> p.repository().repository()).distinct().count() > 1;
  }

  /** The per-version table's header; PUBLISHED only when {@code times}. */
  private static Table outcomeTable(Outcome o, boolean manyRepos, boolean times) {
    List<String> headers = new ArrayList<>();
    if (manyRepos) {
      headers.add("REPOSITORY");
    }
    // STATUS is the status as listed, before the action: the header says so.
    headers.addAll(List.of("PACKAGE", "FORMAT", "VERSION", "STATUS BEFORE"));
    if (times) {
      headers.add("PUBLISHED");
    }
    if (o.storage() != null) {
      headers.add("SIZE");
    }
    headers.add("RESULT");
    return new Table(headers);
  }

  private static List<Table.Cell> outcomeRow(
      Outcome o, PackageOutcome p, VersionSummary v, boolean manyRepos, boolean times) {
    List<Table.Cell> row = new ArrayList<>();
    if (manyRepos) {
      row.add(Table.Cell.plain(p.repository().repository()));
    }
    row.add(Table.Cell.plain(p.pkg().display()));
    row.add(Table.Cell.plain(p.pkg().format().wire()));
    row.add(Table.Cell.plain(v.version()));
    row.add(Table.Cell.plain(v.status().wire()));
    if (times) {
      row.add(published(v));
    }
    if (o.storage() != null) {
      row.add(Table.Cell.plain(SizeText.human(p.sizes().get(v.version()))));
    }
    row.add(result(o, p, v));
    return row;
  }

  private void outcome(Outcome o) {
    boolean manyRepos = manyRepos(o);
    boolean sizes = o.storage() != null;
    boolean times =
        o.packages().stream()
            .flatMap(p -> p.selected().stream())
            .anyMatch(v -> v.publishedTime() != null);
    Table table = outcomeTable(o, manyRepos, times);
    for (PackageOutcome p : o.packages()) {
      for (VersionSummary v : p.selected()) {
        table.add(outcomeRow(o, p, v, manyRepos, times));
      }
    }
    if (table.isEmpty() && o.error() != null) {
      out.println("Nothing was " + o.action().done() + ": the run failed before any selection.");
    } else if (table.isEmpty()) {
      out.println("No versions match: nothing to " + o.action().wire() + ".");
    } else {
      table.print(out, color);
      out.println();
      out.println(summaryLine(o));
      if (sizes) {
        out.println(SizeText.summary(o));
      }
    }
    emptyPackages(o);
    out.flush();
  }

  /** The publish time when known, else "-". */
  private static Table.Cell published(VersionSummary v) {
    return Table.Cell.plain(v.publishedTime() == null ? "-" : Times.iso(v.publishedTime()));
  }

  /**
   * The publish time; for a version a time filter selected without learning it, the cut-off it was
   * published before ({@code before 2024-04-10T00:00:00Z}), so that a version never shows a time in
   * one run and nothing in another without saying why.
   */
  private static Table.Cell published(Decision d) {
    VersionSummary v = d.version();
    if (v.publishedTime() != null) {
      return Table.Cell.plain(Times.iso(v.publishedTime()));
    }
    return Table.Cell.plain(
        d.publishedBefore() == null ? "-" : "before " + Times.iso(d.publishedBefore()));
  }

  /** {@code --delete-empty-packages}: the packages deleted (would be), then any not deleted. */
  private void emptyPackages(Outcome o) {
    List<String> done = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (Outcome.PackageDeletion d : o.packageDeletions()) {
      String name =
          Text.safe(d.pkg().display()) + " (" + Text.safe(d.repository().repository()) + ")";
      if (d.result().equals(Outcome.PackageDeletion.DELETED)
          || d.result().equals(Outcome.PackageDeletion.WOULD_DELETE)) {
        done.add(name);
      } else {
        other.add(
            name + ": " + d.result() + (d.message() == null ? "" : ", " + Text.safe(d.message())));
      }
    }
    if (!done.isEmpty()) {
      out.println(
          (o.dryRun() ? "Would delete " : "Deleted ")
              + Text.plural(done.size(), "empty package", "empty packages")
              + ": "
              + String.join(", ", done)
              + ".");
    }
    for (String line : other) {
      out.println("Empty package not deleted: " + line + ".");
    }
  }

  private static Table.Cell result(Outcome o, PackageOutcome p, VersionSummary v) {
    Success s = p.successful().get(v.version());
    if (s != null) {
      return Table.Cell.colored(o.action().done(), Table.GREEN);
    }
    Failure already = p.alreadyDone().get(v.version());
    if (already != null) {
      return Table.Cell.colored("already " + o.action().done(), Table.GREEN);
    }
    Failure f = p.failed().get(v.version());
    if (f != null) {
      return Table.Cell.colored(
          "failed: " + f.errorCode() + (f.errorMessage() == null ? "" : " " + f.errorMessage()),
          Table.RED);
    }
    return o.dryRun()
        ? Table.Cell.colored(o.action().wouldDo(), Table.YELLOW)
        : Table.Cell.colored("not attempted", Table.YELLOW);
  }

  static String summaryLine(Outcome o) {
    String versions = Text.plural(o.selectedCount(), "version", "versions");
    String packages = Text.plural(o.packageCount(), "package", "packages");
    if (o.dryRun()) {
      return "Dry run: would "
          + o.action().wire()
          + " "
          + versions
          + " in "
          + packages
          + ". Nothing was changed.";
    }
    String verb = o.action().done();
    StringBuilder b =
        new StringBuilder(capitalize(verb))
            .append(' ')
            .append(String.format("%,d", o.succeededCount()))
            .append(" of ")
            .append(versions)
            .append(" in ")
            .append(packages);
    if (o.alreadyDoneCount() > 0) {
      b.append("; ")
          .append(String.format("%,d", o.alreadyDoneCount()))
          .append(" already ")
          .append(verb);
    }
    if (o.failedCount() > 0) {
      b.append("; ").append(String.format("%,d", o.failedCount())).append(" failed");
    }
    if (o.notAttemptedCount() > 0) {
      b.append("; ").append(String.format("%,d", o.notAttemptedCount())).append(" not attempted");
    }
    return b.append('.').toString();
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  @Override
  public void plan(Plan plan, Instant now) {
    boolean manyRepos = plan.versions().stream().map(Plan.Entry::repository).distinct().count() > 1;
    List<String> headers = new ArrayList<>();
    if (manyRepos) {
      headers.add("REPOSITORY");
    }
    headers.addAll(List.of("PACKAGE", "FORMAT", "VERSION", "STATUS", "REVISION"));
    if (plan.policy()) {
      headers.addAll(List.of("RULE", "ACTION"));
    }
    Table table = new Table(headers);
    for (Plan.Entry e : plan.versions()) {
      List<Table.Cell> row = new ArrayList<>();
      if (manyRepos) {
        row.add(Table.Cell.plain(e.repository()));
      }
      row.add(Table.Cell.plain(new PackageId(e.format(), e.namespace(), e.pkg()).display()));
      row.add(Table.Cell.plain(e.format().wire()));
      row.add(Table.Cell.plain(e.version()));
      row.add(Table.Cell.plain(e.status().wire()));
      row.add(Table.Cell.plain(e.revision() == null ? "-" : e.revision()));
      if (plan.policy()) {
        row.add(Table.Cell.plain(e.rule()));
        row.add(Table.Cell.plain(e.action()));
      }
      table.add(row);
    }
    out.println(
        "Plan: "
            + Text.safe(plan.action())
            + (plan.policy() ? " (target " + Text.safe(plan.target()) + ")" : "")
            + " "
            + Text.plural(plan.versions().size(), "version", "versions")
            + " of "
            + Text.plural(plan.packageCount(), "package", "packages")
            + " in domain "
            + Text.safe(plan.domain())
            + (plan.domainOwner() == null ? "" : " (owner " + Text.safe(plan.domainOwner()) + ")"));
    out.println(
        "For region "
            + Text.safe(plan.region())
            + " at "
            + (plan.endpoint() == null
                ? "AWS's endpoint"
                : "endpoint " + Text.safe(plan.endpoint())));
    out.println(
        "Made "
            + Times.iso(plan.createdAt())
            + " ("
            + Durations.human(Duration.between(plan.createdAt(), now))
            + " ago) by caprune "
            + Text.safe(plan.capruneVersion()));
    out.println();
    if (table.isEmpty()) {
      out.println("The plan selects no version.");
    } else {
      table.print(out, false); // a plan is read, not skimmed: no colour
    }
    out.flush();
  }

  @Override
  public void usage(Usage.Report report, String domain, int top, double price) {
    List<UsageEntry> entries = View.usage(report, top, price);
    UsageSummary s = View.usageSummary(report, domain, entries.size(), price);
    if (entries.isEmpty()) {
      out.println("No packages.");
      out.flush();
      return;
    }
    boolean manyRepos =
        report.packages().stream().map(p -> p.repository().repository()).distinct().count() > 1;
    List<String> headers = new ArrayList<>();
    if (manyRepos) {
      headers.add("REPOSITORY");
    }
    headers.addAll(List.of("PACKAGE", "FORMAT", "VERSIONS", "SIZE", "OLDEST", "NEWEST", "$/MONTH"));
    Table table = new Table(headers);
    for (int i = 0; i < entries.size(); i++) {
      UsageEntry e = entries.get(i);
      List<Table.Cell> row = new ArrayList<>();
      if (manyRepos) {
        row.add(Table.Cell.plain(e.repository()));
      }
      row.add(Table.Cell.plain(report.packages().get(i).pkg().display()));
      row.add(Table.Cell.plain(e.format()));
      row.add(Table.Cell.plain(String.format("%,d", e.versions())));
      row.add(
          Table.Cell.plain(SizeText.human(e.bytes()) + (e.versionsUnsized() > 0 ? " (+?)" : "")));
      row.add(Table.Cell.plain(day(e.oldestPublished())));
      row.add(Table.Cell.plain(day(e.newestPublished())));
      row.add(Table.Cell.plain(String.format(Locale.ROOT, "%.2f", e.monthlyCost())));
      table.add(row);
    }
    table.print(out, color);
    out.println();
    out.println(
        (s.shown() < s.packages()
                ? "The largest "
                    + s.shown()
                    + " of "
                    + Text.plural(s.packages(), "package", "packages")
                : Text.plural(s.packages(), "package", "packages"))
            + ", "
            + Text.plural(s.versions(), "version", "versions")
            + " in all: "
            + SizeText.human(s.storedBytes())
            + String.format(" (%,d bytes) stored, each file once", s.storedBytes())
            + (s.bytes() != s.storedBytes()
                ? String.format(" (%s counting every copy)", SizeText.human(s.bytes()))
                : "")
            + "; "
            + SizeText.about(s.monthlyCost())
            + " a month at $"
            + SizeText.price(s.pricePerGbMonth())
            + "/GB-month.");
    out.flush();
  }

  /** The day of an ISO instant, or {@code -} where not known. */
  private static String day(String iso) {
    return iso == null ? "-" : iso.substring(0, 10);
  }

  @Override
  public PolicyReport policy(boolean dryRun, boolean sizes) {
    return new PolicyReport() {
      @Override
      public void finish(
          String policy, List<TargetResult> targets, List<RuleCounts> rules, boolean interrupted) {
        policyReport(targets, rules, dryRun);
      }
    };
  }

  private void policyReport(List<TargetResult> targets, List<RuleCounts> rules, boolean dryRun) {
    boolean sizes = targets.stream().anyMatch(t -> t.outcome().storage() != null);
    List<String> headers =
        new ArrayList<>(
            List.of(
                "TARGET", "RULE", "REPOSITORY", "PACKAGE", "FORMAT", "VERSION", "STATUS BEFORE"));
    // Publish times are known only where a rule's time window looked them up.
    boolean times =
        targets.stream()
            .flatMap(t -> t.outcome().packages().stream())
            .flatMap(p -> p.selected().stream())
            .anyMatch(v -> v.publishedTime() != null);
    if (times) {
      headers.add("PUBLISHED");
    }
    if (sizes) {
      headers.add("SIZE");
    }
    headers.add("RESULT");
    Table versions = new Table(headers);
    for (TargetResult t : targets) {
      for (PackageOutcome p : t.outcome().packages()) {
        for (VersionSummary v : p.selected()) {
          VersionResult l = View.result(t.target(), p, v, dryRun);
          List<Table.Cell> row =
              new ArrayList<>(
                  List.of(
                      Table.Cell.plain(t.target()),
                      Table.Cell.plain(p.rule()),
                      Table.Cell.plain(p.repository().repository()),
                      Table.Cell.plain(p.pkg().display()),
                      Table.Cell.plain(p.pkg().format().wire()),
                      Table.Cell.plain(v.version()),
                      Table.Cell.plain(v.status().wire())));
          if (times) {
            row.add(published(v));
          }
          if (sizes) {
            row.add(Table.Cell.plain(SizeText.human(l.size())));
          }
          row.add(policyResult(p, l));
          versions.add(row);
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
        emptyPackages(t.outcome());
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
      if (o.storage() != null) {
        out.println("  " + SizeText.summary(o));
      }
    }
    if (dryRun) {
      out.println("Dry run: nothing was changed.");
    }
    out.flush();
  }

  private static Table.Cell policyResult(PackageOutcome p, VersionResult l) {
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
}
