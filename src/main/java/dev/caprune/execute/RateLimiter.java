package dev.caprune.execute;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces calls evenly at a rate that adapts (additive increase, multiplicative decrease). It starts
 * at its ceiling; a throttle halves the rate and remembers where it happened, once per round of
 * calls: a throttle of a call that was given its slot before the last decrease says nothing new (it
 * was sent at the old rate), so one overload is not punished many times over, while a call sent at
 * the lowered rate and throttled halves it again at once. The rate then holds for a second (the
 * throttled calls' Retry-After), and calls that go through win it back: quickly up to 90 % of the
 * rate that was throttled (known to have been too fast only just), then by 5 % of the ceiling per
 * second of calls, probing towards the ceiling. Thread-safe. No bursts: a slot that was not used is
 * lost, so the rate is never exceeded in any window.
 */
public final class RateLimiter {
  /** After a decrease the rate holds this long: the throttled calls' Retry-After. */
  private static final long HOLD_NANOS = 1_000_000_000L;

  /** Fast recovery stops at this share of the rate that was last throttled. */
  static final double SAFE_SHARE = 0.9;

  /** Fast recovery: this share of the ceiling per call that goes through. */
  private static final double FAST_STEP = 1.0 / 50;

  /** Probing beyond the safe rate: this share of the ceiling per second of calls. */
  private static final double PROBE_PER_SECOND = 1.0 / 20;

  private final double ceiling;
  private final double floor;
  private final Sleeper sleeper;
  private final LongSupplier nanoClock;
  private double rate;
  private double throttledAt = Double.POSITIVE_INFINITY;
  private long nextFree;
  private long lastDecrease;
  private long decreases;
  private long acquired;

  /** Told when a caller finds a whole slot gone unused: nobody was waiting for it. */
  private final java.util.List<Runnable> idleListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

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
    this.lastDecrease = nextFree - HOLD_NANOS;
  }

  /**
   * Waits for this caller's slot.
   *
   * @return the round the slot was given in, for {@link #throttled(long)}
   */
  public long acquire() throws InterruptedException {
    long wait;
    long round;
    boolean idle;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      long interval = (long) (1_000_000_000L / rate);
      // Not the first call: before it, nothing was there to wait for a slot. Below the ceiling
      // (a throttle lowered the rate, or it is still recovering) the quota is the limit, and a slot
      // left unused is a throttled call waiting out its back-off: more callers would not help.
      idle = acquired++ > 0 && rate >= ceiling && now - nextFree >= interval;
      long slot = Math.max(nextFree, now);
      nextFree = slot + interval;
      wait = slot - now;
      round = decreases;
    }
    if (idle) {
      idleListeners.forEach(Runnable::run);
    }
    if (wait > 0) {
      sleeper.sleep(Duration.ofNanos(wait));
    }
    return round;
  }

  /**
   * The server throttled a call given its slot in {@code round}: halve the rate, unless it was
   * halved since that call was given its slot.
   */
  public synchronized void throttled(long round) {
    if (round == decreases) {
      throttledAt = rate;
      rate = Math.max(floor, rate / 2);
      lastDecrease = nanoClock.getAsLong();
      decreases++;
      // The calls already given slots at the old rate keep them; the next ones are spaced anew.
    }
  }

  /** The server throttled a call sent just now. */
  public void throttled() {
    throttled(round());
  }

  /** The current round: how many times a throttle lowered the rate. */
  public synchronized long round() {
    return decreases;
  }

  /**
   * A call went through: recover towards the ceiling, but not within a second of a throttle. The
   * throttled calls wait their Retry-After (a second) and go again: at the lowered rate still, so
   * the quota has refilled for them and none is throttled twice in a row by this client's own pace.
   */
  public synchronized void succeeded() {
    if (rate >= ceiling || nanoClock.getAsLong() - lastDecrease < HOLD_NANOS) {
      return;
    }
    double safe = SAFE_SHARE * throttledAt;
    if (rate < safe) {
      rate = Math.min(safe, rate + ceiling * FAST_STEP);
    } else {
      // About `rate` calls a second go through: together they add PROBE_PER_SECOND of the ceiling.
      rate += ceiling * PROBE_PER_SECOND / rate;
    }
    rate = Math.min(ceiling, rate);
  }

  /**
   * {@code listener} is told each time a caller finds at least one whole slot gone unused since the
   * previous call (on the caller's thread, outside the limiter's lock): the rate was not the limit
   * then, the callers were.
   */
  public void onIdle(Runnable listener) {
    idleListeners.add(listener);
  }

  public synchronized double rate() {
    return rate;
  }

  /** The ceiling: where the rate starts and what it never exceeds. */
  public double ceiling() {
    return ceiling;
  }
}
