package dev.caprune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Outcome.Counts;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.execute.Outcome.Storage;
import dev.caprune.execute.Sizes;
import dev.caprune.execute.Usage;
import dev.caprune.select.Decision;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Times;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.WriteResult.Failure;
import dev.caprune.select.WriteResult.Success;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each row and document holds, in one place, built from caprune's own types before any format
 * writes it. Field names are a contract with pipelines: only ever add to them. A new field goes
 * here first, then into each {@link Renderer} that shows it ({@link TableRenderer}, {@link
 * JsonRenderer}, {@link NdjsonRenderer}, {@link CsvRenderer}). The plan file's own records are in
 * {@link PlanFile}: it is read back as well as written.
 */
public final class View {
  private View() {}

  // ---- caprune versions (and --explain of every command) ----

  /**
   * One version of a listing. {@code namespace} is null where the package has none; {@code
   * protected} is null unless a protection holds the version back from every action ({@code
   * latest}, {@code keep-latest}, {@code protect-file line N}); {@code publishedTime} is null
   * unless caprune learnt it (a time filter's search described the version); {@code selected} and
   * {@code reason} only with {@code --explain}. The JSON document ({@link JsonRenderer}) writes the
   * fields in this order.
   */
  public record Version(
      String repository,
      String format,
      String namespace,
      @JsonProperty("package") String pkg,
      String version,
      String status,
      String revision,
      String origin,
      @JsonProperty("protected") String protection,
      String publishedTime,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean selected,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long size,
      // Selected by a time filter without its publish time: the cut-off it precedes (ISO-8601 UTC).
      @JsonInclude(JsonInclude.Include.NON_NULL) String publishedBefore) {}

  /**
   * The last ndjson line of a listing: how many versions were listed, how many of them a protection
   * holds back, and their bytes with {@code --sizes}.
   */
  public record VersionsSummary(
      String type,
      int schemaVersion,
      String domain,
      long packages,
      long versions,
      @JsonProperty("protected") long protectedVersions,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long bytes) {}

  /**
   * {@code --sizes} on a listing: each selected version's size, and the bytes of them all with each
   * stored file counted once.
   */
  public record VersionSizes(Map<Sizes.Request, Long> perVersion, long bytes) {
    /** From each version's files: its size, and all the bytes with each stored file once. */
    public static VersionSizes of(Map<Sizes.Request, List<dev.caprune.select.Asset>> files) {
      Map<Sizes.Request, Long> each = new java.util.HashMap<>();
      files.forEach((r, f) -> each.put(r, Sizes.size(f)));
      return new VersionSizes(each, Sizes.storedOnce(files.values()));
    }

    Long of(PackageSelection sel, String version) {
      return perVersion.get(new Sizes.Request(sel.repository(), sel.pkg(), version));
    }
  }

  /**
   * The versions a listing shows: those the filters match, the protected ones included; every
   * version of the matching packages with {@code explain}; each one's size when {@code sizes} is
   * not null (every listed version's, so that the sizes add up to the total).
   */
  static List<Version> versions(
      List<PackageSelection> selections, boolean explain, VersionSizes sizes) {
    List<Version> entries = new ArrayList<>();
    for (PackageSelection sel : selections) {
      for (Decision d : sel.decisions()) {
        if (!explain && !d.listed()) {
          continue;
        }
        entries.add(
            new Version(
                sel.repository().repository(),
                sel.pkg().format().wire(),
                sel.pkg().namespace(),
                sel.pkg().name(),
                d.version().version(),
                d.version().status().wire(),
                d.version().revision(),
                d.version().origin().wire(),
                d.protection(),
                Times.iso(d.version().publishedTime()),
                explain ? d.selected() : null,
                explain ? d.reason() : null,
                sizes == null ? null : sizes.of(sel, d.version().version()),
                d.version().publishedTime() == null ? Times.iso(d.publishedBefore()) : null));
      }
    }
    return entries;
  }

  // ---- an action's outcome (delete, archive...) ----

  /** An action's JSON document. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OutcomeDocument(
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
   * wouldDelete, alreadyGone, failed, outcomeUnknown). In ndjson, a line of {@code type} package.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EmptyPackage(
      String type,
      String repository,
      String format,
      @JsonInclude(JsonInclude.Include.ALWAYS) String namespace,
      @JsonProperty("package") String pkg,
      String result,
      String message) {
    /** The run's, in report order; {@code type} "package" for ndjson lines, else null. */
    static List<EmptyPackage> of(Outcome o, String type) {
      return o.packageDeletions().stream()
          .map(
              d ->
                  new EmptyPackage(
                      type,
                      d.repository().repository(),
                      d.pkg().format().wire(),
                      d.pkg().namespace(),
                      d.pkg().name(),
                      d.result(),
                      d.message()))
          .toList();
    }
  }

  /**
   * One package: what was selected and the API's two maps; {@code rule} and {@code action} in a
   * policy's report only; {@code publishedTimes}, the selected versions' publish times that caprune
   * learnt (a time filter's search), left out when it learnt none.
   */
  public record PackageEntry(
      String repository,
      String format,
      String namespace,
      @JsonProperty("package") String pkg,
      @JsonInclude(JsonInclude.Include.NON_NULL) String rule,
      @JsonInclude(JsonInclude.Include.NON_NULL) String action,
      List<String> selected,
      Map<String, Success> successfulVersions,
      Map<String, Failure> alreadyDone,
      Map<String, Failure> failedVersions,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> publishedTimes,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long size,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> sizes) {}

  /**
   * Counts over a run. {@code alreadyDone}: found already in the target state (gone, for a delete);
   * {@code notAttempted}: selected but never sent (dry run, stop).
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
    static Summary of(Counts c) {
      return of(c, null);
    }

    /** With {@code --sizes}: the storage fields, each null without. */
    static Summary of(Counts c, Storage st) {
      return new Summary(
          c.packages(),
          c.selected(),
          c.succeeded(),
          c.alreadyDone(),
          c.failed(),
          c.notAttempted(),
          st == null ? null : st.bytes(),
          st == null ? null : st.freedBytes(),
          st == null ? null : st.monthlySaving(),
          st == null ? null : st.pricePerGbMonth(),
          st == null ? null : st.versionsUnsized());
    }
  }

  /**
   * One version's result, a line of ndjson or CSV. {@code result}: succeeded, alreadyDone (already
   * in the target state, with the API's code), failed, notAttempted or selected (dry run). {@code
   * target}, {@code rule} and {@code action} in a policy's report only.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VersionResult(
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
      String errorMessage,
      String publishedTime,
      Long size) {}

  /** The last ndjson line of an action. */
  public record OutcomeSummaryLine(
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

  static OutcomeDocument outcome(Outcome o, Where where) {
    List<PackageEntry> entries = new ArrayList<>();
    for (PackageOutcome p : o.packages()) {
      entries.add(packageEntry(p, false, o.storage() != null));
    }
    return new OutcomeDocument(
        1,
        o.action().wire(),
        o.dryRun(),
        o.interrupted(),
        where.domain(),
        where.account(),
        where.region(),
        entries,
        Summary.of(o.counts(), o.storage()),
        o.error(),
        EmptyPackage.of(o, null));
  }

  static OutcomeSummaryLine outcomeSummary(Outcome o, Where where) {
    Storage st = o.storage();
    return new OutcomeSummaryLine(
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
        st == null ? null : st.versionsUnsized());
  }

  /**
   * @param sized with {@code --sizes}: the package's size and each version's
   */
  private static PackageEntry packageEntry(PackageOutcome p, boolean policy, boolean sized) {
    List<String> selected = p.selected().stream().map(VersionSummary::version).toList();
    return new PackageEntry(
        p.repository().repository(),
        p.pkg().format().wire(),
        p.pkg().namespace(),
        p.pkg().name(),
        policy ? p.rule() : null,
        policy ? p.action().wire() : null,
        selected,
        inOrder(selected, p.successful()),
        inOrder(selected, p.alreadyDone()),
        inOrder(selected, p.failed()),
        publishedTimes(p.selected()),
        sized ? p.size() : null,
        sized ? inOrder(selected, p.sizes()) : Map.of());
  }

  /** The known publish times, in the selection's order. */
  private static Map<String, String> publishedTimes(List<VersionSummary> selected) {
    Map<String, String> times = new LinkedHashMap<>();
    for (VersionSummary v : selected) {
      if (v.publishedTime() != null) {
        times.put(v.version(), Times.iso(v.publishedTime()));
      }
    }
    return times;
  }

  /**
   * One selected version's result.
   *
   * @param target the policy target, or null outside a policy (then no rule or action either)
   */
  static VersionResult result(String target, PackageOutcome p, VersionSummary v, boolean dryRun) {
    Success s = p.successful().get(v.version());
    Failure already = p.alreadyDone().get(v.version());
    Failure f = already != null ? already : p.failed().get(v.version());
    String result =
        s != null
            ? "succeeded"
            : already != null
                ? "alreadyDone"
                : f != null ? "failed" : dryRun ? "selected" : "notAttempted";
    return new VersionResult(
        "version",
        target,
        target == null ? null : p.rule(),
        target == null ? null : p.action().wire(),
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
        Times.iso(v.publishedTime()),
        p.sizes().get(v.version()));
  }

  // ---- caprune policy run ----

  /** One target's run: its outcome, or the one-line reason it could not run. */
  public record TargetResult(String target, String domain, Outcome outcome, int exitCode) {}

  /** A finished package of one target. */
  public record PolicyLine(String target, PackageOutcome pkg) {}

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

  /** A policy's JSON document, and the fields of its ndjson summary. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PolicyDocument(
      String type,
      int schemaVersion,
      String policy,
      boolean dryRun,
      boolean interrupted,
      List<TargetEntry> targets,
      List<RuleCounts> rules,
      Summary summary) {}

  /** One target in a policy's JSON document; {@code packages} is left out of the ndjson lines. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TargetEntry(
      String type,
      String name,
      String domain,
      int exitCode,
      String error,
      List<PackageEntry> packages,
      Summary summary,
      List<EmptyPackage> emptyPackages) {}

  /**
   * A policy's report.
   *
   * @param withPackages the JSON document (every package); else the ndjson target lines
   */
  static PolicyDocument policy(
      String policy,
      List<TargetResult> targets,
      List<RuleCounts> rules,
      boolean interrupted,
      boolean withPackages) {
    List<TargetEntry> entries = new ArrayList<>();
    Counts total = Counts.ZERO;
    Storage storage = null;
    boolean dryRun = false;
    for (TargetResult t : targets) {
      Outcome o = t.outcome();
      dryRun |= o.dryRun();
      total = total.plus(o.counts());
      storage = Storage.plus(storage, o.storage());
      List<PackageEntry> packages = null;
      if (withPackages) {
        packages = new ArrayList<>();
        for (PackageOutcome p : o.packages()) {
          packages.add(packageEntry(p, true, o.storage() != null));
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
              Summary.of(o.counts(), o.storage()),
              o.packageDeletions().isEmpty() ? null : EmptyPackage.of(o, null)));
    }
    return new PolicyDocument(
        withPackages ? null : "summary",
        1,
        policy,
        dryRun,
        interrupted,
        entries,
        rules,
        Summary.of(total, storage));
  }

  // ---- caprune usage ----

  /** One package's storage: a JSON array element, an ndjson line of {@code type} package. */
  public record UsageEntry(
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
  public record UsageSummary(
      int schemaVersion,
      String domain,
      int packages,
      long versions,
      long bytes,
      long storedBytes,
      double monthlyCost,
      double pricePerGbMonth,
      int shown) {}

  /** {@code caprune usage}'s JSON document. */
  public record UsageDocument(
      int schemaVersion, String domain, List<UsageEntry> packages, UsageSummary summary) {}

  /** The {@code top} largest packages of {@code report}, largest first. */
  static List<UsageEntry> usage(Usage.Report report, int top, double price) {
    List<UsageEntry> entries = new ArrayList<>();
    for (Usage.PackageUsage p :
        report.packages().subList(0, Math.min(top, report.packages().size()))) {
      entries.add(
          new UsageEntry(
              p.repository().repository(),
              p.pkg().format().wire(),
              p.pkg().namespace(),
              p.pkg().name(),
              p.versions(),
              p.bytes(),
              p.versionsUnsized(),
              time(p.oldest()),
              time(p.newest()),
              monthlyCost(p.bytes(), price)));
    }
    return entries;
  }

  static UsageSummary usageSummary(Usage.Report report, String domain, int shown, double price) {
    return new UsageSummary(
        1,
        domain,
        report.packages().size(),
        report.versions(),
        report.bytes(),
        report.storedBytes(),
        monthlyCost(report.storedBytes(), price),
        price,
        shown);
  }

  private static double monthlyCost(long bytes, double price) {
    return bytes / (double) (1L << 30) * price;
  }

  private static String time(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The selected versions first, in their order, then any other result. */
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
