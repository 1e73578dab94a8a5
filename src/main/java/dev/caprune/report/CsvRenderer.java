package dev.caprune.report;

import dev.caprune.execute.Outcome;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.execute.Usage;
import dev.caprune.report.View.RuleCounts;
import dev.caprune.report.View.TargetResult;
import dev.caprune.report.View.VersionResult;
import dev.caprune.report.View.VersionSizes;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code -o csv}: RFC 4180 ({@link Csv}), a header row, then one row per version as soon as its
 * package is done. The rows are the whole document: no summary. Columns are named as the JSON
 * fields; each document's columns are listed once below.
 */
final class CsvRenderer implements Renderer {
  @Override
  public boolean namesAccount() {
    return false;
  }

  /** A CSV column: its header and its value in a row (null: empty). */
  private record Column<T>(String name, Function<T, String> value) {}

  // A column added later goes at the end of its document's columns: scripts read CSV by position.

  private static final List<Column<View.Version>> VERSION =
      List.of(
          new Column<>("repository", View.Version::repository),
          new Column<>("format", View.Version::format),
          new Column<>("namespace", View.Version::namespace),
          new Column<>("package", View.Version::pkg),
          new Column<>("version", View.Version::version),
          new Column<>("status", View.Version::status),
          new Column<>("revision", View.Version::revision),
          new Column<>("origin", View.Version::origin));

  private static final List<Column<View.Version>> EXPLAINED =
      List.of(
          new Column<>("selected", e -> String.valueOf(e.selected())),
          new Column<>("reason", View.Version::reason));

  /** Added after the first columns (and after the explain ones): by position, the old stay put. */
  private static final List<Column<View.Version>> VERSION_ADDED =
      List.of(
          new Column<>("protected", View.Version::protection),
          new Column<>("publishedTime", View.Version::publishedTime));

  private static final List<Column<VersionResult>> RESULT =
      List.of(
          new Column<>("repository", VersionResult::repository),
          new Column<>("format", VersionResult::format),
          new Column<>("namespace", VersionResult::namespace),
          new Column<>("package", VersionResult::pkg),
          new Column<>("version", VersionResult::version),
          new Column<>("status", VersionResult::status),
          new Column<>("result", VersionResult::result),
          new Column<>("revision", VersionResult::revision),
          new Column<>("errorCode", VersionResult::errorCode),
          new Column<>("errorMessage", VersionResult::errorMessage),
          new Column<>("publishedTime", VersionResult::publishedTime));

  /** {@code --sizes}: a last column, the version's size in bytes. */
  private static final List<Column<View.Version>> VERSION_SIZE =
      List.of(new Column<>("size", e -> e.size() == null ? null : String.valueOf(e.size())));

  private static final List<Column<VersionResult>> RESULT_SIZE =
      List.of(new Column<>("size", r -> r.size() == null ? null : String.valueOf(r.size())));

  private static final List<Column<View.UsageEntry>> USAGE =
      List.of(
          new Column<>("repository", View.UsageEntry::repository),
          new Column<>("format", View.UsageEntry::format),
          new Column<>("namespace", View.UsageEntry::namespace),
          new Column<>("package", View.UsageEntry::pkg),
          new Column<>("versions", e -> String.valueOf(e.versions())),
          new Column<>("bytes", e -> String.valueOf(e.bytes())),
          new Column<>("versionsUnsized", e -> String.valueOf(e.versionsUnsized())),
          new Column<>("oldestPublished", View.UsageEntry::oldestPublished),
          new Column<>("newestPublished", View.UsageEntry::newestPublished),
          new Column<>("monthlyCost", e -> String.valueOf(View.cents(e.monthlyCost()))));

  /** A policy's: the command line's columns after the target, rule and action. */
  private static final List<Column<VersionResult>> POLICY_RESULT =
      concat(
          List.of(
              new Column<>("target", VersionResult::target),
              new Column<>("rule", VersionResult::rule),
              new Column<>("action", VersionResult::action)),
          RESULT);

  /** {@code --explain}: after the result's columns, why each version is selected or kept. */
  private static final List<Column<VersionResult>> EXPLAINED_RESULT =
      List.of(
          new Column<>("protected", VersionResult::protection),
          new Column<>("reason", VersionResult::reason),
          new Column<>("protectedBy", r -> joined(r.protectedBy())));

  /** An action's explained rows: the rule column too, empty outside a policy. */
  private static final List<Column<VersionResult>> EXPLAINED_ACTION =
      concat(RESULT, concat(EXPLAINED_RESULT, List.of(new Column<>("rule", VersionResult::rule))));

  private final PrintWriter out;

  /** {@code protectedBy} in one cell: the dependents separated by {@code ;}. */
  private static String joined(List<String> values) {
    return values == null ? null : String.join(";", values);
  }

  CsvRenderer(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void versions(
      List<PackageSelection> selections, String domain, boolean explain, VersionSizes sizes) {
    List<Column<View.Version>> columns =
        concat(explain ? concat(VERSION, EXPLAINED) : VERSION, VERSION_ADDED);
    if (sizes != null) {
      columns = concat(columns, VERSION_SIZE);
    }
    header(columns);
    for (View.Version e : View.versions(selections, explain, sizes)) {
      row(columns, e);
    }
    out.flush();
  }

  @Override
  public void explained(String action, View.Explained target) {
    header(EXPLAINED_ACTION);
    for (VersionResult v : View.explainedLines(target)) {
      row(EXPLAINED_ACTION, v);
    }
    out.flush();
  }

  @Override
  public void explainedPolicy(String policy, List<View.Explained> targets) {
    List<Column<VersionResult>> columns = concat(POLICY_RESULT, EXPLAINED_RESULT);
    header(columns);
    for (View.Explained t : targets) {
      for (VersionResult v : View.explainedLines(t)) {
        row(columns, v);
      }
    }
    out.flush();
  }

  @Override
  public OutcomeReport outcome(boolean dryRun, boolean sizes) {
    List<Column<VersionResult>> columns = sizes ? concat(RESULT, RESULT_SIZE) : RESULT;
    header(columns); // even when no result ever comes (an empty selection)
    out.flush();
    StreamedLines lines = new StreamedLines(out, dryRun);
    return new OutcomeReport() {
      @Override
      public boolean streams() {
        return true;
      }

      @Override
      public void accept(PackageOutcome p) {
        lines.write(null, p, v -> row(columns, v));
      }

      /** {@code --delete-empty-packages}: a row per package, no version, result package... */
      @Override
      public void finish(Outcome o, Where where) {
        lines.end(
            () -> {
              for (View.EmptyPackage d : View.EmptyPackage.of(o, null)) {
                row(columns, packageRow(d));
              }
            });
      }
    };
  }

  @Override
  public void plan(Plan plan, Instant now) {
    throw new IllegalArgumentException("a plan is shown as table or json");
  }

  /** A row of a package {@code --delete-empty-packages} deleted: result packageDeleted etc. */
  private static VersionResult packageRow(View.EmptyPackage d) {
    String result =
        "package" + Character.toUpperCase(d.result().charAt(0)) + d.result().substring(1);
    return new VersionResult(
        null,
        null,
        null,
        null,
        d.repository(),
        d.format(),
        d.namespace(),
        d.pkg(),
        null,
        null,
        result,
        null,
        null,
        d.message(),
        null,
        null,
        null,
        null,
        null);
  }

  @Override
  public void usage(Usage.Report report, String domain, int top, double price) {
    header(USAGE);
    for (View.UsageEntry e : View.usage(report, top, price)) {
      row(USAGE, e);
    }
    out.flush();
  }

  @Override
  public PolicyReport policy(boolean dryRun, boolean sizes) {
    List<Column<VersionResult>> columns =
        sizes ? concat(POLICY_RESULT, RESULT_SIZE) : POLICY_RESULT;
    header(columns);
    out.flush();
    StreamedLines lines = new StreamedLines(out, dryRun);
    return new PolicyReport() {
      @Override
      public boolean streams() {
        return true;
      }

      @Override
      public void accept(View.PolicyLine l) {
        lines.write(l.target(), l.pkg(), v -> row(columns, v));
      }

      @Override
      public void finish(
          String policy, List<TargetResult> targets, List<RuleCounts> rules, boolean interrupted) {
        lines.end(() -> {}); // CSV has rows only: the counts are in the other formats
      }
    };
  }

  private <T> void header(List<Column<T>> columns) {
    out.print(Csv.row(columns.stream().map(Column::name).toList()));
  }

  private <T> void row(List<Column<T>> columns, T row) {
    List<String> fields = new ArrayList<>(columns.size());
    for (Column<T> c : columns) {
      fields.add(c.value().apply(row));
    }
    out.print(Csv.row(fields));
  }

  private static <T> List<Column<T>> concat(List<Column<T>> a, List<Column<T>> b) {
    List<Column<T>> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
