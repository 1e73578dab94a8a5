package dev.caprune.report;

import dev.caprune.report.View.PolicyLine;
import dev.caprune.report.View.RuleCounts;
import dev.caprune.report.View.TargetResult;
import dev.caprune.report.View.VersionResult;
import dev.caprune.select.VersionSummary;
import java.io.PrintWriter;
import java.util.List;

/**
 * A policy run's report in a line format (ndjson, CSV): a line per selected version, written as
 * each package of each target finishes, then the format's own ending. Targets finish on their own
 * threads, so lines are written one package at a time; nothing is written after the end.
 */
abstract class StreamedPolicyReport implements Renderer.PolicyReport {
  private final PrintWriter out;
  private final boolean dryRun;
  private boolean finished;

  StreamedPolicyReport(PrintWriter out, boolean dryRun) {
    this.out = out;
    this.dryRun = dryRun;
  }

  /** One version's line. */
  abstract void line(VersionResult version);

  /** What follows the version lines (counts per rule and target, a summary), if anything. */
  abstract void end(
      String policy, List<TargetResult> targets, List<RuleCounts> rules, boolean interrupted);

  @Override
  public final boolean streams() {
    return true;
  }

  @Override
  public final synchronized void accept(PolicyLine l) {
    if (finished) {
      return;
    }
    for (VersionSummary v : l.pkg().selected()) {
      line(View.result(l.target(), l.pkg(), v, dryRun));
    }
    out.flush();
  }

  @Override
  public final synchronized void finish(
      String policy, List<TargetResult> targets, List<RuleCounts> rules, boolean interrupted) {
    finished = true;
    end(policy, targets, rules, interrupted);
    out.flush();
  }
}
