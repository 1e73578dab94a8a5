package dev.caprune.report;

import dev.caprune.execute.Outcome;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.execute.Usage;
import dev.caprune.report.View.PolicyLine;
import dev.caprune.report.View.RuleCounts;
import dev.caprune.report.View.TargetResult;
import dev.caprune.report.View.VersionSizes;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * Writes caprune's documents to stdout in one {@link OutputFormat}: one implementation per format,
 * chosen by {@link #of}. What each document holds is in {@link View}; how a format writes it is in
 * its implementation alone.
 */
public interface Renderer {
  /**
   * Over this many versions an action's table on a terminal is summed up: one line per package and
   * every failure in full (unless {@code --long}).
   */
  int BIG_RUN = 50;

  /** The renderer of {@code format}; {@code color} matters to the table only. */
  static Renderer of(OutputFormat format, PrintWriter out, boolean color) {
    return of(format, out, color, false);
  }

  /**
   * @param abridge sum up an action's table over {@link #BIG_RUN} versions (a person reads it on a
   *     terminal); the other formats always carry every version
   */
  static Renderer of(OutputFormat format, PrintWriter out, boolean color, boolean abridge) {
    return of(format, out, color, abridge, null);
  }

  /**
   * @param query {@code --query}, or null: applied to each JSON document or ndjson line (the caller
   *     refuses it with the other formats)
   */
  static Renderer of(
      OutputFormat format, PrintWriter out, boolean color, boolean abridge, Query query) {
    // No default: a new format does not compile until it has its renderer.
    return switch (format) {
      case table -> new TableRenderer(out, color, abridge);
      case json -> new JsonRenderer(out, query);
      case ndjson -> new NdjsonRenderer(out, query);
      case csv -> new CsvRenderer(out);
      case markdown -> new MarkdownRenderer(out);
    };
  }

  /**
   * Whether this format's documents name the domain owner's account: when it is not known yet, the
   * caller learns it (one call) only for a format that prints it.
   */
  default boolean namesAccount() {
    return true;
  }

  /**
   * A listing ({@code caprune versions}, and {@code --explain} of every command).
   *
   * @param explain every version of the matching packages, with whether it is selected and why
   */
  default void versions(List<PackageSelection> selections, String domain, boolean explain) {
    versions(selections, domain, explain, null);
  }

  /**
   * A listing with {@code --sizes}.
   *
   * @param sizes each selected version's size and their total, or null without {@code --sizes}
   */
  void versions(
      List<PackageSelection> selections, String domain, boolean explain, VersionSizes sizes);

  /**
   * A listing that says where it was made (account and region): the JSON formats carry them; the
   * table and CSV show the domain's listing as {@link #versions(List, String, boolean,
   * VersionSizes)}.
   */
  default void versions(
      List<PackageSelection> selections, Where where, boolean explain, VersionSizes sizes) {
    versions(selections, where.domain(), explain, sizes);
  }

  /**
   * {@code --dry-run --explain} of an action: the action's dry-run report with every version of the
   * matching packages, selected or kept, and why. The table shows the explained listing.
   *
   * @param action the action's name ({@code delete}...)
   */
  default void explained(String action, View.Explained target) {
    versions(target.selections(), target.where().domain(), true);
  }

  /**
   * {@code policy run --dry-run --explain}: the policy's dry-run report, every version of each
   * target with why. The table shows each target's explained listing under its name.
   */
  default void explainedPolicy(String policy, List<View.Explained> targets) {
    PrintWriter out = explainWriter();
    for (View.Explained t : targets) {
      out.println("Target " + t.target() + ":");
      if (t.error() != null) {
        out.println("FAILED: " + t.error());
      } else {
        versions(t.selections(), t.where().domain(), true);
      }
      out.println();
    }
    out.flush();
  }

  /** Where the table's own lines go (the table only). */
  default PrintWriter explainWriter() {
    throw new IllegalStateException("only the table writes explained targets line by line");
  }

  /**
   * The report of an action, written as each package finishes (ndjson, csv) or whole at the end
   * (table, json). Writes its header, if any, now.
   *
   * @param sizes {@code --sizes}: each version's size too (CSV needs to know before its header)
   */
  OutcomeReport outcome(boolean dryRun, boolean sizes);

  /** A plan for review ({@code plan show}, {@code --save-plan}): table or json only. */
  void plan(Plan plan, Instant now);

  /**
   * A policy's plans ({@code policy run --save-plan}): one per target, in the targets' order.
   *
   * @param file where the plan was written, or null when the target has none
   * @param plan the plan, or null when the target has none
   * @param error why the target has no plan, or null
   */
  record SavedPlan(String target, String file, Plan plan, String error) {}

  /**
   * {@code policy run --save-plan}: each target's plan for review (a target without one is said on
   * stderr, by the caller); the JSON format writes one document whatever the number of targets.
   */
  default void plans(List<SavedPlan> plans, Instant now) {
    for (SavedPlan p : plans) {
      if (p.plan() != null) {
        plan(p.plan(), now);
      }
    }
  }

  /**
   * {@code caprune usage}: storage by package, largest first.
   *
   * @param top how many of the largest packages to show (the summary counts them all)
   * @param price USD per GiB-month
   */
  void usage(Usage.Report report, String domain, int top, double price);

  /** {@code caprune usage} with the account and region the JSON formats carry. */
  default void usage(Usage.Report report, Where where, int top, double price) {
    usage(report, where.domain(), top, price);
  }

  /** The report of a policy run; like {@link #outcome}, per target and rule. */
  PolicyReport policy(boolean dryRun, boolean sizes);

  /** An action's report. Safe to call from many workers. */
  interface OutcomeReport {
    /**
     * Whether packages are written as they finish: then the run need not keep them, and gives each
     * to {@link #accept}. Not by default: the document is written whole by {@link #finish}.
     */
    default boolean streams() {
      return false;
    }

    /** One finished package (streaming formats only). */
    default void accept(PackageOutcome p) {
      throw new IllegalStateException("this format is written whole at the end");
    }

    /** The end of the document: the summary, or the whole report when not streamed. */
    void finish(Outcome o, Where where);

    /** Whether {@link #finish} summed the versions up per package (a big run on a terminal). */
    default boolean abridged() {
      return false;
    }
  }

  /** A policy run's report. Safe to call from many workers and targets. */
  interface PolicyReport {
    /**
     * Whether packages are written as they finish, given to {@link #accept}. Not by default: the
     * document is written whole by {@link #finish}.
     */
    default boolean streams() {
      return false;
    }

    /** One finished package of one target (streaming formats only). */
    default void accept(PolicyLine l) {
      throw new IllegalStateException("this format is written whole at the end");
    }

    /** The end of the document, or the whole report when not streamed. */
    void finish(
        String policy, List<TargetResult> targets, List<RuleCounts> rules, boolean interrupted);
  }
}
