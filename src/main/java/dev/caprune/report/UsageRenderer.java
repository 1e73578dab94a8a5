package dev.caprune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.caprune.execute.Usage;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Renders {@code caprune usage}: storage by package, largest first. */
public final class UsageRenderer {
  private UsageRenderer() {}

  /** One package. Field names are a contract with pipelines: only ever add to them. */
  public record Entry(
      String repository,
      String format,
      @JsonInclude(JsonInclude.Include.ALWAYS) String namespace,
      @JsonProperty("package") String pkg,
      int versions,
      long bytes,
      int versionsUnsized,
      @JsonInclude(JsonInclude.Include.ALWAYS) String oldestPublished,
      @JsonInclude(JsonInclude.Include.ALWAYS) String newestPublished,
      double monthlyCost) {}

  /**
   * The totals over every package (not only the {@code --top} ones shown). {@code storedBytes}:
   * every file once, as the domain stores it.
   */
  public record Summary(
      int schemaVersion,
      String domain,
      int packages,
      long versions,
      long bytes,
      long storedBytes,
      double monthlyCost,
      double pricePerGbMonth,
      int shown) {}

  /** The JSON document. */
  public record Document(int schemaVersion, String domain, List<Entry> packages, Summary summary) {}

  public static void render(
      Usage.Report report,
      String domain,
      int top,
      double price,
      OutputFormat format,
      boolean color,
      PrintWriter out) {
    List<Usage.PackageUsage> shown =
        report.packages().subList(0, Math.min(top, report.packages().size()));
    List<Entry> entries = new ArrayList<>();
    for (Usage.PackageUsage p : shown) {
      entries.add(
          new Entry(
              p.repository().repository(),
              p.pkg().format().wire(),
              p.pkg().namespace(),
              p.pkg().name(),
              p.versions(),
              p.bytes(),
              p.versionsUnsized(),
              time(p.oldest()),
              time(p.newest()),
              cost(p.bytes(), price)));
    }
    Summary summary =
        new Summary(
            1,
            domain,
            report.packages().size(),
            report.versions(),
            report.bytes(),
            report.storedBytes(),
            cost(report.storedBytes(), price),
            price,
            entries.size());
    switch (format) {
      case json -> Json.print(out, new Document(1, domain, entries, summary));
      case ndjson -> {
        for (Entry e : entries) {
          var line = Json.MAPPER.createObjectNode().put("type", "package");
          line.setAll((com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.valueToTree(e));
          out.println(Json.line(line));
        }
        var line = Json.MAPPER.createObjectNode().put("type", "summary");
        line.setAll(
            (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.valueToTree(summary));
        out.println(Json.line(line));
      }
      case csv -> {
        out.print(
            Csv.row(
                List.of(
                    "repository",
                    "format",
                    "namespace",
                    "package",
                    "versions",
                    "bytes",
                    "versionsUnsized",
                    "oldestPublished",
                    "newestPublished",
                    "monthlyCost")));
        for (Entry e : entries) {
          out.print(
              Csv.row(
                  java.util.Arrays.asList(
                      e.repository(),
                      e.format(),
                      e.namespace(),
                      e.pkg(),
                      String.valueOf(e.versions()),
                      String.valueOf(e.bytes()),
                      String.valueOf(e.versionsUnsized()),
                      e.oldestPublished(),
                      e.newestPublished(),
                      String.valueOf(e.monthlyCost()))));
        }
      }
      case table -> table(report, shown, entries, summary, color, out);
    }
    out.flush();
  }

  private static void table(
      Usage.Report report,
      List<Usage.PackageUsage> shown,
      List<Entry> entries,
      Summary s,
      boolean color,
      PrintWriter out) {
    if (entries.isEmpty()) {
      out.println("No packages.");
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
      Entry e = entries.get(i);
      Usage.PackageUsage p = shown.get(i);
      List<Table.Cell> row = new ArrayList<>();
      if (manyRepos) {
        row.add(Table.Cell.plain(e.repository()));
      }
      row.add(Table.Cell.plain(p.pkg().display()));
      row.add(Table.Cell.plain(e.format()));
      row.add(Table.Cell.plain(String.format("%,d", e.versions())));
      row.add(
          Table.Cell.plain(SizeText.human(e.bytes()) + (e.versionsUnsized() > 0 ? " (+?)" : "")));
      row.add(Table.Cell.plain(day(e.oldestPublished())));
      row.add(Table.Cell.plain(day(e.newestPublished())));
      row.add(Table.Cell.plain(String.format(java.util.Locale.ROOT, "%.2f", e.monthlyCost())));
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
            + "; about "
            + SizeText.usd(s.monthlyCost())
            + " a month at $"
            + java.math.BigDecimal.valueOf(s.pricePerGbMonth()).stripTrailingZeros().toPlainString()
            + "/GB-month.");
  }

  private static double cost(long bytes, double price) {
    return bytes / (double) (1L << 30) * price;
  }

  private static String time(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String day(String iso) {
    return iso == null ? "-" : iso.substring(0, 10);
  }
}
