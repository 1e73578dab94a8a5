package dev.caprune.execute;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces calls evenly at a rate that adapts (additive increase, multiplicative decrease): a
 * throttle halves the rate, at most once a second so that one overload is not punished many times
 * over; each call that goes through wins back a little, up to the ceiling. Thread-safe. No bursts:
 * staying under a quota by design beats being throttled.
 */
public final class RateLimiter {
  private static final long DECREASE_EVERY_NANOS = 1_000_000_000L;

  private final double ceiling;
  private final double floor;
  private final Sleeper sleeper;
  private final LongSupplier nanoClock;
  private double rate;
  private long nextFree;
  private long lastDecrease;

  public RateLimiter(double permitsPerSecond, Sleeper sleeper) {
    this(permitsPerSecond, sleeper, System::nanoTime);
  }

  RateLimiter(double permitsPerSecond, Sleeper sleeper, LongSupplier nanoClock) {
    if (!(permitsPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive: " + permitsPerSecond);
    }
    this.ceiling = permitsPerSecond;
    this.floor = Math.min(permitsPerSecond, Math.max(1.0, permitsPerSecond / 20));
    this.rate = permitsPerSecond;
    this.sleeper = sleeper;
    this.nanoClock = nanoClock;
    this.nextFree = nanoClock.getAsLong();
    this.lastDecrease = nextFree - DECREASE_EVERY_NANOS;
  }

  /** Waits for this caller's slot. */
  public void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      long slot = Math.max(nextFree, now);
      nextFree = slot + (long) (1_000_000_000L / rate);
      wait = slot - now;
    }
    if (wait > 0) {
      sleeper.sleep(Duration.ofNanos(wait));
    }
  }

  /** The server throttled a call: halve the rate (once a second at most). */
  public synchronized void throttled() {
    long now = nanoClock.getAsLong();
    if (now - lastDecrease >= DECREASE_EVERY_NANOS) {
      rate = Math.max(floor, rate / 2);
      lastDecrease = now;
    }
  }

  /** A call went through: recover towards the ceiling. */
  public synchronized void succeeded() {
    if (rate < ceiling) {
      rate = Math.min(ceiling, rate + ceiling / 50);
    }
  }

  public synchronized double rate() {
    return rate;
  }
}
