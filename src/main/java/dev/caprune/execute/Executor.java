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
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   */
  public record Options(
      Action action,
      VersionStatus expectedStatus,
      boolean dryRun,
      int maxAttempts,
      Sleeper sleeper) {}

  private final CodeArtifactGateway gateway;
  private final Options options;

  public Executor(CodeArtifactGateway gateway, Options options) {
    this.gateway = gateway;
    this.options = options;
  }

  /** Executes every package in order; a fatal error stops the run and is kept in the outcome. */
  public Outcome execute(List<PackageSelection> plan) {
    List<PackageOutcome> done = new ArrayList<>();
    String error = null;
    for (PackageSelection sel : plan) {
      if (!sel.anySelected()) {
        continue;
      }
      if (options.dryRun() || error != null) {
        done.add(empty(sel));
        continue;
      }
      PackageRun run = new PackageRun(sel);
      try {
        run.execute();
      } catch (Fatal f) {
        error = f.getMessage();
      }
      done.add(run.outcome());
    }
    return new Outcome(options.action(), options.dryRun(), done, error != null, error);
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
      Map<VersionStatus, List<VersionSummary>> groups = new EnumMap<>(VersionStatus.class);
      for (VersionSummary v : sel.selected()) {
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

    /** One batch, retried on throttling and lost answers without ever misreporting a version. */
    private void call(VersionStatus expected, List<VersionSummary> batch) {
      List<VersionSummary> remaining = new ArrayList<>(batch);
      GatewayException last = null;
      boolean outcomeUnknown = false;
      for (int attempt = 1; attempt <= Math.max(1, options.maxAttempts()); attempt++) {
        if (attempt > 1) {
          pause(attempt, last);
        }
        try {
          record(write(expected, remaining));
          return;
        } catch (GatewayException e) {
          last = e;
          switch (e.kind()) {
            case THROTTLED, NETWORK -> outcomeUnknown = false; // Not applied: try again.
            case UNKNOWN_OUTCOME, SERVICE -> {
              // The call may have taken effect: learn from a fresh listing what it did.
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
          last.getMessage() + " (gave up after " + options.maxAttempts() + " attempts)");
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
        now =
            gateway
                .listVersions(sel.repository(), sel.pkg(), new VersionQuery(null, null, false))
                .versions()
                .stream()
                .collect(Collectors.toMap(VersionSummary::version, v -> v, (a, b) -> a));
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

    private void pause(int attempt, GatewayException last) {
      Duration wait =
          last != null && last.retryAfter() != null
              ? last.retryAfter()
              : Duration.ofMillis(Math.min(5_000L, 100L << Math.min(attempt, 10)));
      try {
        options.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
