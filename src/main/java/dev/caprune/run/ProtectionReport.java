package dev.caprune.run;

import dev.caprune.execute.Dependents;
import dev.caprune.execute.Outcome;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code --protect-dependencies} and {@code --protect-lockfile} found that a person must know:
 * lockfile pins that matched nothing (warnings, or with {@code --strict-protect} exit 2 before any
 * write), and dependents whose dependencies could not be listed (the run cannot complete: exit 1).
 */
public final class ProtectionReport {
  private static final Logger LOG = LoggerFactory.getLogger(ProtectionReport.class);

  private volatile Dependents.Verdict verdict;
  private boolean pinsSaid;

  /** The verdict, once everything is selected. */
  public void told(Dependents.Verdict v) {
    this.verdict = v;
  }

  /**
   * The pins that matched no version of the run: warnings once, or with {@code strict} a usage
   * error (the caller has made no write yet).
   */
  public synchronized void checkPins(boolean strict) {
    Dependents.Verdict v = verdict;
    if (v == null || pinsSaid) {
      return;
    }
    List<String> unmatched = v.result().unmatchedPins();
    if (unmatched.isEmpty()) {
      return;
    }
    if (strict) {
      throw CapruneException.usage(
          "--strict-protect: "
              + unmatched.get(0)
              + (unmatched.size() > 1 ? " (and " + (unmatched.size() - 1) + " more)" : "")
              + "; nothing was changed");
    }
    pinsSaid = true;
    for (String warning : unmatched) {
      LOG.warn(warning);
    }
  }

  /** The lockfiles' pins that matched no version of the run, one line per lockfile. */
  public List<String> unmatchedPins() {
    Dependents.Verdict v = verdict;
    return v == null ? List.of() : v.result().unmatchedPins();
  }

  /** Why the run could not complete, or null: a dependent whose dependencies are unknown. */
  public String failure() {
    Dependents.Verdict v = verdict;
    if (v == null || v.result().failures().isEmpty()) {
      return null;
    }
    List<String> f = v.result().failures();
    return f.get(0) + (f.size() > 1 ? " (and " + (f.size() - 1) + " more such versions)" : "");
  }

  /**
   * A run that only selects (an explanation, a plan, a listing): its exit code, with the failure
   * said on {@code err}.
   */
  public int exitCode(java.io.PrintWriter err) {
    String failure = failure();
    if (failure == null) {
      return ExitCodes.OK;
    }
    err.println("caprune: " + failure);
    err.flush();
    return ExitCodes.RUNTIME;
  }

  /** {@code outcome} with the failure as its error, if it has none of its own. */
  public Outcome withFailure(Outcome outcome) {
    String failure = failure();
    if (failure == null || outcome.error() != null || outcome.interrupted()) {
      return outcome;
    }
    return new Outcome(
        outcome.action(),
        outcome.dryRun(),
        outcome.packages(),
        outcome.counts(),
        outcome.interrupted(),
        failure,
        outcome.storage(),
        outcome.packageDeletions());
  }
}
