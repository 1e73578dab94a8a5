package dev.caprune.execute;

import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionSummary;
import java.util.List;
import java.util.Map;

/**
 * What an action did, package by package, exactly as the API reported it.
 *
 * @param action the action
 * @param dryRun true when nothing was written
 * @param packages one entry per package with selected versions, in a stable order
 * @param interrupted true when the run was stopped early by SIGINT or SIGTERM
 * @param error the one-line reason the run could not complete, or null
 */
public record Outcome(
    Action action,
    boolean dryRun,
    List<PackageOutcome> packages,
    boolean interrupted,
    String error) {

  /**
   * One package's result.
   *
   * @param selected the versions selected, as listed (status and revision when listed)
   * @param successful the API's {@code successfulVersions}
   * @param failed the API's {@code failedVersions}, plus caprune's own codes for calls that failed
   *     as a whole ({@link #REQUEST_FAILED}) or whose outcome could not be learnt ({@link
   *     #OUTCOME_UNKNOWN})
   */
  public record PackageOutcome(
      RepositoryRef repository,
      PackageId pkg,
      List<VersionSummary> selected,
      Map<String, Success> successful,
      Map<String, Failure> failed) {

    /** Selected versions with no result: not attempted (dry run, interruption, earlier error). */
    public List<VersionSummary> notAttempted() {
      return selected.stream()
          .filter(v -> !successful.containsKey(v.version()) && !failed.containsKey(v.version()))
          .toList();
    }
  }

  /** A version the API changed. */
  public record Success(String revision, String status) {}

  /** A version the API did not change, with its error code and message. */
  public record Failure(String errorCode, String errorMessage) {}

  /** caprune's code: the call failed as a whole (access denied, network...); nothing changed. */
  public static final String REQUEST_FAILED = "REQUEST_FAILED";

  /** caprune's code: the call's answer was lost and a re-listing could not tell what happened. */
  public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

  public int selectedCount() {
    return packages.stream().mapToInt(p -> p.selected().size()).sum();
  }

  public int succeededCount() {
    return packages.stream().mapToInt(p -> p.successful().size()).sum();
  }

  public int failedCount() {
    return packages.stream().mapToInt(p -> p.failed().size()).sum();
  }

  public int notAttemptedCount() {
    return packages.stream().mapToInt(p -> p.notAttempted().size()).sum();
  }

  /** Whether some failure is caprune's own (the call failed), not a per-version API answer. */
  public boolean anyRequestFailed() {
    return packages.stream()
        .flatMap(p -> p.failed().values().stream())
        .anyMatch(
            f -> REQUEST_FAILED.equals(f.errorCode()) || OUTCOME_UNKNOWN.equals(f.errorCode()));
  }
}
