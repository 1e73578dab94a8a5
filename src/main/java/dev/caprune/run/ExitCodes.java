package dev.caprune.run;

import dev.caprune.codeartifact.GatewayException;
import dev.caprune.execute.Outcome;
import java.util.Map;

/**
 * Every exit code caprune returns, in one place. Documented in the README and in {@code --help}.
 */
public final class ExitCodes {
  /** Everything selected succeeded, or nothing matched. */
  public static final int OK = 0;

  /** Could not complete: access denied, service or network error after retries. */
  public static final int RUNTIME = 1;

  /** Usage error or bad input; no write call was made. */
  public static final int USAGE = 2;

  /** Partial failure: some versions ended in {@code failedVersions}. */
  public static final int PARTIAL = 3;

  /** Refused by a safety rail (confirmation declined, {@code --max} exceeded). */
  public static final int REFUSED = 4;

  /** Interrupted by SIGINT or SIGTERM; the report covers what was done. */
  public static final int INTERRUPTED = 130;

  /** Each exit code and what it means, in the order help and the man pages list them. */
  public static final Map<Integer, String> MEANINGS =
      Map.of(
          OK, "everything selected succeeded, or nothing matched",
          RUNTIME, "could not complete (access denied; service/network error after retries)",
          USAGE, "usage error or bad input; no write call was made",
          PARTIAL, "partial failure: some versions are in failedVersions",
          REFUSED, "refused by a safety rail (confirmation declined, --max exceeded)",
          INTERRUPTED, "interrupted; the report covers what was done");

  private ExitCodes() {}

  /**
   * The exit code of a run that writes (or would), decided here alone.
   *
   * @param reportLost the report could not be written (a reader quitting early aside)
   * @param interrupted a signal stopped the run, or arrived before its report was written
   */
  public static int of(Outcome o, boolean reportLost, boolean interrupted) {
    if (reportLost) {
      return RUNTIME;
    }
    if (interrupted) {
      return INTERRUPTED;
    }
    if (o.error() != null || o.anyRequestFailed() || o.anyPackageDeletionFailed()) {
      return RUNTIME;
    }
    return o.failedCount() > 0 ? PARTIAL : OK;
  }

  /** Input the user can fix (names, region, credentials) is 2; the service failing is 1. */
  public static int of(GatewayException.Kind kind) {
    return switch (kind) {
      case NOT_FOUND, VALIDATION, CONFIGURATION -> USAGE;
      default -> RUNTIME;
    };
  }

  /**
   * A run's exit code from its targets': the worst, in this order: 1 (a target could not complete)
   * over 3 (some versions failed) over 0.
   */
  public static int worst(java.util.List<Integer> codes) {
    int worst = OK;
    for (int c : codes) {
      if (rank(c) > rank(worst)) {
        worst = c;
      }
    }
    return worst;
  }

  private static int rank(int code) {
    return switch (code) {
      case RUNTIME -> 3;
      case PARTIAL -> 2;
      case OK -> 0;
      default -> 1;
    };
  }
}
