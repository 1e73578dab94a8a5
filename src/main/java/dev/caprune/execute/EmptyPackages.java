package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Inventory;
import dev.caprune.execute.Outcome.PackageDeletion;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.select.Action;
import dev.caprune.select.VersionSummary;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --delete-empty-packages}: after a run's deletes, each package it deleted versions of is
 * listed afresh (every status); one with no version left is deleted with DeletePackage. A dry run
 * names the packages whose every version is selected.
 *
 * <p>DeletePackage takes no guard (no expected state): the fresh listing is the check, and the only
 * window left is the one round trip between it and the delete. A version published before the
 * listing keeps its package. A listing the gateway cannot believe (not well formed) is a failed
 * check: the package is left alone.
 *
 * <p>{@code deleted} means this run's DeletePackage was answered with a success. A package found
 * gone after this run's DeletePackage lost its answer (or was answered NOT_FOUND, which is what the
 * JDK's unasked second sending of a DELETE gets) is {@code alreadyGone}, with the reason: as for
 * versions, nothing tells this run's doing from another's.
 */
final class EmptyPackages {
  private static final Logger LOG = LoggerFactory.getLogger(EmptyPackages.class);

  /** Why a package found gone after this run's DeletePackage lost its answer is not "deleted". */
  private static final String LOST =
      "found gone after the answer to this run's DeletePackage was lost: this run's call or"
          + " another's may have deleted it";

  private final CodeArtifactGateway gateway;
  private final Inventory inventory;
  private final Ledger ledger;
  private final Workers workers;
  private final Stop stop;
  private final boolean dryRun;
  private final int maxAttempts;

  EmptyPackages(
      CodeArtifactGateway gateway,
      Ledger ledger,
      Workers workers,
      Stop stop,
      boolean dryRun,
      int maxAttempts) {
    this.gateway = gateway;
    this.inventory = new Inventory(gateway);
    this.ledger = ledger;
    this.workers = workers;
    this.stop = stop;
    this.dryRun = dryRun;
    this.maxAttempts = Math.max(1, maxAttempts);
  }

  void run() {
    List<Ledger.Touched> packages =
        ledger.touched().stream().filter(t -> dryRun || t.deleted()).toList();
    workers.map(
        packages,
        t -> {
          if (!stop.requested()) {
            one(t);
          }
          return null;
        });
  }

  private void one(Ledger.Touched t) {
    Ledger.PackageKey key = t.key();
    String what = key.pkg().display() + " in " + key.repository();
    Ledger.Deletion deletion = null;
    // A DeletePackage of this run was sent and may have taken effect (its answer lost, or a 5xx):
    // a package gone since is this run's doing or another's (already gone, said so), and a failed
    // check leaves the outcome unknown.
    boolean maybeDeleted = false;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      List<VersionSummary> left;
      int unknownStatuses;
      try {
        CodeArtifactGateway.VersionListing listing = listAll(key);
        left = listing.versions();
        unknownStatuses = listing.unknownStatuses();
      } catch (GatewayException e) {
        if (e.packageNotFound()) {
          if (maybeDeleted) {
            deletion.answered(PackageDeletion.ALREADY_GONE, LOST);
          } else {
            record(deletion, t, PackageDeletion.ALREADY_GONE, "the package no longer exists");
          }
          return;
        }
        String why = "could not check that it is empty: " + e.getMessage();
        LOG.warn("{}: {}", what, why);
        record(
            deletion,
            t,
            maybeDeleted ? PackageDeletion.OUTCOME_UNKNOWN : PackageDeletion.FAILED,
            why);
        return;
      }
      if (dryRun) {
        List<VersionSummary> kept =
            left.stream().filter(v -> !t.selected().contains(v.version())).toList();
        if (kept.isEmpty() && unknownStatuses == 0) {
          record(null, t, PackageDeletion.WOULD_DELETE, null);
        }
        return; // a package that keeps versions is not one this run would empty: not reported
      }
      if (!left.isEmpty() || unknownStatuses > 0) {
        // Versions left (never selected, published since, or of a status unknown to caprune):
        // not emptied by this run.
        LOG.debug("{}: {} versions left, kept", what, left.size() + unknownStatuses);
        if (deletion != null) {
          deletion.answered(PackageDeletion.FAILED, "a version appeared after the delete failed");
        }
        return;
      }
      if (deletion == null) {
        deletion = ledger.deletion(key, t.order());
      }
      try {
        gateway.deletePackage(key.repository(), key.pkg());
        deletion.answered(PackageDeletion.DELETED, null);
        return;
      } catch (GatewayException e) {
        switch (e.kind()) {
          case NOT_FOUND -> {
            // The listing just before found it. Gone since: this run's own call sent twice (the
            // JDK's HTTP client sends a DELETE again, unasked, when the connection closes without
            // an answer; the second finds nothing to delete), or another's delete. Nothing tells
            // which, so it is not reported as this run's deletion.
            deletion.answered(
                PackageDeletion.ALREADY_GONE,
                "DeletePackage found it gone: deleted since the check that found it empty, by"
                    + " another client or by this run's own request, sent again by the HTTP client"
                    + " after its answer was lost");
            return;
          }
          case CONFLICT, UNKNOWN_OUTCOME, SERVICE -> {
            maybeDeleted |= e.kind() != GatewayException.Kind.CONFLICT;
            // Nothing done (409), or unknown: the next round's fresh listing tells.
            if (e.kind() != GatewayException.Kind.CONFLICT && gone(key)) {
              deletion.answered(PackageDeletion.ALREADY_GONE, LOST);
              return;
            }
            if (attempt == maxAttempts) {
              deletion.answered(
                  e.kind() == GatewayException.Kind.CONFLICT
                      ? PackageDeletion.FAILED
                      : PackageDeletion.OUTCOME_UNKNOWN,
                  e.getMessage());
              return;
            }
            try {
              if (stop.await(Guard.backoffFor(attempt))) {
                deletion.answered(PackageDeletion.OUTCOME_UNKNOWN, "stopped: " + e.getMessage());
                return;
              }
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
              deletion.answered(PackageDeletion.OUTCOME_UNKNOWN, "stopped: " + e.getMessage());
              return;
            }
          }
          default -> {
            deletion.answered(PackageDeletion.FAILED, e.getMessage());
            return;
          }
        }
      }
    }
  }

  /**
   * The packages this run deleted versions of (a dry run: would delete, with the versions), by
   * package: the ones to look at afterwards. A {@link Ledger.Listener}, told of each package as it
   * finishes.
   */
  static final class Candidates implements Ledger.Listener {
    private final Action runAction;
    private final boolean dryRun;
    private final Map<Ledger.PackageKey, Ledger.Touched> touched = new ConcurrentHashMap<>();

    /**
     * @param runAction the run's action (an entry's own action overrides it)
     */
    Candidates(Action runAction, boolean dryRun) {
      this.runAction = runAction;
      this.dryRun = dryRun;
    }

    @Override
    public void finished(Ledger.Finished finished) {
      if (!finished.action(runAction).removesVersion()) {
        return; // the versions' records stay: no package is emptied
      }
      PackageOutcome p = finished.outcome();
      Ledger.PackageKey key = new Ledger.PackageKey(p.repository(), p.pkg());
      Set<String> selected = dryRun ? Set.copyOf(finished.actedOn(true)) : Set.of();
      touched.merge(
          key,
          new Ledger.Touched(key, finished.order(), mayHaveDeleted(p), selected),
          (a, b) -> {
            Set<String> all = new HashSet<>(a.selected());
            all.addAll(b.selected());
            return new Ledger.Touched(
                key, Math.min(a.order(), b.order()), a.deleted() || b.deleted(), all);
          });
    }

    /** In report order. */
    List<Ledger.Touched> touched() {
      return touched.values().stream()
          .sorted(Comparator.comparingLong(Ledger.Touched::order))
          .toList();
    }

    /**
     * Whether this run deleted, or may have deleted, a version of the package: a success, or a
     * version found gone after the answer to this run's call was lost.
     */
    private static boolean mayHaveDeleted(PackageOutcome p) {
      return !p.successful().isEmpty()
          || p.alreadyDone().values().stream()
              .anyMatch(f -> Outcome.ANSWER_LOST.equals(f.errorCode()));
    }
  }

  /** Whether a listing says the package is gone (after a DeletePackage whose answer was lost). */
  private boolean gone(Ledger.PackageKey key) {
    try {
      listAll(key);
      return false;
    } catch (GatewayException e) {
      return e.packageNotFound();
    }
  }

  private CodeArtifactGateway.VersionListing listAll(Ledger.PackageKey key) {
    return inventory.allVersions(key.repository(), key.pkg(), false);
  }

  private void record(Ledger.Deletion d, Ledger.Touched t, String result, String message) {
    Ledger.Deletion rec = d != null ? d : ledger.deletion(t.key(), t.order());
    rec.answered(result, message);
  }
}
