package dev.caprune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
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

  /**
   * The shape of every report document (action, listing, usage, policy run): 2 since the one
   * summary shape, account and region in every document, money in cents and {@code --explain}'s
   * fields. The plan file keeps its own.
   */
  public static final int SCHEMA_VERSION = 2;

  /** A protection by what depends on a version: null until a dependency protection says. */
  static final List<String> NOT_DEPENDED_ON = null;

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
      @JsonInclude(JsonInclude.Include.NON_NULL) String rule,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> protectedBy,
      // Selected by a time filter without its publish time: the cut-off it precedes (ISO-8601 UTC).
      @JsonInclude(JsonInclude.Include.NON_NULL) String publishedBefore) {}

  /**
   * What holds a version back when something else needs it: the dependent ({@code com.acme:service
   * 5.0}) for {@code needed by ...}, the lockfile for {@code pinned in ...}; null for every other
   * protection.
   */
  static List<String> protectedBy(String protection) {
    if (protection == null) {
      return NOT_DEPENDED_ON;
    }
    if (protection.startsWith("needed by ")) {
      String rest = protection.substring("needed by ".length());
      int paren = rest.indexOf(" (");
      return List.of(paren < 0 ? rest : rest.substring(0, paren));
    }
    if (protection.startsWith("pinned in ")) {
      return List.of(protection.substring("pinned in ".length()));
    }
    if (protection.startsWith("dependencies unknown")) {
      return List.of("dependencies unknown");
    }
    return NOT_DEPENDED_ON;
  }

  /**
   * A listing's summary: how many packages and versions were listed, how many of them a protection
   * holds back, how many the filters select, and their bytes with {@code --sizes}.
   */
  public record VersionsSummary(
      long packages,
      long versions,
      @JsonProperty("protected") long protectedVersions,
      long selected,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long bytes) {
    static VersionsSummary of(List<PackageSelection> selections, VersionSizes sizes) {
      long packages = 0;
      long versions = 0;
      long held = 0;
      long selected = 0;
      for (PackageSelection sel : selections) {
        boolean any = false;
        for (Decision d : sel.decisions()) {
          if (d.listed()) {
            any = true;
            versions++;
            held += d.protection() != null ? 1 : 0;
            selected += d.selected() ? 1 : 0;
          }
        }
        packages += any ? 1 : 0;
      }
      return new VersionsSummary(
          packages, versions, held, selected, sizes == null ? null : sizes.bytes());
    }
  }

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
                explain ? d.rule() : null,
                protectedBy(d.protection()),
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
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> sizes,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Why> reasons,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Kept> kept) {}

  /**
   * {@code --explain}: why a selected version is selected. {@code rule} is the policy rule that
   * selected it (null outside a policy), {@code action} that rule's action (a policy only), {@code
   * protectedBy} always null for a selected version (the slot is kept for one shape).
   */
  public record Why(
      String reason,
      String rule,
      @JsonInclude(JsonInclude.Include.NON_NULL) String action,
      List<String> protectedBy) {}

  /**
   * {@code --explain}: a version the run keeps (not selected), and why. {@code protection} (written
   * {@code "protected"}): the protection that holds it back ({@code latest}, {@code keep-latest},
   * {@code protect-file line N}) or null; {@code protectedBy}: what depends on it, or null; {@code
   * rule}: the policy rule that keeps it, or null.
   */
  public record Kept(
      String version,
      String status,
      @JsonProperty("protected") String protection,
      String reason,
      String rule,
      List<String> protectedBy) {}

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
      Long versionsUnsized,
      Long kept) {
    static Summary of(Counts c) {
      return of(c, null);
    }

    /** {@code --explain}: with the number of versions kept. */
    Summary withKept(long keptVersions) {
      return new Summary(
          packages,
          selected,
          succeeded,
          alreadyDone,
          failed,
          notAttempted,
          bytes,
          freedBytes,
          monthlySaving,
          pricePerGbMonth,
          versionsUnsized,
          keptVersions);
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
          st == null ? null : cents(st.monthlySaving()),
          st == null ? null : st.pricePerGbMonth(),
          st == null ? null : st.versionsUnsized(),
          null);
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
      Long size,
      @JsonProperty("protected") String protection,
      String reason,
      List<String> protectedBy) {}

  static OutcomeDocument outcome(Outcome o, Where where) {
    List<PackageEntry> entries = new ArrayList<>();
    for (PackageOutcome p : o.packages()) {
      entries.add(packageEntry(p, false, o.storage() != null));
    }
    return new OutcomeDocument(
        SCHEMA_VERSION,
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

  /** The fields before an action's summary: its JSON header, its ndjson summary line's first. */
  static Map<String, Object> outcomeHeader(Outcome o, Where where) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", SCHEMA_VERSION);
    m.put("action", o.action().wire());
    m.put("dryRun", o.dryRun());
    m.put("interrupted", o.interrupted());
    m.put("domain", where.domain());
    putIfNotNull(m, "account", where.account());
    putIfNotNull(m, "region", where.region());
    putIfNotNull(m, "error", o.error());
    return m;
  }

  static void putIfNotNull(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
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
        sized ? inOrder(selected, p.sizes()) : Map.of(),
        null,
        null);
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
        p.sizes().get(v.version()),
        null,
        null,
        null);
  }

  // ---- --explain of an action or of a policy run ----

  /**
   * What {@code --dry-run --explain} shows of one target (an action's only one, or a policy's):
   * every version of the packages the filters or rules can match, selected or kept, and why.
   *
   * @param target the policy target's name, or null for an action command
   * @param selections every decision of each package
   * @param actions a policy rule's action by rule name (empty for an action command)
   * @param error why the target could not be listed, or null
   */
  public record Explained(
      String target,
      Where where,
      List<PackageSelection> selections,
      Map<String, String> actions,
      String error) {
    public Explained {
      actions = Map.copyOf(actions);
    }
  }

  /** The packages of an explained target, each with its reasons and kept versions. */
  static List<PackageEntry> explainedPackages(Explained e) {
    List<PackageEntry> entries = new ArrayList<>();
    for (PackageSelection sel : e.selections()) {
      List<VersionSummary> chosen = sel.selected();
      Map<String, Why> reasons = new LinkedHashMap<>();
      List<Kept> kept = new ArrayList<>();
      for (Decision d : sel.decisions()) {
        if (d.selected()) {
          reasons.put(
              d.version().version(),
              new Why(
                  d.reason(),
                  d.rule(),
                  d.rule() == null ? null : e.actions().get(d.rule()),
                  NOT_DEPENDED_ON));
        } else {
          kept.add(
              new Kept(
                  d.version().version(),
                  d.version().status().wire(),
                  d.protection(),
                  d.reason(),
                  d.rule(),
                  protectedBy(d.protection())));
        }
      }
      entries.add(
          new PackageEntry(
              sel.repository().repository(),
              sel.pkg().format().wire(),
              sel.pkg().namespace(),
              sel.pkg().name(),
              null,
              null,
              chosen.stream().map(VersionSummary::version).toList(),
              Map.of(),
              Map.of(),
              Map.of(),
              publishedTimes(chosen),
              null,
              Map.of(),
              reasons,
              kept));
    }
    return entries;
  }

  /** An explained target's counts: a dry run's, with the versions kept. */
  static Summary explainedSummary(Explained e) {
    int packages = 0;
    int selected = 0;
    long kept = 0;
    for (PackageSelection sel : e.selections()) {
      int n = sel.selected().size();
      packages += n > 0 ? 1 : 0;
      selected += n;
      kept += sel.decisions().size() - n;
    }
    return new Summary(packages, selected, 0, 0, 0, selected, null, null, null, null, null, kept);
  }

  /** {@code delete --dry-run --explain -o json}: the action's dry-run document, explained. */
  static OutcomeDocument explainedOutcome(String action, Explained e) {
    Where w = e.where();
    return new OutcomeDocument(
        SCHEMA_VERSION,
        action,
        true,
        false,
        w.domain(),
        w.account(),
        w.region(),
        explainedPackages(e),
        explainedSummary(e),
        e.error(),
        List.of());
  }

  /**
   * The ndjson/CSV lines of an explained target: every version, {@code result} selected or kept.
   */
  static List<VersionResult> explainedLines(Explained e) {
    List<VersionResult> lines = new ArrayList<>();
    for (PackageSelection sel : e.selections()) {
      for (Decision d : sel.decisions()) {
        VersionSummary v = d.version();
        lines.add(
            new VersionResult(
                "version",
                e.target(),
                d.rule(),
                d.rule() == null || !d.selected() ? null : e.actions().get(d.rule()),
                sel.repository().repository(),
                sel.pkg().format().wire(),
                sel.pkg().namespace(),
                sel.pkg().name(),
                v.version(),
                v.status().wire(),
                d.selected() ? "selected" : "kept",
                v.revision(),
                null,
                null,
                Times.iso(v.publishedTime()),
                null,
                d.protection(),
                d.reason(),
                protectedBy(d.protection())));
      }
    }
    return lines;
  }

  /** {@code policy run --dry-run --explain -o json}: the policy's dry-run document, explained. */
  static PolicyDocument explainedPolicy(String policy, List<Explained> targets, boolean lines) {
    List<TargetEntry> entries = new ArrayList<>();
    int packages = 0;
    int selected = 0;
    long kept = 0;
    for (Explained e : targets) {
      Summary s = explainedSummary(e);
      packages += s.packages();
      selected += s.selected();
      kept += s.kept();
      entries.add(
          new TargetEntry(
              lines ? "target" : null,
              e.target(),
              e.where().domain(),
              e.where().account(),
              e.where().region(),
              e.error() == null ? 0 : 1,
              e.error(),
              lines ? null : explainedPackages(e),
              s,
              null));
    }
    return new PolicyDocument(
        lines ? "summary" : null,
        SCHEMA_VERSION,
        policy,
        true,
        false,
        entries,
        null,
        new Summary(packages, selected, 0, 0, 0, selected, null, null, null, null, null, kept));
  }

  // ---- caprune policy run ----

  /** One target's run: its outcome, or the one-line reason it could not run. */
  public record TargetResult(
      String target, String domain, String account, String region, Outcome outcome, int exitCode) {
    /** Where the account and region are not known. */
    public TargetResult(String target, String domain, Outcome outcome, int exitCode) {
      this(target, domain, null, null, outcome, exitCode);
    }
  }

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
      String account,
      String region,
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
              t.account(),
              t.region(),
              t.exitCode(),
              o.error(),
              packages,
              Summary.of(o.counts(), o.storage()),
              o.packageDeletions().isEmpty() ? null : EmptyPackage.of(o, null)));
    }
    return new PolicyDocument(
        withPackages ? null : "summary",
        SCHEMA_VERSION,
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
      @JsonSerialize(using = Cents.class) double monthlyCost) {}

  /**
   * The totals over every package (not only the {@code --top} ones shown). {@code storedBytes}:
   * every file once, as the domain stores it.
   */
  public record UsageSummary(
      int packages,
      long versions,
      long bytes,
      long storedBytes,
      @JsonSerialize(using = Cents.class) double monthlyCost,
      double pricePerGbMonth,
      int shown) {}

  /** {@code caprune usage}'s JSON document. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UsageDocument(
      int schemaVersion,
      String domain,
      String account,
      String region,
      List<UsageEntry> packages,
      UsageSummary summary) {}

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

  /** As {@link #usageSummary(Usage.Report, int, double)}; the domain is the document's. */
  static UsageSummary usageSummary(Usage.Report report, String domain, int shown, double price) {
    return usageSummary(report, shown, price);
  }

  static UsageSummary usageSummary(Usage.Report report, int shown, double price) {
    return new UsageSummary(
        report.packages().size(),
        report.versions(),
        report.bytes(),
        report.storedBytes(),
        monthlyCost(report.storedBytes(), price),
        price,
        shown);
  }

  /** USD a month for {@code bytes} at {@code price} per GiB-month (rounded where written). */
  private static double monthlyCost(long bytes, double price) {
    return bytes / (double) (1L << 30) * price;
  }

  /** Money as the documents carry it: rounded half up to the cent ({@code 0.09}). */
  static double cents(double usd) {
    return java.math.BigDecimal.valueOf(usd)
        .setScale(2, java.math.RoundingMode.HALF_UP)
        .doubleValue();
  }

  /** Writes money to the cent in JSON; the table rounds for itself. */
  static final class Cents extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    Cents() {
      super(Double.class);
    }

    @Override
    public void serialize(
        Double value,
        com.fasterxml.jackson.core.JsonGenerator g,
        com.fasterxml.jackson.databind.SerializerProvider provider)
        throws java.io.IOException {
      g.writeNumber(cents(value));
    }
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
