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
    // The ticks end with the timer (close); a tick that throws only stops the ticking.
    var unused =
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

  /** Recent counts, for rates over the last {@link #WINDOW_NANOS} rather than the whole run. */
  private final java.util.ArrayDeque<long[]> samples = new java.util.ArrayDeque<>();

  private static final long WINDOW_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

  synchronized String status() {
    long now = System.nanoTime();
    long done = progress.versionsDone() + progress.versionsFailed();
    long scanned = progress.packagesScanned();
    long sized = progress.versionsSized();
    samples.addLast(new long[] {now, done, scanned, sized});
    while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
      samples.removeFirst();
    }
    long[] first = samples.size() > 1 ? samples.peekFirst() : new long[] {startNanos, 0, 0, 0};
    double seconds = Math.max(0.001, (now - first[0]) / 1e9);
    return status(
        progress,
        verb,
        (done - first[1]) / seconds,
        (scanned - first[2]) / seconds,
        (sized - first[3]) / seconds);
  }

  /**
   * The status line for these counters: what was scanned and selected, what was done out of how
   * many once the scan is over, the rate with its unit, and once the total is known an ETA.
   *
   * @param verb what a done version was ({@code deleted}), or null when nothing is done to them (a
   *     listing)
   * @param versionsPerSecond versions done (or failed) per second, lately
   * @param packagesPerSecond packages scanned per second, lately
   */
  static String status(
      Progress progress, String verb, double versionsPerSecond, double packagesPerSecond) {
    return status(progress, verb, versionsPerSecond, packagesPerSecond, 0);
  }

  /** The same, while sizes are looked up at {@code sizedPerSecond} versions a second. */
  static String status(
      Progress progress,
      String verb,
      double versionsPerSecond,
      double packagesPerSecond,
      double sizedPerSecond) {
    long total = progress.packagesTotal();
    long scanned = progress.packagesScanned();
    long failed = progress.versionsFailed();
    long done = progress.versionsDone() + failed;
    long selected = progress.versionsSelected();
    boolean scanDone = total >= 0 && scanned >= total;
    StringBuilder b = new StringBuilder();
    b.append(String.format("%,d", scanned));
    if (total >= 0) {
      b.append(String.format("/%,d", total));
    }
    b.append(" packages scanned · ").append(String.format("%,d", selected)).append(" selected");
    boolean acting = verb != null && (done > 0 || (scanDone && selected > 0));
    if (acting) {
      b.append(String.format(" · %,d", progress.versionsDone()));
      if (scanDone) {
        b.append(String.format("/%,d", selected));
      }
      b.append(' ').append(verb);
      if (failed > 0) {
        b.append(String.format(" · %,d failed", failed));
      }
    }
    if (progress.sizesWanted() > 0) {
      long sized = progress.versionsSized();
      long wanted = progress.sizesWanted();
      b.append(String.format(" · %,d/%,d sized", sized, wanted));
      if (done == 0 && sized > 0) {
        b.append(eta(wanted - sized, sizedPerSecond));
      }
    }
    if (acting && done > 0) {
      b.append(" · ").append(rate(versionsPerSecond, "versions"));
      if (scanDone) {
        b.append(eta(selected - done, versionsPerSecond));
      }
    } else if (!scanDone && scanned > 0) {
      b.append(" · ").append(rate(packagesPerSecond, "packages"));
      if (total >= 0) {
        b.append(eta(total - scanned, packagesPerSecond));
      }
    }
    return b.toString();
  }

  private static String rate(double perSecond, String unit) {
    return (perSecond >= 10 || perSecond == 0
            ? String.format("%,.0f", perSecond)
            : String.format("%.1f", perSecond))
        + " "
        + unit
        + "/s";
  }

  /** {@code · ETA 1:05} (or {@code 1:02:05}), or nothing without a rate to go by. */
  private static String eta(long left, double perSecond) {
    if (left <= 0 || perSecond <= 0) {
      return "";
    }
    long s = (long) Math.ceil(left / perSecond); // never 0:00 while something is left
    return s >= 3600
        ? String.format(" · ETA %d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(" · ETA %d:%02d", s / 60, s % 60);
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
