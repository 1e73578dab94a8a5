package dev.caprune.cli;

import dev.caprune.execute.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Shows progress on stderr while a run works: a bar redrawn in place on a terminal, or with {@code
 * -v} and no terminal a status line every few seconds. Never on stdout.
 */
final class ProgressDisplay implements AutoCloseable {
  private final Progress progress;
  private final String verb;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private final Consumer<String> sink;
  private final boolean bar;
  private final PrintWriter err;

  private ProgressDisplay(
      Progress progress, String verb, PrintWriter err, boolean bar, Duration every) {
    this.progress = progress;
    this.verb = verb;
    this.err = err;
    this.bar = bar;
    this.sink = bar ? this::draw : this::line;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "caprune-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> sink.accept(status()), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts the display the context and options call for, or none. */
  static AutoCloseable start(
      CliContext context, LoggingOptions logging, Progress progress, String verb, PrintWriter err) {
    if (logging.quiet()) {
      return () -> {};
    }
    if (context.terminal().progress()) {
      return new ProgressDisplay(progress, verb, err, true, Duration.ofMillis(250));
    }
    if (logging.verbosity() > 0) {
      return new ProgressDisplay(progress, verb, err, false, Duration.ofSeconds(5));
    }
    return () -> {};
  }

  String status() {
    return status(progress, verb, (System.nanoTime() - startNanos) / 1e9);
  }

  /** The status line for these counters after {@code seconds}. */
  static String status(Progress progress, String verb, double elapsedSeconds) {
    double seconds = Math.max(0.001, elapsedSeconds);
    long total = progress.packagesTotal();
    long done = progress.versionsDone() + progress.versionsFailed();
    long selected = progress.versionsSelected();
    double rate = done / seconds;
    StringBuilder b = new StringBuilder();
    b.append(String.format("%,d", progress.packagesScanned()));
    if (total >= 0) {
      b.append(String.format("/%,d", total));
    }
    b.append(" packages scanned · ")
        .append(String.format("%,d", selected))
        .append(" selected · ")
        .append(String.format("%,d", progress.versionsDone()))
        .append(' ')
        .append(verb);
    if (progress.versionsFailed() > 0) {
      b.append(String.format(" · %,d failed", progress.versionsFailed()));
    }
    if (progress.sizesWanted() > 0) {
      long sized = progress.versionsSized();
      long wanted = progress.sizesWanted();
      b.append(String.format(" · %,d/%,d sized", sized, wanted));
      if (sized > 0 && wanted > sized && done == 0) {
        long eta = Math.round((wanted - sized) / Math.max(sized / seconds, 0.001));
        b.append(String.format(" · ETA %d:%02d", eta / 60, eta % 60));
      }
    }
    if (done > 0) {
      b.append(String.format(" · %.0f/s", rate));
      boolean scanDone = total >= 0 && progress.packagesScanned() >= total;
      if (scanDone && selected > done) {
        long eta = Math.round((selected - done) / Math.max(rate, 0.001));
        b.append(String.format(" · ETA %d:%02d", eta / 60, eta % 60));
      }
    }
    return b.toString();
  }

  private synchronized void draw(String s) {
    err.print("\r\u001b[2K" + s);
    err.flush();
  }

  private synchronized void line(String s) {
    err.println("caprune: " + s);
    err.flush();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (bar) {
      synchronized (this) {
        err.print("\r\u001b[2K");
        err.flush();
      }
    }
  }
}
