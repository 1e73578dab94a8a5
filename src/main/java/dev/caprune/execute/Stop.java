package dev.caprune.execute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Set by SIGINT/SIGTERM. The first request starts no new call and lets calls in flight finish; a
 * second one ({@link #force()}) stops waiting for them: their versions are reported as of unknown
 * outcome.
 */
public final class Stop {
  private volatile boolean requested;
  private volatile boolean forced;
  private final List<Runnable> onForce = new ArrayList<>();

  public synchronized void request() {
    requested = true;
    notifyAll();
  }

  /** A second signal, or the first one's grace period over: stop waiting for anything. */
  public void force() {
    List<Runnable> hooks;
    synchronized (this) {
      if (forced) {
        return;
      }
      requested = true;
      forced = true;
      notifyAll();
      hooks = List.copyOf(onForce);
    }
    hooks.forEach(Runnable::run);
  }

  /** Runs {@code hook} when the stop is forced (ends the calls in flight). */
  public synchronized void onForce(Runnable hook) {
    onForce.add(hook);
  }

  public boolean requested() {
    return requested;
  }

  public boolean forced() {
    return forced;
  }

  /**
   * Waits {@code d}, or less if a stop is requested meanwhile.
   *
   * @return whether a stop was requested
   */
  public synchronized boolean await(Duration d) throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    while (!requested) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000), 0);
    }
    return true;
  }

  /**
   * A sleeper for the rate limiters that wakes at once when a stop is requested: a worker waiting
   * for its slot at a slow rate (10 s at 0.1 a second, more for the workers queued behind it) must
   * not sleep through a signal and then send its call.
   */
  public Sleeper pacer() {
    return d -> {
      if (d.compareTo(SHORT_WAIT) < 0) {
        Sleeper.REAL.sleep(d); // as before: the caller looks for a stop right after its slot
      } else {
        await(d);
      }
    };
  }

  /** A wait this short is slept through: a stop is seen when it ends, and it costs no lock. */
  private static final Duration SHORT_WAIT = Duration.ofMillis(50);

  /** Thrown instead of starting a call once a stop was requested. */
  public static final class StoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoppedException() {
      super("stopped", null, false, false);
    }
  }
}
