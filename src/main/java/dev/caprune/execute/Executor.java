package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.CodeArtifactGateway.VersionQuery;
import dev.caprune.codeartifact.CodeArtifactGateway.WriteResult;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.execute.Outcome.Failure;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.execute.Outcome.Success;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Carries out an action on a selection: per package, one call per expected status and at most
 * {@value #BATCH} versions, each guarded by the status the versions had when listed.
 */
public final class Executor {
  /** The API's limit of versions per write call. */
  public static final int BATCH = 100;

  /**
   * How to execute.
   *
   * @param action what to do
   * @param expectedStatus the {@code expectedStatus} for every call, or null for "as listed"
   * @param dryRun make no write call
   * @param maxAttempts attempts per call for throttling, 5xx and lost answers
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
  private final Options options;
  private final Workers workers;
  private final Progress progress;
  private final Stop stop;
  private final Consumer<PackageOutcome> listener;
  private volatile String fatal;
  private final java.util.Queue<PackageOutcome> completed =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /**
   * @param listener told of each package's outcome as soon as it is known (streaming output)
   */
  public Executor(
      CodeArtifactGateway gateway,
      Options options,
      Workers workers,
      Progress progress,
      Stop stop,
      Consumer<PackageOutcome> listener) {
    this.gateway = gateway;
    this.options = options;
    this.workers = workers;
    this.progress = progress;
    this.stop = stop;
    this.listener = listener;
  }

  /** Executes every package of the plan on the workers. */
  public Outcome execute(List<PackageSelection> plan) {
    return outcome(workers.map(plan, this::run));
  }

  /**
   * Executes one package (on the calling thread). Never throws for a failed call: failures are in
   * the outcome. After a stop or a fatal error, packages come back with nothing attempted.
   */
  public PackageOutcome run(PackageSelection sel) {
    PackageOutcome result;
    if (options.dryRun() || fatal != null || stop.requested()) {
      result = empty(sel);
    } else {
      PackageRun run = new PackageRun(sel);
      try {
        run.execute();
      } catch (Fatal f) {
        fatal = f.getMessage();
      } catch (Stop.StoppedException e) {
        // The rest of this package stays "not attempted".
      }
      result = run.outcome();
    }
    progress.done(result.successful().size(), result.failed().size());
    completed.add(result);
    listener.accept(result);
    return result;
  }

  /** The outcome of the packages run so far, in the given order (nulls skipped). */
  public Outcome outcome(List<PackageOutcome> packages) {
    List<PackageOutcome> done =
        packages.stream().filter(p -> p != null && !p.selected().isEmpty()).toList();
    return new Outcome(options.action(), options.dryRun(), done, stop.requested(), fatal);
  }

  /**
   * What was done before the run failed as a whole (a listing that failed after every retry, say):
   * every package executed so far, in a stable order, with the failure as the run's error.
   */
  public Outcome partialOutcome(String error) {
    List<PackageOutcome> done =
        completed.stream()
            .filter(p -> !p.selected().isEmpty())
            .sorted(
                java.util.Comparator.comparing((PackageOutcome p) -> p.repository().repository())
                    .thenComparing(p -> p.pkg().format().wire())
                    .thenComparing(p -> p.pkg().namespace() == null ? "" : p.pkg().namespace())
                    .thenComparing(p -> p.pkg().name()))
            .toList();
    return new Outcome(options.action(), options.dryRun(), done, stop.requested(), error);
  }

  private static PackageOutcome empty(PackageSelection sel) {
    return new PackageOutcome(sel.repository(), sel.pkg(), sel.selected(), Map.of(), Map.of());
  }

  /** A failure that makes every further call pointless (access denied, no credentials). */
  private static final class Fatal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Fatal(String message) {
      super(message, null, false, false);
    }
  }

  /** One package's calls and their merged answers. */
  private final class PackageRun {
    private final PackageSelection sel;
    private final Map<String, Success> successful = new LinkedHashMap<>();
    private final Map<String, Failure> failed = new LinkedHashMap<>();

    PackageRun(PackageSelection sel) {
      this.sel = sel;
    }

    PackageOutcome outcome() {
      return new PackageOutcome(
          sel.repository(), sel.pkg(), sel.selected(), Map.copyOf(successful), Map.copyOf(failed));
    }

    void execute() {
      List<VersionSummary> todo = sel.selected();
      if (options.verifyRevisions()) {
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
          call(group.getKey(), versions.subList(i, Math.min(versions.size(), i + BATCH)));
        }
      }
    }

    /**
     * One batch. Throttling and unsent calls were already retried by the {@link Guard}; here a call
     * whose answer was lost or that failed with a 5xx is reconciled against a fresh listing and
     * only what is still to do is sent again, so no version is ever misreported.
     */
    private void call(VersionStatus expected, List<VersionSummary> batch) {
      List<VersionSummary> remaining = new ArrayList<>(batch);
      GatewayException last = null;
      boolean outcomeUnknown = false;
      int attempts = Math.max(1, options.maxAttempts());
      for (int attempt = 1; attempt <= attempts; attempt++) {
        if (attempt > 1) {
          pause(attempt);
        }
        try {
          record(write(expected, remaining));
          return;
        } catch (GatewayException e) {
          last = e;
          switch (e.kind()) {
            case UNKNOWN_OUTCOME, SERVICE -> {
              outcomeUnknown = !reconcile(remaining);
              if (remaining.isEmpty()) {
                return;
              }
            }
            case NOT_FOUND -> {
              failAll(remaining, "NOT_FOUND", e.getMessage());
              return;
            }
            case ACCESS_DENIED, CONFIGURATION -> {
              failAll(remaining, Outcome.REQUEST_FAILED, e.getMessage());
              throw new Fatal(e.getMessage());
            }
            default -> {
              failAll(remaining, Outcome.REQUEST_FAILED, e.getMessage());
              return;
            }
          }
        }
      }
      failAll(
          remaining,
          outcomeUnknown ? Outcome.OUTCOME_UNKNOWN : Outcome.REQUEST_FAILED,
          last.getMessage() + " (gave up after " + attempts + " attempts)");
    }

    /**
     * The versions whose revision is still the one recorded; the others are reported as the API
     * reports them where it can pin a revision (MISMATCHED_REVISION, NOT_FOUND).
     */
    private List<VersionSummary> unchangedSinceListed(List<VersionSummary> versions) {
      Map<String, VersionSummary> now;
      try {
        now = current();
      } catch (GatewayException e) {
        if (e.kind() == GatewayException.Kind.NOT_FOUND) {
          failAll(versions, "NOT_FOUND", e.getMessage());
          return List.of();
        }
        throw e;
      }
      List<VersionSummary> unchanged = new ArrayList<>();
      for (VersionSummary v : versions) {
        VersionSummary current = now.get(v.version());
        if (current == null) {
          failed.put(v.version(), new Failure("NOT_FOUND", "version no longer exists"));
        } else if (v.revision() != null && !v.revision().equals(current.revision())) {
          failed.put(
              v.version(),
              new Failure(
                  "MISMATCHED_REVISION",
                  "current revision: "
                      + current.revision()
                      + ", expected revision: "
                      + v.revision()
                      + " (checked by caprune)"));
        } else {
          unchanged.add(v);
        }
      }
      return unchanged;
    }

    private Map<String, VersionSummary> current() {
      return gateway
          .listVersions(sel.repository(), sel.pkg(), new VersionQuery(null, null, false))
          .versions()
          .stream()
          .collect(Collectors.toMap(VersionSummary::version, v -> v, (a, b) -> a));
    }

    private WriteResult write(VersionStatus expected, List<VersionSummary> batch) {
      List<String> names = batch.stream().map(VersionSummary::version).toList();
      return switch (options.action()) {
        case DELETE -> gateway.deleteVersions(sel.repository(), sel.pkg(), names, expected);
        case DISPOSE ->
            gateway.dispose(sel.repository(), sel.pkg(), names, revisions(batch), expected);
        default ->
            gateway.updateStatus(
                sel.repository(),
                sel.pkg(),
                names,
                revisions(batch),
                expected,
                options.action().target());
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

    private void record(WriteResult r) {
      r.successful().forEach((v, s) -> successful.put(v, new Success(s.revision(), s.status())));
      r.failed().forEach((v, f) -> failed.put(v, new Failure(f.errorCode(), f.errorMessage())));
    }

    /**
     * Moves every version of {@code remaining} that a fresh listing shows already done into the
     * successful map. Returns false when the listing itself failed.
     */
    private boolean reconcile(List<VersionSummary> remaining) {
      Map<String, VersionSummary> now;
      try {
        now = current();
      } catch (GatewayException e) {
        return false;
      }
      VersionStatus target = options.action().target();
      remaining.removeIf(
          v -> {
            VersionSummary current = now.get(v.version());
            boolean done =
                target == VersionStatus.DELETED
                    ? current == null || current.status() == VersionStatus.DELETED
                    : current != null && current.status() == target;
            if (done) {
              successful.put(
                  v.version(),
                  new Success(current == null ? v.revision() : current.revision(), target.wire()));
            }
            return done;
          });
      return true;
    }

    private void failAll(List<VersionSummary> versions, String code, String message) {
      versions.forEach(v -> failed.put(v.version(), new Failure(code, message)));
    }

    private void pause(int attempt) {
      try {
        options.sleeper().sleep(Guard.backoffFor(attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop.StoppedException();
      }
    }
  }
}
