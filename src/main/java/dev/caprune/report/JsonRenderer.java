package dev.caprune.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caprune.execute.Usage;
import dev.caprune.report.View.VersionSizes;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * {@code -o json}: one pretty-printed document at the end. The listing is written field by field by
 * {@link JsonStream} (no databind: see the README, "Start-up: what is kept"); the plan by {@link
 * PlanFile}, which also reads it back; every other document by {@link Json} from its {@link View}
 * record.
 */
final class JsonRenderer implements Renderer {
  private final PrintWriter out;

  JsonRenderer(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void versions(
      List<PackageSelection> selections, String domain, boolean explain, VersionSizes sizes) {
    List<View.Version> entries = View.versions(selections, explain, sizes);
    JsonStream.write(out, g -> writeVersions(g, domain, entries, sizes));
  }

  /**
   * {@code {"schemaVersion": 1, "domain": ..., "versions": [Version...]}}; with {@code --sizes},
   * {@code bytes} after the domain.
   */
  private static void writeVersions(
      JsonGenerator g, String domain, List<View.Version> entries, VersionSizes sizes)
      throws IOException {
    g.writeStartObject();
    g.writeNumberField("schemaVersion", 1);
    g.writeStringField("domain", domain);
    if (sizes != null) {
      g.writeNumberField("bytes", sizes.bytes());
    }
    g.writeArrayFieldStart("versions");
    for (View.Version e : entries) {
      g.writeStartObject();
      g.writeStringField("repository", e.repository());
      g.writeStringField("format", e.format());
      g.writeStringField("namespace", e.namespace());
      g.writeStringField("package", e.pkg());
      g.writeStringField("version", e.version());
      g.writeStringField("status", e.status());
      g.writeStringField("revision", e.revision());
      g.writeStringField("origin", e.origin());
      g.writeStringField("protected", e.protection());
      g.writeStringField("publishedTime", e.publishedTime());
      if (e.selected() != null) {
        g.writeBooleanField("selected", e.selected());
      }
      if (e.reason() != null) {
        g.writeStringField("reason", e.reason());
      }
      if (e.size() != null) {
        g.writeNumberField("size", e.size());
      }
      if (e.publishedBefore() != null) {
        g.writeStringField("publishedBefore", e.publishedBefore());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  @Override
  public OutcomeReport outcome(boolean dryRun, boolean sizes) {
    return (o, where) -> Json.print(out, View.outcome(o, where));
  }

  @Override
  public void plan(Plan plan, Instant now) {
    PlanFile.print(plan, out);
  }

  /** {@code policy run --save-plan -o json}: one document, {@code plans} in the targets' order. */
  @Override
  public void plans(List<SavedPlan> plans, Instant now) {
    Json.print(
        out,
        new PlansDocument(
            plans.stream()
                .map(
                    p ->
                        new PlanEntry(
                            p.target(),
                            p.file(),
                            p.plan() == null ? null : PlanFile.signed(p.plan()),
                            p.error()))
                .toList()));
    out.flush();
  }

  private record PlansDocument(List<PlanEntry> plans) {}

  /** A target's plan and its file, or why it has none. */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  private record PlanEntry(String target, String file, Object plan, String error) {}

  @Override
  public void usage(Usage.Report report, String domain, int top, double price) {
    List<View.UsageEntry> entries = View.usage(report, top, price);
    Json.print(
        out,
        new View.UsageDocument(
            1, domain, entries, View.usageSummary(report, domain, entries.size(), price)));
    out.flush();
  }

  @Override
  public PolicyReport policy(boolean dryRun, boolean sizes) {
    return (policy, targets, rules, interrupted) -> {
      Json.print(out, View.policy(policy, targets, rules, interrupted, true));
      out.flush();
    };
  }
}
