package dev.caprune.cli;

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

  /** The table shown in {@code --help}. */
  static final String[] HELP = {
    "  0  everything selected succeeded, or nothing matched",
    "  1  could not complete (access denied, service or network error after retries)",
    "  2  usage error or bad input; no write call was made",
    "  3  partial failure: some versions are in failedVersions",
    "  4  refused by a safety rail (confirmation declined, --max exceeded)",
    "130  interrupted; the report covers what was done",
  };

  private ExitCodes() {}

  /**
   * The exit code of a run that writes (or would), decided here alone.
   *
   * @param reportLost the report could not be written (a reader quitting early aside)
   * @param interrupted a signal stopped the run, or arrived before its report was written
   */
  static int of(dev.caprune.execute.Outcome o, boolean reportLost, boolean interrupted) {
    if (reportLost) {
      return RUNTIME;
    }
    if (interrupted) {
      return INTERRUPTED;
    }
    if (o.error() != null || o.anyRequestFailed()) {
      return RUNTIME;
    }
    return o.failedCount() > 0 ? PARTIAL : OK;
  }
}
