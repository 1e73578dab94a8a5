package dev.caprune.execute;

import java.time.Duration;

/**
 * Spaces calls evenly at a rate that adapts: a throttle halves it and pauses every caller until the
 * server's Retry-After has passed; each success then wins back a little, up to the ceiling.
 * Thread-safe. No bursts: staying under a quota by design beats being throttled.
 */
public final class RateLimiter {
  private final double ceiling;
  private final double floor;
  private final Sleeper sleeper;
  private final java.util.function.LongSupplier nanoClock;
  private double rate;
  private long nextFree;

  public RateLimiter(double permitsPerSecond, Sleeper sleeper) {
    this(permitsPerSecond, sleeper, System::nanoTime);
  }

  RateLimiter(double permitsPerSecond, Sleeper sleeper, java.util.function.LongSupplier nanoClock) {
    if (permitsPerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + permitsPerSecond);
    }
    this.ceiling = permitsPerSecond;
    this.floor = Math.min(1.0, permitsPerSecond);
    this.rate = permitsPerSecond;
    this.sleeper = sleeper;
    this.nanoClock = nanoClock;
    this.nextFree = nanoClock.getAsLong();
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

  /** The server throttled a call: halve the rate and hold everyone back for {@code retryAfter}. */
  public synchronized void throttled(Duration retryAfter) {
    rate = Math.max(floor, rate / 2);
    long resume = nanoClock.getAsLong() + (retryAfter == null ? 0 : retryAfter.toNanos());
    nextFree = Math.max(nextFree, resume);
  }

  /** A call went through: recover towards the ceiling (additive increase). */
  public synchronized void succeeded() {
    if (rate < ceiling) {
      rate = Math.min(ceiling, rate + ceiling / 50);
    }
  }

  public synchronized double rate() {
    return rate;
  }
}
