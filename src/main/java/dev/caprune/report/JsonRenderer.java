package dev.caprune.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Usage;
import dev.caprune.report.View.VersionSizes;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

/**
 * {@code -o json}: one pretty-printed document at the end. The listing is written field by field by
 * {@link JsonStream} (no databind: see the README, "Start-up: what is kept"); the plan by {@link
 * PlanFile}, which also reads it back; every other document by {@link Json} from its {@link View}
 * record. With {@code --query}, the document is read back and what the expression gives of it is
 * written instead.
 */
final class JsonRenderer implements Renderer {
  private final PrintWriter out;
  private final Query query;

  JsonRenderer(PrintWriter out, Query query) {
    this.out = out;
    this.query = query;
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
    View.VersionsSummary summary = View.VersionsSummary.of(selections, sizes);
    if (query == null) {
      JsonStream.write(out, g -> writeVersions(g, where, entries, summary, explain));
      return;
    }
    StringWriter buffer = new StringWriter();
    JsonStream.write(
        new PrintWriter(buffer), g -> writeVersions(g, where, entries, summary, explain));
    printQueried(buffer.toString());
  }

  /**
   * {@code {"schemaVersion": 2, "domain": ..., "account": ..., "region": ..., "versions":
   * [Version...], "summary": {...}}}.
   */
  private static void writeVersions(
      JsonGenerator g,
      Where where,
      List<View.Version> entries,
      View.VersionsSummary summary,
      boolean explain)
      throws IOException {
    g.writeStartObject();
    g.writeNumberField("schemaVersion", View.SCHEMA_VERSION);
    g.writeStringField("domain", where.domain());
    if (where.account() != null) {
      g.writeStringField("account", where.account());
    }
    if (where.region() != null) {
      g.writeStringField("region", where.region());
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
      if (explain) {
        g.writeStringField("rule", e.rule());
        g.writeFieldName("protectedBy");
        if (e.protectedBy() == null) {
          g.writeNull();
        } else {
          g.writeStartArray();
          for (String by : e.protectedBy()) {
            g.writeString(by);
          }
          g.writeEndArray();
        }
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
    g.writeObjectFieldStart("summary");
    g.writeNumberField("packages", summary.packages());
    g.writeNumberField("versions", summary.versions());
    g.writeNumberField("protected", summary.protectedVersions());
    g.writeNumberField("selected", summary.selected());
    if (summary.bytes() != null) {
      g.writeNumberField("bytes", summary.bytes());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  @Override
  public OutcomeReport outcome(boolean dryRun, boolean sizes) {
    return (Outcome o, Where where) -> print(View.outcome(o, where));
  }

  @Override
  public void explained(String action, View.Explained target) {
    print(View.explainedOutcome(action, target));
  }

  @Override
  public void explainedPolicy(String policy, List<View.Explained> targets) {
    print(View.explainedPolicy(policy, targets, false));
  }

  @Override
  public void plan(Plan plan, Instant now) {
    if (query == null) {
      PlanFile.print(plan, out);
      return;
    }
    StringWriter buffer = new StringWriter();
    PlanFile.print(plan, new PrintWriter(buffer));
    printQueried(buffer.toString());
  }

  /** {@code policy run --save-plan -o json}: one document, {@code plans} in the targets' order. */
  @Override
  public void plans(List<SavedPlan> plans, Instant now) {
    print(
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
  }

  private record PlansDocument(List<PlanEntry> plans) {}

  /** A target's plan and its file, or why it has none. */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  private record PlanEntry(String target, String file, Object plan, String error) {}

  @Override
  public void usage(Usage.Report report, String domain, int top, double price) {
    usage(report, Where.of(domain), top, price);
  }

  @Override
  public void usage(Usage.Report report, Where where, int top, double price) {
    List<View.UsageEntry> entries = View.usage(report, top, price);
    print(
        new View.UsageDocument(
            View.SCHEMA_VERSION,
            where.domain(),
            where.account(),
            where.region(),
            entries,
            View.usageSummary(report, entries.size(), price)));
  }

  @Override
  public PolicyReport policy(boolean dryRun, boolean sizes) {
    return (policy, targets, rules, interrupted) -> {
      Object document = View.policy(policy, targets, rules, interrupted, true);
      if (query == null) {
        Json.stream(out, document); // the largest document caprune writes: not held as a string
        out.flush();
      } else {
        print(document);
      }
    };
  }

  /** A document, or what {@code --query} gives of it. */
  private void print(Object document) {
    if (query == null) {
      Json.print(out, document);
    } else {
      Json.print(out, query.apply(Json.MAPPER.valueToTree(document)));
    }
    out.flush();
  }

  private void printQueried(String document) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read back JSON", e);
    }
    Json.print(out, query.apply(tree));
  }
}
