package dev.caprune.report;

import dev.caprune.select.Durations;
import dev.caprune.select.PackageId;
import dev.caprune.select.Plan;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Renders a plan for review ({@code caprune plan show}, {@code --save-plan}). */
public final class PlanRenderer {
  private PlanRenderer() {}

  public static void render(Plan plan, Instant now, OutputFormat format, PrintWriter out) {
    if (format == OutputFormat.json) {
      PlanFile.print(plan, out);
      return;
    }
    if (format.streaming()) {
      throw new IllegalArgumentException("a plan is shown as table or json");
    }
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
            + plan.createdAt()
            + " ("
            + Durations.human(Duration.between(plan.createdAt(), now))
            + " ago) by caprune "
            + Text.safe(plan.capruneVersion()));
    out.println();
    if (table.isEmpty()) {
      out.println("The plan selects no version.");
    } else {
      table.print(out, false);
    }
    out.flush();
  }
}
