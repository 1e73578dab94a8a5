package dev.caprune.execute;

import dev.caprune.execute.Outcome.Counts;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.select.Action;
import dev.caprune.select.Asset;
import dev.caprune.select.PackageId;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.WriteResult.Failure;
import dev.caprune.select.WriteResult.Success;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The one record of a run: every package's selection, registered before any write for it, and every
 * call's answer, recorded as soon as it arrives. The report is built from this alone, so whatever
 * stops a run (an error, a signal, a bug) the report still says exactly what was done.
 *
 * <p>A version whose call was sent but not answered when the report is made is reported {@link
 * Outcome#OUTCOME_UNKNOWN}. Features that follow the packages as they finish (the storage tally of
 * {@code --sizes}, the candidates of {@code --delete-empty-packages}) are {@link Listener}s
 * registered on it. Thread-safe.
 */
public final class Ledger {
  private final ConcurrentSkipListMap<Long, Entry> entries = new ConcurrentSkipListMap<>();
  private final Consumer<PackageOutcome> streamed;
  private volatile boolean closed;
  private final Object streaming = new Object();

  /** The features that follow the packages as they finish, in the order registered. */
  private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** {@code --sizes}: the storage tally, or null when not asked. */
  private volatile StorageTally storage;

  /** {@code --delete-empty-packages}: the packages this run deleted versions of, or null. */
  private volatile EmptyPackages.Candidates emptied;

  private final List<Deletion> deletions =
      java.util.Collections.synchronizedList(new ArrayList<>());

  /**
   * A feature of the run that follows its packages as they finish ({@code --sizes}, {@code
   * --delete-empty-packages}): the ledger stays the record, the features keep what they need.
   */
  @FunctionalInterface
  public interface Listener {
    /** A package is finished: once per entry, one at a time, before it is streamed. */
    void finished(Finished finished);
  }

  /**
   * A finished package.
   *
   * @param order its place in the report
   * @param files each version's files, as listed before the action ({@code --sizes}); else empty
   */
  public record Finished(long order, PackageOutcome outcome, Map<String, List<Asset>> files) {
    /** The package's action: its own (a policy's rule), else the run's. */
    public Action action(Action runAction) {
      return outcome.action() != null ? outcome.action() : runAction;
    }

    /** The versions acted on: the successful ones; in a dry run, the selected ones. */
    public Collection<String> actedOn(boolean dryRun) {
      return dryRun
          ? outcome.selected().stream().map(VersionSummary::version).toList()
          : outcome.successful().keySet();
    }
  }

  /**
   * @param streamed told of each package once it is finished, after which only its counts are kept
   *     (bounded memory for ndjson and csv); null to keep every package for the report
   */
  public Ledger(Consumer<PackageOutcome> streamed) {
    this.streamed = streamed;
  }

  /** Registers a feature: told of every package finished from now on. */
  public Ledger listen(Listener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Counts the files of the versions acted on ({@code --sizes}): each stored file once, freed by
   * delete and dispose; a dry run counts the selected versions.
   *
   * @param runAction the run's action (an entry's own action overrides it)
   */
  public synchronized Ledger countStorage(
      Action runAction, boolean dryRun, double pricePerGbMonth) {
    StorageTally tally = new StorageTally(runAction, dryRun, pricePerGbMonth);
    this.storage = tally;
    return listen(tally);
  }

  /**
   * Remembers the packages this run deleted versions of (a dry run: would delete, with the
   * versions), for {@code --delete-empty-packages}.
   */
  public synchronized Ledger trackEmptied(Action runAction, boolean dryRun) {
    EmptyPackages.Candidates candidates = new EmptyPackages.Candidates(runAction, dryRun);
    this.emptied = candidates;
    return listen(candidates);
  }

  /** A package of a repository. */
  public record PackageKey(RepositoryRef repository, PackageId pkg) {}

  /**
   * A package this run deleted versions of.
   *
   * @param order its first entry's place in the report
   * @param deleted whether this run deleted, or may have deleted, a version of it (real runs)
   * @param selected every version selected for deletion (dry runs: all of them would go)
   */
  public record Touched(PackageKey key, long order, boolean deleted, Set<String> selected) {}

  /** The packages this run deleted versions of (dry: would), in report order. */
  public List<Touched> touched() {
    EmptyPackages.Candidates candidates = emptied;
    return candidates == null ? List.of() : candidates.touched();
  }

  /** Records a package deletion before its call is sent: until answered, its outcome is unknown. */
  public Deletion deletion(PackageKey key, long order) {
    Deletion d = new Deletion(key, order);
    synchronized (this) {
      if (closed) {
        throw new Stop.StoppedException();
      }
      deletions.add(d);
    }
    return d;
  }

  /** One package's deletion: sent, then answered. */
  public static final class Deletion {
    private final PackageKey key;
    private final long order;
    private String result;
    private String message;

    Deletion(PackageKey key, long order) {
      this.key = key;
      this.order = order;
    }

    /** What was done (a {@link Outcome.PackageDeletion} result) and why. */
    public synchronized void answered(String result, String message) {
      if (this.result == null) {
        this.result = result;
        this.message = message;
      }
    }

    synchronized Outcome.PackageDeletion outcome() {
      return new Outcome.PackageDeletion(
          key.repository(),
          key.pkg(),
          result == null ? Outcome.PackageDeletion.OUTCOME_UNKNOWN : result,
          result == null
              ? "caprune stopped before the DeletePackage answer came: check the package"
              : message);
    }
  }

  /**
   * Records a package's selection before anything is done to it.
   *
   * @param order where the package goes in the report (unique per package)
   */
  public Entry register(long order, PackageSelection sel) {
    return register(order, sel, null, null);
  }

  /**
   * Records a package's selection for its own action before anything is done to it (a policy run
   * registers one entry per package and rule).
   *
   * @param order where the entry goes in the report (unique per entry)
   * @param action null for the run's action
   * @param rule the policy rule that selected the versions, or null
   */
  public Entry register(long order, PackageSelection sel, Action action, String rule) {
    Entry e = new Entry(sel.repository(), sel.pkg(), distinct(sel.selected()), action, rule, order);
    Entry previous;
    synchronized (this) {
      if (closed) {
        // The report is being made (a forced stop left a worker still listing): too late to act.
        throw new Stop.StoppedException();
      }
      previous = entries.putIfAbsent(order, e);
    }
    if (previous != null) {
      throw new IllegalStateException("package registered twice at " + order);
    }
    return e;
  }

  /** Versions selected so far, over every package. */
  public int selectedCount() {
    return entries.values().stream().mapToInt(e -> e.selectedCount).sum();
  }

  /** Packages registered so far. */
  public int packageCount() {
    return entries.size();
  }

  /** Every registered package, in report order. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** Marks a package as done: it is streamed now (when streaming) and compacted. */
  public void finish(Entry e) {
    // One lock for finishing and streaming: a package finished by a worker is streamed before
    // the report is made, never after its summary.
    synchronized (streaming) {
      PackageOutcome p = e.finishOnce(streamed == null);
      if (p != null) {
        account(e, p);
      }
      if (p != null && streamed != null) {
        streamed.accept(p);
      }
    }
  }

  /** Tells the features of a finished package, its files handed over (no longer kept here). */
  private void account(Entry e, PackageOutcome p) {
    Finished finished = new Finished(e.order, p, e.takeAssets());
    for (Listener l : listeners) {
      l.finished(finished);
    }
  }

  /** The report: every registered package, finished now if it was not (streamed if streaming). */
  public Outcome outcome(Action action, boolean dryRun, boolean interrupted, String error) {
    synchronized (this) {
      closed = true; // every package registered from here on is refused
    }
    List<PackageOutcome> packages = new ArrayList<>();
    Counts counts = Counts.ZERO;
    // A package selected off the heap is registered in chunks: it counts once.
    Set<List<Object>> counted = new java.util.HashSet<>();
    synchronized (streaming) {
      for (Entry e : entries.values()) {
        finish(e);
        Counts c = e.counts();
        if (c.packages() > 0
            && !counted.add(java.util.Arrays.asList(e.repository, e.pkg, e.action, e.rule))) {
          c =
              new Counts(
                  0,
                  c.selected(),
                  c.succeeded(),
                  c.alreadyDone(),
                  c.failed(),
                  c.notAttempted(),
                  c.requestFailed());
        }
        counts = counts.plus(c);
        if (streamed == null) {
          packages.add(e.outcome());
        }
      }
    }
    List<Outcome.PackageDeletion> deleted;
    synchronized (deletions) {
      deleted =
          deletions.stream()
              .sorted(java.util.Comparator.comparingLong(d -> d.order))
              .map(Deletion::outcome)
              .toList();
    }
    StorageTally tally = storage;
    return new Outcome(
        action,
        dryRun,
        List.copyOf(packages),
        counts,
        interrupted,
        error,
        tally == null ? null : tally.storage(),
        deleted);
  }

  private static List<VersionSummary> distinct(List<VersionSummary> versions) {
    Map<String, VersionSummary> byName = new LinkedHashMap<>();
    for (VersionSummary v : versions) {
      byName.putIfAbsent(v.version(), v); // a listing that names a version twice: once
    }
    return byName.size() == versions.size() ? versions : List.copyOf(byName.values());
  }

  /** One package of the run. */
  public static final class Entry {
    private final RepositoryRef repository;
    private final PackageId pkg;
    private final Action action;
    private final String rule;
    private final int selectedCount;
    private List<VersionSummary> selected;
    private Map<String, Success> successful = new HashMap<>();
    private Map<String, Failure> alreadyDone = new HashMap<>();
    private Map<String, Failure> failed = new HashMap<>();
    private final Set<String> inFlight = new LinkedHashSet<>();
    private final long order;
    private Map<String, List<Asset>> assets = new HashMap<>();
    private boolean finished;
    private PackageOutcome outcome;
    private Counts counts;

    Entry(
        RepositoryRef repository,
        PackageId pkg,
        List<VersionSummary> selected,
        Action action,
        String rule,
        long order) {
      this.order = order;
      this.repository = repository;
      this.pkg = pkg;
      this.action = action;
      this.rule = rule;
      this.selected = selected;
      this.selectedCount = selected.size();
    }

    public RepositoryRef repository() {
      return repository;
    }

    public PackageId pkg() {
      return pkg;
    }

    /** The entry's own action, or null for the run's. */
    public Action action() {
      return action;
    }

    /** The policy rule that selected the versions, or null. */
    public String rule() {
      return rule;
    }

    /** The selected versions, each once. */
    public synchronized List<VersionSummary> selected() {
      return selected;
    }

    /** A version's files, as listed before the action ({@code --sizes}). */
    public synchronized void sized(String version, List<Asset> files) {
      if (!finished) {
        assets.put(version, List.copyOf(files));
      }
    }

    /** Whether the files of this package's versions were listed. */
    public synchronized boolean sized() {
      return !assets.isEmpty();
    }

    synchronized Map<String, List<Asset>> takeAssets() {
      Map<String, List<Asset>> all = assets;
      assets = Map.of();
      return all;
    }

    /** Before a write call: these versions' outcome is unknown until it is answered. */
    public synchronized void sending(Collection<String> versions) {
      if (finished) {
        return; // reported already: a late answer after a forced stop
      }
      inFlight.addAll(versions);
    }

    /** After a write call (answered or failed): whatever it said has been recorded. */
    public synchronized void answered(Collection<String> versions) {
      if (finished) {
        return; // reported already: a late answer after a forced stop
      }
      inFlight.removeAll(versions);
    }

    public synchronized void succeeded(String version, Success s) {
      if (finished) {
        return; // reported already: a late answer after a forced stop
      }
      failed.remove(version);
      alreadyDone.remove(version);
      successful.put(version, s);
    }

    /** Already in the target state: never over a success of this run. */
    public synchronized void alreadyDone(String version, Failure why) {
      if (finished) {
        return; // reported already: a late answer after a forced stop
      }
      if (!successful.containsKey(version)) {
        failed.remove(version);
        alreadyDone.put(version, why);
      }
    }

    /** Not done: never over a success or an already-done result. */
    public synchronized void failed(String version, Failure f) {
      if (finished) {
        return; // reported already: a late answer after a forced stop
      }
      if (!successful.containsKey(version) && !alreadyDone.containsKey(version)) {
        failed.put(version, f);
      }
    }

    /** Whether a result says the version is in its target state. */
    public synchronized boolean done(String version) {
      return successful.containsKey(version) || alreadyDone.containsKey(version);
    }

    /**
     * @param keep keep the package's outcome for the report; otherwise keep only its counts
     */
    synchronized PackageOutcome finishOnce(boolean keep) {
      if (finished) {
        return null;
      }
      finished = true;
      PackageOutcome done = snapshot();
      counts = Counts.of(done);
      if (keep) {
        outcome = done;
      } else {
        selected = List.of();
        successful = Map.of();
        alreadyDone = Map.of();
        failed = Map.of();
      }
      return done;
    }

    synchronized Counts counts() {
      return counts;
    }

    synchronized PackageOutcome outcome() {
      return outcome;
    }

    private PackageOutcome snapshot() {
      Map<String, Failure> failures = new HashMap<>(failed);
      for (String v : inFlight) {
        if (!successful.containsKey(v) && !alreadyDone.containsKey(v)) {
          failures.put(
              v,
              new Failure(
                  Outcome.OUTCOME_UNKNOWN,
                  "caprune stopped before the call's answer came: check the version's status"));
        }
      }
      Map<String, Long> sizes = new HashMap<>();
      assets.forEach(
          (v, files) -> {
            long sum = 0;
            for (Asset a : files) {
              sum += a.size() == null ? 0 : a.size();
            }
            sizes.put(v, sum);
          });
      return new PackageOutcome(
          repository,
          pkg,
          selected,
          Map.copyOf(successful),
          Map.copyOf(alreadyDone),
          Map.copyOf(failures),
          action,
          rule,
          Map.copyOf(sizes));
    }
  }
}
