package dev.caprune.run;

import dev.caprune.execute.Outcome;
import dev.caprune.execute.Pipeline;
import dev.caprune.execute.Stop;
import dev.caprune.report.Renderer;
import dev.caprune.report.View;
import dev.caprune.report.Where;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The end of every run that writes (or would): its report written whole, with no signal able to end
 * the process meanwhile, what went wrong said on stderr, and the exit code, decided here alone.
 */
final class RunReport {
  private final Console console;
  private final Stop stop;
  private final Interrupts interrupts;
  private volatile boolean outputLost;

  RunReport(Console console, Stop stop, Interrupts interrupts) {
    this.console = console;
    this.stop = stop;
    this.interrupts = interrupts;
  }

  /**
   * A streamed report's records: once stdout fails, nobody can see a record any more, and the run
   * starts nothing new.
   */
  <T> Consumer<T> watched(Consumer<T> stream) {
    PrintWriter out = console.out();
    return p -> {
      stream.accept(p);
      if (!outputLost && out.checkError()) {
        outputLost = true;
        stop.request();
      }
    };
  }

  /** An action's report: its end written, then its exit code. */
  int finish(Renderer.OutcomeReport renderer, Outcome outcome, Where where, String done) {
    PrintWriter out = console.out();
    PrintWriter err = console.err();
    interrupts.reporting(true);
    renderer.finish(outcome, where);
    if (renderer.abridged()) {
      err.println(
          String.format(
              "caprune: %,d versions: the table shows one line per package and every failure;"
                  + " --long or -o json shows every version.",
              outcome.selectedCount()));
    }
    boolean written = !out.checkError();
    interrupts.reporting(false);
    String problem = written ? null : console.reportProblem();
    boolean readerQuit = problem != null && brokenPipe(problem) && !outputLost;
    if (problem != null) {
      err.println(
          "caprune: "
              + (readerQuit
                  ? "stdout was closed by its reader before the whole report was written"
                  : "the report could not be written to stdout (" + problem + ")")
              + (outputLost ? "; caprune stopped starting new work" : "")
              + ": "
              + summary(outcome, done));
    }
    boolean interrupted = stop.requested() && !outputLost;
    if (interrupted) {
      interrupted(err, "command");
    } else if (Pipeline.isOutOfMemory(outcome.error())) {
      err.flush();
      console.outOfMemory(); // once, whichever thread ran out first
    } else if (outcome.error() != null) {
      err.println("caprune: " + console.oneLine(outcome.error()));
    }
    err.flush();
    return ExitCodes.of(outcome, problem != null && !readerQuit, interrupted);
  }

  /** A policy run's report, over its targets: its end written, then the worst exit code. */
  int finish(
      Renderer.PolicyReport report,
      String label,
      List<View.TargetResult> results,
      List<View.RuleCounts> counts) {
    PrintWriter out = console.out();
    PrintWriter err = console.err();
    interrupts.reporting(true);
    boolean interrupted = stop.requested() && !outputLost;
    report.finish(label, results, counts, interrupted);
    boolean written = !out.checkError();
    interrupts.reporting(false);
    for (View.TargetResult r : results) {
      if (r.outcome().error() != null) {
        err.println(
            "caprune: target " + r.target() + " failed: " + console.oneLine(r.outcome().error()));
      }
    }
    if (!written) {
      err.println("caprune: the report could not be written to stdout");
    }
    if (interrupted) {
      interrupted(err, "policy");
    }
    err.flush();
    if (!written || outputLost) {
      // A record lost part-way is a failure too, whatever the targets did: nobody saw it.
      return ExitCodes.RUNTIME;
    }
    if (interrupted) {
      return ExitCodes.INTERRUPTED;
    }
    return ExitCodes.worst(results.stream().map(View.TargetResult::exitCode).toList());
  }

  private static void interrupted(PrintWriter err, String what) {
    err.println(
        "caprune: interrupted; the report shows what was done. Run the same "
            + what
            + " again to finish.");
  }

  /** Whether the failure says the reader closed the pipe (EPIPE). */
  static boolean brokenPipe(String problem) {
    return problem != null && problem.toLowerCase(Locale.ROOT).contains("broken pipe");
  }

  private static String summary(Outcome o, String done) {
    return String.format(
        "%,d %s, %,d already done, %,d failed, %,d not attempted",
        o.succeededCount(), done, o.alreadyDoneCount(), o.failedCount(), o.notAttemptedCount());
  }
}
