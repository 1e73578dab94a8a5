package dev.caprune.cli;

import dev.caprune.execute.Stop;
import dev.caprune.run.ExitCodes;
import dev.caprune.run.Interrupts;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGINT and SIGTERM ask the run to stop instead of killing the JVM, from the first line of a
 * command that writes to the last byte of its report. The first signal starts no new call and waits
 * for the calls in flight; the second stops waiting (their versions are reported as of unknown
 * outcome); a third ends the process at once, unless the report is being written, which is always
 * finished first so that no half-written document is left.
 */
final class Signals implements Interrupts {
  private final List<Runnable> restore = new ArrayList<>();
  private final Stop stop;
  private int received;
  private boolean reporting;

  private Signals(Stop stop) {
    this.stop = stop;
  }

  /**
   * caprune's one way to trap signals: runs {@code action} on SIGINT and on SIGTERM instead of the
   * JVM's default (the sandbox's clean shutdown).
   *
   * @return false where the platform lets no signal be trapped
   */
  static boolean trap(Runnable action) {
    boolean all = true;
    for (String name : List.of("INT", "TERM")) {
      try {
        SignalTrap.handle(name, action);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        all = false;
      }
    }
    return all;
  }

  static Signals install(Stop stop) {
    Signals s = new Signals(stop);
    for (String name : List.of("INT", "TERM")) {
      try {
        s.restore.add(SignalTrap.handle(name, s::received));
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // Signal not available on this platform: the JVM's default handling stays.
      }
    }
    return s;
  }

  private synchronized void received() {
    received++;
    if (received == 1) {
      stop.request();
      graceThenForce();
    } else if (received == 2 || reporting) {
      stop.force();
    } else {
      Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
    }
  }

  /**
   * How long the first signal waits for the calls in flight before ending them (their outcome is
   * then unknown): one signal always ends a run within a few seconds, even against a server that
   * answers one byte at a time.
   */
  static final java.time.Duration GRACE = java.time.Duration.ofSeconds(5);

  private void graceThenForce() {
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(GRACE.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              stop.force();
            },
            "caprune-grace");
    t.setDaemon(true);
    t.start();
  }

  /** While the report is being written, no signal ends the process. */
  @Override
  public synchronized void reporting(boolean on) {
    reporting = on;
  }

  /**
   * Set by {@code main}: the process exits right after the run, so the handlers stay to the end (a
   * signal between the report and the exit must not kill it with another code).
   */
  static volatile boolean keepUntilExit;

  @Override
  public void close() {
    if (keepUntilExit) {
      return;
    }
    for (Runnable r : restore) {
      try {
        r.run();
      } catch (IllegalArgumentException e) {
        // Nothing to restore.
      }
    }
  }
}
