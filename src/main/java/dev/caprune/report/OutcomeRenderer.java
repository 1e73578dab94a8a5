package dev.caprune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.WriteResult.Failure;
import dev.caprune.select.WriteResult.Success;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the outcome of an action (delete, archive...): every selected version's result. */
public final class OutcomeRenderer {
  private OutcomeRenderer() {}

  /** The JSON document. Field names are a contract with pipelines: only ever add to them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Document(
      int schemaVersion,
      String action,
      boolean dryRun,
      boolean interrupted,
      String domain,
      String account,
      String region,
      List<PackageEntry> packages,
      Summary summary,
      String error,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EmptyPackage> emptyPackages) {}

  /**
   * A package {@code --delete-empty-packages} deleted, or would ({@code result}: deleted,
   * wouldDelete, alreadyGone, failed, outcomeUnknown).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EmptyPackage(
      String repository,
      String format,
      @JsonInclude(JsonInclude.Include.ALWAYS) String namespace,
      @JsonProperty("package") String pkg,
      String result,
      String message) {
    static List<EmptyPackage> of(Outcome o) {
      return o.packageDeletions().stream()
          .map(
              d ->
                  new EmptyPackage(
                      d.repository().repository(),
                      d.pkg().format().wire(),
                      d.pkg().namespace(),
                      d.pkg().name(),
                      d.result(),
                      d.message()))
          .toList();
    }
  }

  /** One package: what was selected and the API's two maps. */
  public record PackageEntry(
      String repository,
      String format,
      String namespace,
      @JsonProperty("package") String pkg,
      List<String> selected,
      Map<String, Success> successfulVersions,
      Map<String, Failure> alreadyDone,
      Map<String, Failure> failedVersions,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long size,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> sizes) {}

  /**
   * Counts over the whole run. {@code alreadyDone}: found already in the target state (gone, for a
   * delete); {@code notAttempted}: selected but never sent (dry run, stop).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Summary(
      int packages,
      int selected,
      int succeeded,
      int alreadyDone,
      int failed,
      int notAttempted,
      Long bytes,
      Long freedBytes,
      Double monthlySaving,
      Double pricePerGbMonth,
      Long versionsUnsized) {
    Summary(
        int packages, int selected, int succeeded, int alreadyDone, int failed, int notAttempted) {
      this(
          packages,
          selected,
          succeeded,
          alreadyDone,
          failed,
          notAttempted,
          null,
          null,
          null,
          null,
          null);
    }
  }

  public static Document document(Outcome o, String domain) {
    return document(o, Where.of(domain));
  }

  public static Document document(Outcome o, Where where) {
    List<PackageEntry> entries = new ArrayList<>();
    for (PackageOutcome p : o.packages()) {
      List<String> selected = p.selected().stream().map(VersionSummary::version).toList();
      entries.add(
          new PackageEntry(
              p.repository().repository(),
              p.pkg().format().wire(),
              p.pkg().namespace(),
              p.pkg().name(),
              selected,
              inOrder(selected, p.successful()),
              inOrder(selected, p.alreadyDone()),
              inOrder(selected, p.failed()),
              o.storage() == null ? null : p.size(),
              o.storage() == null ? Map.of() : inOrder(selected, p.sizes())));
    }
    Outcome.Storage st = o.storage();
    Summary summary =
        new Summary(
            o.packageCount(),
            o.selectedCount(),
            o.succeededCount(),
            o.alreadyDoneCount(),
            o.failedCount(),
            o.notAttemptedCount(),
            st == null ? null : st.bytes(),
            st == null ? null : st.freedBytes(),
            st == null ? null : st.monthlySaving(),
            st == null ? null : st.pricePerGbMonth(),
            st == null ? null : st.versionsUnsized());
    return new Document(
        1,
        o.action().wire(),
        o.dryRun(),
        o.interrupted(),
        where.domain(),
        where.account(),
        where.region(),
        entries,
        summary,
        o.error(),
        EmptyPackage.of(o));
  }

  public static void render(
      Outcome o, String domain, OutputFormat format, boolean color, PrintWriter out) {
    render(o, Where.of(domain), format, color, out);
  }

  public static void render(
      Outcome o, Where where, OutputFormat format, boolean color, PrintWriter out) {
    if (format == OutputFormat.json) {
      Json.print(out, document(o, where));
      return;
    }
    boolean manyRepos =
        o.packages().stream().map(p -> p.repository().repository()).distinct().count() > 1;
    List<String> headers = new ArrayList<>();
    if (manyRepos) {
      headers.add("REPOSITORY");
    }
    headers.addAll(List.of("PACKAGE", "FORMAT", "VERSION", "STATUS"));
    boolean sizes = o.storage() != null;
    if (sizes) {
      headers.add("SIZE");
    }
    headers.add("RESULT");
    Table table = new Table(headers);
    for (PackageOutcome p : o.packages()) {
      for (VersionSummary v : p.selected()) {
        List<Table.Cell> row = new ArrayList<>();
        if (manyRepos) {
          row.add(Table.Cell.plain(p.repository().repository()));
        }
        row.add(Table.Cell.plain(p.pkg().display()));
        row.add(Table.Cell.plain(p.pkg().format().wire()));
        row.add(Table.Cell.plain(v.version()));
        row.add(Table.Cell.plain(v.status().wire()));
        if (sizes) {
          row.add(Table.Cell.plain(SizeText.human(p.sizes().get(v.version()))));
        }
        row.add(result(o, p, v));
        table.add(row);
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
    emptyPackages(o, out);
    out.flush();
  }

  /** {@code --delete-empty-packages}: the packages deleted (would be), then any not deleted. */
  static void emptyPackages(Outcome o, PrintWriter out) {
    List<Outcome.PackageDeletion> all = o.packageDeletions();
    List<String> done = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (Outcome.PackageDeletion d : all) {
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
