package dev.caprune.execute;

import dev.caprune.select.Action;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.WriteResult.Failure;
import dev.caprune.select.WriteResult.Success;
import java.util.List;
import java.util.Map;

/**
 * What an action did, package by package, built from the {@link Ledger} alone.
 *
 * <p>Each selected version has exactly one result:
 *
 * <ul>
 *   <li><b>succeeded</b>: changed by this run — the service answered this run's own call with a
 *       success for the version. Nothing else makes a success.
 *   <li><b>alreadyDone</b>: found in the target state (gone, for a delete) without this run being
 *       known to have put it there: already so before the call (the service's {@code NOT_FOUND} or
 *       {@code MISMATCHED_STATUS}, re-checked by a fresh listing, or caprune's own check before
 *       deleting), or found so after the answer to this run's call was lost ({@link #ANSWER_LOST}:
 *       this run's call or another's may have done it).
 *   <li><b>failed</b>, with the service's code or {@link #REQUEST_FAILED}: not in the target state,
 *       and not changed by this run.
 *   <li><b>outcomeUnknown</b> ({@link #OUTCOME_UNKNOWN}, reported among the failures): a call was
 *       sent whose effect caprune could not learn (its answer was lost and no well-formed listing
 *       could tell, or the answer did not account for the version); check the version's status.
 *   <li><b>notAttempted</b>: nothing was sent for it (a dry run, a stop, an earlier fatal error).
 * </ul>
 *
 * <p>So what the report says this run changed (succeeded) did change, and whatever changed is
 * succeeded, alreadyDone or outcomeUnknown; a version is never read as gone from a listing caprune
 * could not believe.
 *
 * @param action the action
 * @param dryRun true when nothing was written
 * @param packages one entry per package with selected versions, in a stable order; empty when the
 *     packages were streamed as they finished (ndjson, csv) and only the counts were kept
 * @param counts the totals over every package, streamed or not
 * @param interrupted true when the run was stopped early by SIGINT or SIGTERM
 * @param error the one-line reason the run could not complete, or null
 * @param storage the files' sizes ({@code --sizes}), or null when not asked
 * @param packageDeletions what {@code --delete-empty-packages} did (or would do), package by
 *     package, in report order; empty when not asked
 */
public record Outcome(
    Action action,
    boolean dryRun,
    List<PackageOutcome> packages,
    Counts counts,
    boolean interrupted,
    String error,
    Storage storage,
    List<PackageDeletion> packageDeletions) {

  public Outcome(
      Action action,
      boolean dryRun,
      List<PackageOutcome> packages,
      Counts counts,
      boolean interrupted,
      String error) {
    this(action, dryRun, packages, counts, interrupted, error, null, List.of());
  }

  /**
   * The storage the run's versions hold, each stored file counted once (CodeArtifact stores a file
   * once per domain however many repositories hold it, and bills it once).
   *
   * @param bytes the files of the versions acted on (a dry run: the selected ones), each once
   * @param freedBytes the part of {@code bytes} that the action frees (delete, dispose; archiving,
   *     unlisting and restoring keep the files)
   * @param versionsSized versions acted on whose files were listed
   * @param versionsUnsized versions acted on whose files could not be listed (gone meanwhile, a
   *     failed call): not in {@code bytes}
   * @param pricePerGbMonth USD per GiB-month, for {@link #monthlySaving()}
   */
  public record Storage(
      long bytes,
      long freedBytes,
      long versionsSized,
      long versionsUnsized,
      double pricePerGbMonth) {
    /**
     * Two runs' storage added up (a policy's targets, each counted apart: a file two targets of one
     * domain hold counts in each); either may be null.
     */
    public static Storage plus(Storage a, Storage b) {
      if (a == null || b == null) {
        return a == null ? b : a;
      }
      return new Storage(
          a.bytes + b.bytes,
          a.freedBytes + b.freedBytes,
          a.versionsSized + b.versionsSized,
          a.versionsUnsized + b.versionsUnsized,
          a.pricePerGbMonth);
    }

    /** USD a month that the freed files no longer cost (less where files are held elsewhere). */
    public double monthlySaving() {
      return freedBytes / (double) (1L << 30) * pricePerGbMonth;
    }
  }

  /**
   * A package that a delete left empty, and what {@code --delete-empty-packages} did with it.
   *
   * @param result {@link #DELETED} (this run's DeletePackage was answered with a success), {@link
   *     #WOULD_DELETE}, {@link #ALREADY_GONE} (gone without this run being known to have deleted
   *     it, including after this run's DeletePackage lost its answer), {@link #FAILED} or {@link
   *     #OUTCOME_UNKNOWN}; a package a fresh listing still shows versions of is not reported (this
   *     run did not empty it)
   * @param message why, for anything but deleted
   */
  public record PackageDeletion(
      RepositoryRef repository, PackageId pkg, String result, String message) {
    public static final String DELETED = "deleted";
    public static final String WOULD_DELETE = "wouldDelete";
    public static final String ALREADY_GONE = "alreadyGone";
    public static final String FAILED = "failed";
    public static final String OUTCOME_UNKNOWN = "outcomeUnknown";
  }

  /** The packages {@code --delete-empty-packages} deleted. */
  public List<PackageDeletion> deletedPackages() {
    return packageDeletions.stream()
        .filter(d -> d.result().equals(PackageDeletion.DELETED))
        .toList();
  }

  /**
   * Whether {@code --delete-empty-packages} could not delete a package it found empty, or could not
   * learn whether it did (failed, outcomeUnknown): the run could not complete.
   */
  public boolean anyPackageDeletionFailed() {
    return packageDeletions.stream()
        .anyMatch(
            d ->
                d.result().equals(PackageDeletion.FAILED)
                    || d.result().equals(PackageDeletion.OUTCOME_UNKNOWN));
  }

  /**
   * One package's result.
   *
   * @param selected the versions selected, as listed (status and revision when listed)
   * @param successful the API's {@code successfulVersions}: what this run changed
   * @param alreadyDone versions found already in the target state (gone, for a delete), with the
   *     API's code ({@code NOT_FOUND}, {@code MISMATCHED_STATUS}), caprune's re-check, or {@link
   *     #ANSWER_LOST}
   * @param failed the API's {@code failedVersions}, plus caprune's own codes for calls that failed
   *     as a whole ({@link #REQUEST_FAILED}) or whose outcome could not be learnt ({@link
   *     #OUTCOME_UNKNOWN})
   * @param action the package's own action (a policy's rule), or null for the run's
   * @param rule the policy rule that selected the versions, or null
   * @param sizes each selected version's size in bytes (the sum of its files), where {@code
   *     --sizes} listed it; empty otherwise
   */
  public record PackageOutcome(
      RepositoryRef repository,
      PackageId pkg,
      List<VersionSummary> selected,
      Map<String, Success> successful,
      Map<String, Failure> alreadyDone,
      Map<String, Failure> failed,
      Action action,
      String rule,
      Map<String, Long> sizes) {

    public PackageOutcome(
        RepositoryRef repository,
        PackageId pkg,
        List<VersionSummary> selected,
        Map<String, Success> successful,
        Map<String, Failure> alreadyDone,
        Map<String, Failure> failed,
        Action action,
        String rule) {
      this(repository, pkg, selected, successful, alreadyDone, failed, action, rule, Map.of());
    }

    /** The selected versions' sizes added up, or null when none is known. */
    public Long size() {
      if (sizes.isEmpty()) {
        return null;
      }
      long sum = 0;
      for (VersionSummary v : selected) {
        sum += sizes.getOrDefault(v.version(), 0L);
      }
      return sum;
    }

    /** Without a policy: the run's action, no rule. */
    public PackageOutcome(
        RepositoryRef repository,
        PackageId pkg,
        List<VersionSummary> selected,
        Map<String, Success> successful,
        Map<String, Failure> alreadyDone,
        Map<String, Failure> failed) {
      this(repository, pkg, selected, successful, alreadyDone, failed, null, null);
    }

    /** Selected versions with no result: not attempted (dry run, interruption, earlier error). */
    public List<VersionSummary> notAttempted() {
      return selected.stream()
          .filter(
              v ->
                  !successful.containsKey(v.version())
                      && !alreadyDone.containsKey(v.version())
                      && !failed.containsKey(v.version()))
          .toList();
    }

    /** Whether some failure is caprune's own (the call failed), not a per-version API answer. */
    public boolean anyRequestFailed() {
      return failed.values().stream().anyMatch(Outcome::ownCode);
    }
  }

  /**
   * Totals.
   *
   * @param requestFailed some failure is caprune's own ({@link #REQUEST_FAILED}, {@link
   *     #OUTCOME_UNKNOWN})
   */
  public record Counts(
      int packages,
      int selected,
      int succeeded,
      int alreadyDone,
      int failed,
      int notAttempted,
      boolean requestFailed) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, false);

    /** One package's counts; a package counts only when it has a selected version. */
    public static Counts of(PackageOutcome p) {
      return new Counts(
          p.selected().isEmpty() ? 0 : 1,
          p.selected().size(),
          p.successful().size(),
          p.alreadyDone().size(),
          p.failed().size(),
          p.notAttempted().size(),
          p.anyRequestFailed());
    }

    public Counts plus(Counts o) {
      return new Counts(
          packages + o.packages,
          selected + o.selected,
          succeeded + o.succeeded,
          alreadyDone + o.alreadyDone,
          failed + o.failed,
          notAttempted + o.notAttempted,
          requestFailed || o.requestFailed);
    }
  }

  /** Whether a failure carries caprune's own code (the call failed), not a per-version answer. */
  static boolean ownCode(Failure f) {
    return REQUEST_FAILED.equals(f.errorCode()) || OUTCOME_UNKNOWN.equals(f.errorCode());
  }

  /**
   * caprune's code for an already-done version: it was sent in a call whose answer was lost, and
   * then found in its target state; this run's call or another's may have put it there.
   */
  public static final String ANSWER_LOST = "ANSWER_LOST";

  /** caprune's code: the call failed as a whole (access denied, network...); nothing changed. */
  public static final String REQUEST_FAILED = "REQUEST_FAILED";

  /**
   * caprune's code: a call was made but what it did could not be learnt (its answer was lost and a
   * re-listing failed, the answer did not account for the version, or caprune stopped waiting).
   */
  public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

  public int selectedCount() {
    return counts.selected();
  }

  public int succeededCount() {
    return counts.succeeded();
  }

  public int alreadyDoneCount() {
    return counts.alreadyDone();
  }

  public int failedCount() {
    return counts.failed();
  }

  public int notAttemptedCount() {
    return counts.notAttempted();
  }

  public int packageCount() {
    return counts.packages();
  }

  /** Whether some failure is caprune's own (the call failed), not a per-version API answer. */
  public boolean anyRequestFailed() {
    return counts.requestFailed();
  }
}
