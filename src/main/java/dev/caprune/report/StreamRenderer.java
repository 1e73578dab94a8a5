package dev.caprune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.WriteResult.Failure;
import dev.caprune.select.WriteResult.Success;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code -o ndjson} and {@code -o csv} for actions: one line per selected version, written as soon
 * as its package is done, then (ndjson) a summary object. Safe to call from many workers.
 */
public final class StreamRenderer implements Consumer<PackageOutcome> {
  /**
   * One version's result. {@code result}: succeeded, alreadyDone (already in the target state, with
   * the API's code), failed, notAttempted or selected (dry run).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VersionLine(
      String type,
      String repository,
      String format,
      @JsonInclude(JsonInclude.Include.ALWAYS) String namespace,
      @JsonProperty("package") String pkg,
      String version,
      String status,
      String result,
      String revision,
      String errorCode,
      String errorMessage,
      Long size) {}

  /** The last ndjson line. */
  public record SummaryLine(
      String type,
      int schemaVersion,
      String action,
      boolean dryRun,
      String domain,
      @JsonInclude(JsonInclude.Include.NON_NULL) String account,
      @JsonInclude(JsonInclude.Include.NON_NULL) String region,
      int packages,
      int selected,
      int succeeded,
      int alreadyDone,
      int failed,
      int notAttempted,
      boolean interrupted,
      @JsonInclude(JsonInclude.Include.NON_NULL) String error,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long bytes,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long freedBytes,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double monthlySaving,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double pricePerGbMonth,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long versionsUnsized) {}

  /** An ndjson line for a package {@code --delete-empty-packages} deleted (or would). */
  public record PackageLine(
      String type,
      String repository,
      String format,
      String namespace,
      @JsonProperty("package") String pkg,
      String result,
      @JsonInclude(JsonInclude.Include.NON_NULL) String message) {}

  static final List<String> CSV_HEADER =
      List.of(
          "repository",
          "format",
          "namespace",
          "package",
          "version",
          "status",
          "result",
          "revision",
          "errorCode",
          "errorMessage");

  private final OutputFormat format;
  private final boolean dryRun;
  private final PrintWriter out;
  private boolean headerDone;
  private boolean finished;
  private boolean sizes;

  /** {@code --sizes}: each version's {@code size} (a last CSV column), and bytes in the summary. */
  public StreamRenderer withSizes(boolean on) {
    this.sizes = on;
    return this;
  }

  public StreamRenderer(OutputFormat format, boolean dryRun, PrintWriter out) {
    if (!format.streaming()) {
      throw new IllegalArgumentException(format + " is not a streaming format");
    }
    this.format = format;
    this.dryRun = dryRun;
    this.out = out;
  }

  /** Writes the CSV header even when no result ever comes (an empty selection). */
  public synchronized void start() {
    if (format == OutputFormat.csv && !headerDone) {
      List<String> header = new java.util.ArrayList<>(CSV_HEADER);
      if (sizes) {
        header.add("size");
      }
      out.print(Csv.row(header));
      out.flush();
    }
    headerDone = true;
  }

  @Override
  public synchronized void accept(PackageOutcome p) {
    if (finished) {
      return; // the document is whole: nothing may follow its summary
    }
    start();
    for (VersionSummary v : p.selected()) {
      VersionLine line = line(p, v);
      if (format == OutputFormat.ndjson) {
        out.println(json(line));
      } else {
        List<String> row =
            new java.util.ArrayList<>(
                java.util.Arrays.asList(
                    line.repository(),
                    line.format(),
                    line.namespace(),
                    line.pkg(),
                    line.version(),
                    line.status(),
                    line.result(),
                    line.revision(),
                    line.errorCode(),
                    line.errorMessage()));
        if (sizes) {
          row.add(line.size() == null ? null : String.valueOf(line.size()));
        }
        out.print(Csv.row(row));
      }
    }
    out.flush();
  }

  /** The summary object (ndjson only: CSV rows are the whole document). */
  public synchronized void finish(Outcome o, String domain) {
    finish(o, Where.of(domain));
  }

  /** The summary object (ndjson only: CSV rows are the whole document). */
  public synchronized void finish(Outcome o, Where where) {
    start();
    finished = true;
    for (Outcome.PackageDeletion d : o.packageDeletions()) {
      if (format == OutputFormat.ndjson) {
        out.println(
            json(
                new PackageLine(
                    "package",
                    d.repository().repository(),
                    d.pkg().format().wire(),
                    d.pkg().namespace(),
                    d.pkg().name(),
                    d.result(),
                    d.message())));
      } else {
        // CSV: one row per package, version empty, result "package" + the package's result.
        List<String> row =
            new java.util.ArrayList<>(
                java.util.Arrays.asList(
                    d.repository().repository(),
                    d.pkg().format().wire(),
                    d.pkg().namespace(),
                    d.pkg().name(),
                    null,
                    null,
                    "package"
                        + Character.toUpperCase(d.result().charAt(0))
                        + d.result().substring(1),
                    null,
                    null,
                    d.message()));
        if (sizes) {
          row.add(null);
        }
        out.print(Csv.row(row));
      }
    }
    Outcome.Storage st = o.storage();
    if (format == OutputFormat.ndjson) {
      out.println(
          json(
              new SummaryLine(
                  "summary",
                  1,
                  o.action().wire(),
                  o.dryRun(),
                  where.domain(),
                  where.account(),
                  where.region(),
                  o.packageCount(),
                  o.selectedCount(),
                  o.succeededCount(),
                  o.alreadyDoneCount(),
                  o.failedCount(),
                  o.notAttemptedCount(),
                  o.interrupted(),
                  o.error(),
                  st == null ? null : st.bytes(),
                  st == null ? null : st.freedBytes(),
                  st == null ? null : st.monthlySaving(),
                  st == null ? null : st.pricePerGbMonth(),
                  st == null ? null : st.versionsUnsized())));
    }
    out.flush();
  }

  private VersionLine line(PackageOutcome p, VersionSummary v) {
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
        p.repository().repository(),
        p.pkg().format().wire(),
        p.pkg().namespace(),
        p.pkg().name(),
        v.version(),
        s != null ? s.status() : v.status().wire(),
        result,
        s != null ? s.revision() : v.revision(),
        f == null ? null : f.errorCode(),
        f == null ? null : f.errorMessage(),
        sizes ? p.sizes().get(v.version()) : null);
  }

  private static String json(Object o) {
    return Json.line(o);
  }
}
