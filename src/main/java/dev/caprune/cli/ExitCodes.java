package dev.caprune.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

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
  static final Map<Integer, String> MEANINGS =
      Map.of(
          OK, "everything selected succeeded, or nothing matched",
          RUNTIME, "could not complete (access denied; service/network error after retries)",
          USAGE, "usage error or bad input; no write call was made",
          PARTIAL, "partial failure: some versions are in failedVersions",
          REFUSED, "refused by a safety rail (confirmation declined, --max exceeded)",
          INTERRUPTED, "interrupted; the report covers what was done");

  /**
   * The exit codes {@code command} can return, from its options: 3 and 4 where it writes ({@code
   * --dry-run}), 130 where it calls AWS ({@code --endpoint-url}) and may be interrupted; 0, 1 and 2
   * everywhere. Help and the man pages show this, so a new command gets its list from its options.
   */
  static Map<String, String> of(CommandSpec command) {
    boolean writes = command.findOption("--dry-run") != null;
    boolean calls = command.findOption("--endpoint-url") != null;
    Map<String, String> codes = new LinkedHashMap<>();
    for (int code : new int[] {OK, RUNTIME, USAGE, PARTIAL, REFUSED, INTERRUPTED}) {
      boolean applies =
          switch (code) {
            case PARTIAL, REFUSED -> writes;
            case INTERRUPTED -> calls;
            default -> true;
          };
      if (applies) {
        String number = Integer.toString(code); // not String.format: every run builds this list
        codes.put(" ".repeat(3 - number.length()) + number, meaning(code, writes, calls));
      }
    }
    return codes;
  }

  private static String meaning(int code, boolean writes, boolean calls) {
    if (code == OK && !writes) {
      return "success";
    }
    if (code == RUNTIME && !calls) {
      return "could not complete (a file or stream could not be read or written)";
    }
    if (code == USAGE && !writes) {
      return "usage error or bad input";
    }
    return MEANINGS.get(code);
  }

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
    if (o.error() != null || o.anyRequestFailed() || o.anyPackageDeletionFailed()) {
      return RUNTIME;
    }
    return o.failedCount() > 0 ? PARTIAL : OK;
  }
}
