package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.select.Action;
import dev.caprune.select.PackageSelection;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one execution pipeline of every command that writes: a selection in, an {@link Outcome} out,
 * with confirmation and rendering plugged in from outside.
 *
 * <p>Every package's selection is registered in the {@link Ledger} before anything is done to it,
 * and every call's answer is recorded there as it comes; the outcome is built from the ledger
 * alone, whatever ends the run: the end of the work, a failed listing, a fatal answer (access
 * denied), a signal, or a bug of caprune's. Ending early waits for the calls in flight (bounded by
 * their timeouts) unless the stop is forced, in which case their versions are of unknown outcome.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /**
   * Where the selection comes from (a scan, a plan): hands each package with selected versions to
   * the sink, with its place in the report. The sink may be called from many threads.
   */
  @FunctionalInterface
  public interface Source {
    void select(Sink sink);
  }

  /** Takes one package's selection. */
  @FunctionalInterface
  public interface Sink {
    /**
     * A selection with its own action and rule (a policy mixes actions in one run).
     *
     * @param action null for the run's action
     * @param rule the policy rule that selected it, or null
     */
    void accept(long order, PackageSelection selection, Action action, String rule);

    /** A selection for the run's action. */
    default void accept(long order, PackageSelection selection) {
      accept(order, selection, null, null);
    }
  }

  /**
   * Asked once everything is selected and before any write (the prompt, {@code --max}). To refuse,
   * it throws: the exception reaches the caller and nothing is done. A {@link
   * Stop.StoppedException} instead ends the run as interrupted, with its report.
   */
  @FunctionalInterface
  public interface Confirmation {
    void confirm(List<Ledger.Entry> selected, int versions);
  }

  private final Executor.Options options;
  private final Executor executor;
  private final Workers workers;
  private final Stop stop;
  private final Ledger ledger;
  private final CodeArtifactGateway gateway;
  private Sizes sizes;
  private boolean deleteEmptyPackages;
  private final boolean streams;

  /** Set once the first package is executed: from then on an error ends a run that did work. */
  private volatile boolean executing;

  /**
   * @param streamed told of each package as soon as it is done (ndjson, csv), after which only its
   *     counts are kept; null to keep every package for a report at the end
   */
  public Pipeline(
      CodeArtifactGateway gateway,
      Executor.Options options,
      Workers workers,
      Progress progress,
      Stop stop,
      Consumer<PackageOutcome> streamed) {
    this.options = options;
    this.executor = new Executor(gateway, options, progress, stop);
    this.workers = workers;
    this.stop = stop;
    this.ledger = new Ledger(streamed);
    this.streams = streamed != null;
    this.gateway = gateway;
    workers.memory().holdsReport(streamed == null);
  }

  /**
   * {@code --sizes}: each package's selected versions' files are listed before anything is done to
   * it, and the outcome counts the storage of the versions acted on.
   */
  public Pipeline sizes(Sizes sizes) {
    this.sizes = sizes;
    if (sizes != null) {
      ledger.countStorage(options.action(), options.dryRun(), sizes.pricePerGbMonth());
    }
    return this;
  }

  /**
   * {@code --delete-empty-packages}: after the run's deletes, each package it deleted versions of
   * and that a fresh listing shows empty is deleted (a dry run: those whose every version is
   * selected are named).
   */
  public Pipeline deleteEmptyPackages(boolean on) {
    this.deleteEmptyPackages = on;
    if (on) {
      ledger.trackEmptied(options.action(), options.dryRun());
    }
    return this;
  }

  /**
   * Runs the pipeline.
   *
   * @param confirmation null to execute each package as soon as it is selected (nothing to ask
   *     first); otherwise everything is selected, then confirmed, then executed
   */
  public Outcome run(Source source, Confirmation confirmation) {
    String error = null;
    // A package larger than the budget may be selected on disk when nothing holds it whole.
    workers
        .memory()
        .streamsDryRun(
            confirmation == null
                && streams
                && options.dryRun()
                && sizes == null
                && !deleteEmptyPackages);
    try {
      if (confirmation == null) {
        source.select(
            (order, sel, action, rule) -> execute(ledger.register(order, sel, action, rule)));
      } else {
        source.select(ledger::register);
        List<Ledger.Entry> entries = ledger.entries();
        if (!entries.isEmpty() && !options.dryRun() && !stop.requested()) {
          confirm(confirmation, entries);
        }
        workers.map(
            entries,
            e -> {
              execute(e);
              return null;
            });
      }
      if (deleteEmptyPackages && !stop.requested() && executor.fatal() == null) {
        new EmptyPackages(gateway, ledger, workers, stop, options.dryRun(), options.maxAttempts())
            .run();
      }
    } catch (Stop.StoppedException e) {
      // Reported as interrupted.
    } catch (GatewayException e) {
      if (e.scopeNotFound() && !executing) {
        throw e; // a misspelt domain or repository: bad input, and nothing was done
      }
      error = e.getMessage();
    } catch (Refused e) {
      throw e.reason;
    } catch (OffHeapFailure e) {
      error = e.getMessage();
    } catch (RuntimeException e) {
      LOG.debug("internal error", e);
      error = "internal error: " + e;
    } catch (OutOfMemoryError e) {
      error = workers.memory().line();
    }
    if (error == null) {
      error = executor.fatal();
    }
    return ledger.outcome(options.action(), options.dryRun(), stop.requested(), error);
  }

  /** How every line said when the heap runs out begins. */
  public static final String OUT_OF_MEMORY_PREFIX = "out of memory: ";

  /**
   * The line said when the heap runs out before a run knows what would help (see {@link
   * Memory#outOfMemory} for the line that fits a run).
   */
  public static final String OUT_OF_MEMORY =
      OUT_OF_MEMORY_PREFIX
          + "use -o ndjson or -o csv (their memory is bounded by the largest package), or"
          + " give caprune more heap with CAPRUNE_JAVA_OPTS=-Xmx1g";

  /** Whether a run's error is the heap running out (said once, by whoever saw it first). */
  public static boolean isOutOfMemory(String error) {
    return error != null && error.startsWith(OUT_OF_MEMORY_PREFIX);
  }

  private void confirm(Confirmation confirmation, List<Ledger.Entry> entries) {
    try {
      confirmation.confirm(entries, ledger.selectedCount());
    } catch (Stop.StoppedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new Refused(e);
    }
  }

  private void execute(Ledger.Entry e) {
    executing = true;
    try {
      if (sizes != null && executor.fatal() == null && !stop.requested()) {
        sizes.size(e); // before the action: a deleted version's files can no longer be listed
      }
      executor.run(e);
    } finally {
      ledger.finish(e);
    }
  }

  /** A refusal at confirmation: nothing was done, the caller reports it. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final RuntimeException reason;

    Refused(RuntimeException reason) {
      super(reason.getMessage(), null, false, false);
      this.reason = reason;
    }
  }
}
