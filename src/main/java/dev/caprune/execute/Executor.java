package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Inventory;
import dev.caprune.select.Action;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.WriteResult;
import dev.caprune.select.WriteResult.Failure;
import dev.caprune.select.WriteResult.Success;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out an action on one package's selection: one call per expected status and at most
 * {@value #BATCH} versions, each guarded by the status the versions had when listed. Every answer
 * goes to the package's {@link Ledger.Entry} as soon as it comes.
 */
public final class Executor {
  private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

  /** The API's limit of versions per write call. */
  public static final int BATCH = 100;

  /**
   * How to execute.
   *
   * @param action what to do
   * @param expectedStatus the {@code expectedStatus} for every call, or null for "as listed"
   * @param dryRun make no write call
   * @param maxAttempts attempts per call for throttling, 5xx, conflicts and lost answers
   * @param sleeper waits between attempts
   * @param verifyRevisions before each package's calls, list it and leave alone every version whose
   *     revision changed (for delete, whose API cannot pin revisions)
   */
  public record Options(
      Action action,
      VersionStatus expectedStatus,
      boolean dryRun,
      int maxAttempts,
      Sleeper sleeper,
      boolean verifyRevisions) {}

  private final CodeArtifactGateway gateway;
  private final Inventory inventory;
  private final Options options;
  private final Progress progress;
  private final Stop stop;
  private volatile String fatal;

  public Executor(CodeArtifactGateway gateway, Options options, Progress progress, Stop stop) {
    this.gateway = gateway;
    this.inventory = new Inventory(gateway);
    this.options = options;
    this.progress = progress;
    this.stop = stop;
  }

  /** The reason every further call is pointless (access denied...), or null. */
  public String fatal() {
    return fatal;
  }

  /**
   * Executes one package (on the calling thread). Never throws for a failed call: failures are in
   * the ledger. After a stop or a fatal error, nothing more is attempted.
   */
  public void run(Ledger.Entry entry) {
    if (options.dryRun() || fatal != null || stop.requested()) {
      return;
    }
    PackageRun run = new PackageRun(entry);
    try {
      run.execute();
    } catch (Fatal f) {
      fatal = f.getMessage();
    } catch (Stop.StoppedException e) {
      // The rest of this package stays "not attempted".
    } finally {
      progress.done(run.succeeded, run.failed);
    }
  }

  /** A failure that makes every further call pointless (access denied, no credentials). */
  private static final class Fatal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Fatal(String message) {
      super(message, null, false, false);
    }
  }

  /** One package's calls. */
  private final class PackageRun {
    private final Ledger.Entry entry;

    /** Versions sent in a call whose answer was lost: this run may have changed them. */
    private final Set<String> maybeChanged = new HashSet<>();

    private int succeeded;
    private int failed;

    /** The entry's own action (a policy's rule), else the run's. */
    private final Action action;

    PackageRun(Ledger.Entry entry) {
      this.entry = entry;
      this.action = entry.action() != null ? entry.action() : options.action();
    }

    void execute() {
      List<VersionSummary> todo = entry.selected();
      // Asked for a whole run's action, or in a mixed run (a policy's) for the entries whose API
      // call cannot pin a revision (see Options#verifyRevisions).
      if (options.verifyRevisions() && (!action.pinsRevisions() || options.action() != null)) {
        todo = unchangedSinceListed(todo);
      }
      Map<VersionStatus, List<VersionSummary>> groups = new EnumMap<>(VersionStatus.class);
      for (VersionSummary v : todo) {
        VersionStatus expected =
            options.expectedStatus() != null ? options.expectedStatus() : v.status();
        groups.computeIfAbsent(expected, k -> new ArrayList<>()).add(v);
      }
      for (var group : groups.entrySet()) {
        List<VersionSummary> versions = group.getValue();
        for (int i = 0; i < versions.size(); i += BATCH) {
          if (stop.requested()) {
            throw new Stop.StoppedException();
          }
          call(group.getKey(), versions.subList(i, Math.min(versions.size(), i + BATCH)));
        }
      }
    }

    /**
     * One batch. Throttling and unsent calls were already retried by the {@link Guard}; here a call
     * whose answer was lost or that failed with a 5xx is reconciled against a fresh listing and
     * only what is still to do is sent again; a conflict is sent again after a pause.
     */
    private void call(VersionStatus expected, List<VersionSummary> batch) {
      List<VersionSummary> remaining = new ArrayList<>(batch);
      GatewayException last = null;
      Map<String, Failure> lastSkipped = Map.of();
      int attempts = Math.max(1, options.maxAttempts());
      for (int attempt = 1; attempt <= attempts; attempt++) {
        if (attempt > 1) {
          try {
            pause(attempt);
          } catch (Stop.StoppedException e) {
            failAll(
                remaining.stream().filter(v -> maybeChanged.contains(v.version())).toList(),
                Outcome.OUTCOME_UNKNOWN,
                "an earlier answer was lost and caprune stopped before re-checking");
            throw e;
          }
        }
        List<String> names = remaining.stream().map(VersionSummary::version).toList();
        WriteResult answer;
        entry.sending(names);
        try {
          answer = write(expected, remaining);
        } catch (Stop.StoppedException e) {
          // The guard started no call: only an earlier lost answer leaves anything unknown.
          entry.answered(names);
          failAll(
              remaining.stream().filter(v -> maybeChanged.contains(v.version())).toList(),
              Outcome.OUTCOME_UNKNOWN,
              "an earlier answer was lost and caprune stopped before re-checking");
          throw e;
        } catch (GatewayException e) {
          last = e;
          switch (e.kind()) {
            case UNKNOWN_OUTCOME, SERVICE -> {
              maybeChanged.addAll(names);
              // Recorded at once, before anything else: whatever happens next (a stop, a failed
              // re-check), these versions are of unknown outcome until a listing tells.
              Failure lost =
                  new Failure(
                      Outcome.OUTCOME_UNKNOWN,
                      "the call's answer was lost ("
                          + e.getMessage()
                          + ") and caprune could not learn what it did: check the version's"
                          + " status");
              names.forEach(v -> entry.failed(v, lost));
              entry.answered(names);
              reconcile(remaining);
              if (remaining.isEmpty()) {
                return;
              }
              continue;
            }
            case CONFLICT -> {
              entry.answered(names);
              lastSkipped = Map.of();
              continue; // 409: nothing was applied; try again after a pause
            }
            case NOT_FOUND -> {
              // The package (or its repository) is gone since it was listed.
              for (VersionSummary v : remaining) {
                if (action.removesVersion()) {
                  alreadyDone(v.version(), "NOT_FOUND", e.getMessage());
                } else {
                  fail(v.version(), "NOT_FOUND", e.getMessage());
                }
              }
              entry.answered(names);
              return;
            }
            case ACCESS_DENIED, UNTRUSTED, CONFIGURATION -> {
              failAll(remaining, Outcome.REQUEST_FAILED, e.getMessage());
              entry.answered(names);
              throw new Fatal(e.getMessage());
            }
            default -> {
              failAll(remaining, Outcome.REQUEST_FAILED, e.getMessage());
              entry.answered(names);
              return;
            }
          }
        }
        Map<String, Failure> skipped = record(names, answer);
        entry.answered(names);
        if (skipped.isEmpty()) {
          return;
        }
        // SKIPPED: "not processed in this request" (a partial or all-or-nothing answer): send
        // those again.
        lastSkipped = skipped;
        remaining.removeIf(v -> !skipped.containsKey(v.version()));
      }
      for (VersionSummary v : remaining) {
        Failure skippedLast = lastSkipped.get(v.version());
        if (skippedLast != null) {
          fail(v.version(), skippedLast.errorCode(), skippedLast.errorMessage());
        } else {
          failAll(
              List.of(v),
              Outcome.REQUEST_FAILED,
              last.getMessage() + " (gave up after " + attempts + " attempts)");
        }
      }
    }

    /**
     * Records an answer, checked: entries for versions not sent are ignored (with a warning), a
     * sent version the answer does not account for (or accounts for twice, or with an empty entry)
     * is of unknown outcome, and a failure that may mean "already done" is re-checked.
     *
     * @return the versions answered {@code SKIPPED} (not processed): to send again
     */
    private Map<String, Failure> record(List<String> sent, WriteResult answer) {
      Set<String> asked = new HashSet<>(sent);
      Map<String, Success> ok = new LinkedHashMap<>();
      Map<String, Failure> no = new LinkedHashMap<>();
      Set<String> odd = new HashSet<>();
      Map<String, Success> s = answer.successful() == null ? Map.of() : answer.successful();
      Map<String, Failure> f = answer.failed() == null ? Map.of() : answer.failed();
      s.forEach(
          (v, info) -> {
            if (!asked.contains(v)) {
              LOG.warn("the service reported a success for {}, which was not sent: ignored", v);
            } else if (info == null || (info.revision() == null && info.status() == null)) {
              odd.add(v); // {"1.0.0": null}: the service said nothing about it
            } else {
              ok.put(v, new Success(info.revision(), info.status()));
            }
          });
      f.forEach(
          (v, err) -> {
            if (!asked.contains(v)) {
              LOG.warn("the service reported a failure for {}, which was not sent: ignored", v);
            } else if (err == null || err.errorCode() == null || ok.containsKey(v)) {
              odd.add(v);
            } else {
              no.put(v, new Failure(err.errorCode(), err.errorMessage()));
            }
          });
      List<String> recheck = new ArrayList<>();
      Map<String, Failure> skipped = new LinkedHashMap<>();
      for (String v : sent) {
        if (odd.contains(v)) {
          ok.remove(v);
          no.remove(v);
        }
        Success yes = ok.get(v);
        Failure why = no.get(v);
        if (yes != null) {
          succeed(v, yes);
        } else if (why != null) {
          if (action.removesVersion() && "NOT_FOUND".equals(why.errorCode())) {
            if (maybeChanged.contains(v)) {
              answerLost(v); // gone: this run's lost call, or another's, deleted it
            } else {
              alreadyDone(v, why.errorCode(), why.errorMessage());
            }
          } else if ("SKIPPED".equals(why.errorCode())) {
            skipped.put(v, why);
          } else if ("MISMATCHED_STATUS".equals(why.errorCode())
              || "NOT_FOUND".equals(why.errorCode())
              || maybeChanged.contains(v)) {
            recheck.add(v);
          } else {
            fail(v, why.errorCode(), why.errorMessage());
          }
        } else {
          fail(
              v,
              Outcome.OUTCOME_UNKNOWN,
              "the service's answer did not account for this version: check its status");
        }
      }
      if (!recheck.isEmpty()) {
        recheck(recheck, no);
      }
      return skipped;
    }

    /**
     * A version the API refused with a code that may mean "already in the target state": a fresh
     * listing decides. If it cannot be made, a version this run may have changed is of unknown
     * outcome, and the others keep the API's answer.
     */
    private void recheck(List<String> versions, Map<String, Failure> answered) {
      Now now;
      try {
        now = current();
      } catch (GatewayException e) {
        for (String v : versions) {
          Failure why = answered.get(v);
          if (maybeChanged.contains(v)) {
            fail(
                v,
                Outcome.OUTCOME_UNKNOWN,
                "an earlier answer was lost and the re-check failed ("
                    + e.getMessage()
                    + "): check the version's status");
          } else {
            fail(v, why.errorCode(), why.errorMessage());
          }
        }
        return;
      }
      for (String v : versions) {
        Failure why = answered.get(v);
        if (inTarget(now, v)) {
          if (maybeChanged.contains(v)) {
            answerLost(v);
          } else {
            alreadyDone(v, why.errorCode(), why.errorMessage());
          }
        } else {
          fail(v, why.errorCode(), why.errorMessage());
        }
      }
    }

    /**
     * A fresh listing: the versions of known status, and those of a status this caprune does not
     * know (there, never in a target state).
     */
    private record Now(Map<String, VersionSummary> known, Map<String, String> unknown) {}

    private boolean inTarget(Now now, String version) {
      if (now.unknown().containsKey(version)) {
        return false;
      }
      VersionSummary current = now.known().get(version);
      return action.removesVersion()
          ? current == null || current.status() == VersionStatus.DELETED
          : current != null && current.status() == action.target();
    }

    /**
     * Found in its target state after this run sent it in a call whose answer was lost: this run's
     * call or another's did it, and nothing tells which, so it is already done, not succeeded.
     */
    private void answerLost(String version) {
      alreadyDone(
          version,
          Outcome.ANSWER_LOST,
          "found already "
              + action.done()
              + " after the answer to this run's call was lost: this run's call or another's may"
              + " have done it");
    }

    /**
     * The versions whose revision is still the one recorded; the others are reported as the API
     * reports them where it can pin a revision (MISMATCHED_REVISION), and a version already gone as
     * already done.
     */
    private List<VersionSummary> unchangedSinceListed(List<VersionSummary> versions) {
      Now now;
      try {
        now = current();
      } catch (GatewayException e) {
        if (e.kind() == GatewayException.Kind.NOT_FOUND) {
          versions.forEach(
              v -> alreadyDone(v.version(), "NOT_FOUND", "the package no longer exists"));
        } else {
          // Nothing was sent: the revisions could not be checked.
          failAll(
              versions,
              Outcome.REQUEST_FAILED,
              "could not check the revisions before deleting: " + e.getMessage());
          if (e.kind() == GatewayException.Kind.ACCESS_DENIED
              || e.kind() == GatewayException.Kind.UNTRUSTED
              || e.kind() == GatewayException.Kind.CONFIGURATION) {
            throw new Fatal(e.getMessage());
          }
        }
        return List.of();
      }
      List<VersionSummary> unchanged = new ArrayList<>();
      for (VersionSummary v : versions) {
        VersionSummary current = now.known().get(v.version());
        String unknownStatus = now.unknown().get(v.version());
        if (unknownStatus != null) {
          // There, in a status newer than this caprune: neither gone nor safe to act on.
          fail(
              v.version(),
              "MISMATCHED_STATUS",
              "current status: "
                  + unknownStatus
                  + " (a status this caprune does not know), expected status: "
                  + v.status()
                  + " (checked by caprune); left alone");
        } else if (inTarget(now, v.version())) {
          alreadyDone(
              v.version(), "NOT_FOUND", "the version no longer exists (checked by caprune)");
        } else if (current == null) {
          fail(v.version(), "NOT_FOUND", "the version no longer exists (checked by caprune)");
        } else if (v.revision() != null && !v.revision().equals(current.revision())) {
          fail(
              v.version(),
              "MISMATCHED_REVISION",
              "current revision: "
                  + current.revision()
                  + ", expected revision: "
                  + v.revision()
                  + " (checked by caprune)");
        } else {
          unchanged.add(v);
        }
      }
      return unchanged;
    }

    /** A fresh listing (every status); one the gateway could not believe throws. */
    private Now current() {
      var listing = inventory.allVersions(entry.repository(), entry.pkg(), false);
      return new Now(
          listing.versions().stream()
              .collect(Collectors.toMap(VersionSummary::version, v -> v, (a, b) -> a)),
          listing.unknown());
    }

    private WriteResult write(VersionStatus expected, List<VersionSummary> batch) {
      List<String> names = batch.stream().map(VersionSummary::version).toList();
      return switch (action) {
        case DELETE -> gateway.deleteVersions(entry.repository(), entry.pkg(), names, expected);
        case DISPOSE ->
            gateway.dispose(entry.repository(), entry.pkg(), names, revisions(batch), expected);
        case ARCHIVE, UNLIST, RESTORE ->
            gateway.updateStatus(
                entry.repository(),
                entry.pkg(),
                names,
                revisions(batch),
                expected,
                action.target());
      };
    }

    private Map<String, String> revisions(List<VersionSummary> batch) {
      return batch.stream()
          .filter(v -> v.revision() != null)
          .collect(
              Collectors.toMap(
                  VersionSummary::version,
                  VersionSummary::revision,
                  (a, b) -> a,
                  LinkedHashMap::new));
    }

    /**
     * Moves every version of {@code remaining} that a fresh listing shows in its target state into
     * the ledger as already done: its call's answer was lost, so this run cannot tell its own
     * call's doing from another's. If the listing fails, nothing is concluded.
     */
    private void reconcile(List<VersionSummary> remaining) {
      Now now;
      try {
        now = current();
      } catch (GatewayException e) {
        return;
      }
      remaining.removeIf(
          v -> {
            if (!inTarget(now, v.version())) {
              return false;
            }
            answerLost(v.version());
            return true;
          });
    }

    private void succeed(String version, Success s) {
      entry.succeeded(version, s);
      succeeded++;
    }

    private void alreadyDone(String version, String code, String message) {
      entry.alreadyDone(version, new Failure(code, message));
      succeeded++;
    }

    private void fail(String version, String code, String message) {
      entry.failed(version, new Failure(code, message));
      failed++;
    }

    private void failAll(List<VersionSummary> versions, String code, String message) {
      for (VersionSummary v : versions) {
        // A version an earlier lost answer may have changed is not known to have failed.
        if (maybeChanged.contains(v.version()) && !code.equals(Outcome.OUTCOME_UNKNOWN)) {
          fail(
              v.version(),
              Outcome.OUTCOME_UNKNOWN,
              "an earlier answer was lost, then: " + message + "; check the version's status");
        } else {
          fail(v.version(), code, message);
        }
      }
    }

    private void pause(int attempt) {
      try {
        if (options.sleeper() == Sleeper.REAL) {
          if (stop.await(Guard.backoffFor(attempt))) {
            throw new Stop.StoppedException();
          }
        } else {
          options.sleeper().sleep(Guard.backoffFor(attempt));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop.StoppedException();
      }
    }
  }
}
