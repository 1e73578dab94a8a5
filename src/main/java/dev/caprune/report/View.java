package dev.caprune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Outcome.Counts;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.select.Decision;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Times;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.WriteResult.Failure;
import dev.caprune.select.WriteResult.Success;
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
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {}

  /**
   * The last ndjson line of a listing: how many versions were listed, and how many of them a
   * protection holds back.
   */
  public record VersionsSummary(
      String type,
      int schemaVersion,
      String domain,
      long packages,
      long versions,
      @JsonProperty("protected") long protectedVersions) {}

  /**
   * The versions a listing shows: those the filters match, the protected ones included; every
   * version of the matching packages with {@code explain}.
   */
  static List<Version> versions(List<PackageSelection> selections, boolean explain) {
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
                explain ? d.reason() : null));
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
      String error) {}

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
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> publishedTimes) {}

  /**
   * Counts over a run. {@code alreadyDone}: found already in the target state (gone, for a delete);
   * {@code notAttempted}: selected but never sent (dry run, stop).
   */
  public record Summary(
      int packages, int selected, int succeeded, int alreadyDone, int failed, int notAttempted) {
    static Summary of(Counts c) {
      return new Summary(
          c.packages(), c.selected(), c.succeeded(), c.alreadyDone(), c.failed(), c.notAttempted());
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
      String publishedTime) {}

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
      @JsonInclude(JsonInclude.Include.NON_NULL) String error) {}

  static OutcomeDocument outcome(Outcome o, Where where) {
    List<PackageEntry> entries = new ArrayList<>();
    for (PackageOutcome p : o.packages()) {
      entries.add(packageEntry(p, false));
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
        Summary.of(o.counts()),
        o.error());
  }

  static OutcomeSummaryLine outcomeSummary(Outcome o, Where where) {
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
        o.error());
  }

  private static PackageEntry packageEntry(PackageOutcome p, boolean policy) {
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
        publishedTimes(p.selected()));
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
        Times.iso(v.publishedTime()));
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
      Summary summary) {}

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
    boolean dryRun = false;
    for (TargetResult t : targets) {
      Outcome o = t.outcome();
      dryRun |= o.dryRun();
      total = total.plus(o.counts());
      List<PackageEntry> packages = null;
      if (withPackages) {
        packages = new ArrayList<>();
        for (PackageOutcome p : o.packages()) {
          packages.add(packageEntry(p, true));
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
              Summary.of(o.counts())));
    }
    return new PolicyDocument(
        withPackages ? null : "summary",
        1,
        policy,
        dryRun,
        interrupted,
        entries,
        rules,
        Summary.of(total));
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
