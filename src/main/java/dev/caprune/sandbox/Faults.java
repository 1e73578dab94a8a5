package dev.caprune.sandbox;

import java.util.Random;

/**
 * Injected failures, drawn from seeded {@link Random}s so a run can be replayed. Every call draws
 * exactly three numbers (throttle, fail, lost reply) from one and three (conflict, partial, the
 * seed of the partial subset) from the other, whatever the rates and the operation, so the sequence
 * of outcomes depends only on the seed and the order of calls. The second generator keeps the first
 * one's sequence what it was before conflicts and partial answers existed.
 */
final class Faults {
  /** What happens to one call. */
  enum Fault {
    NONE,
    THROTTLE,
    FAIL
  }

  /**
   * The draw for one call: a fault instead of executing it, and whether to lose the reply; for a
   * bulk version write, whether to answer 409 instead ({@code conflict}), and for a status change,
   * whether to apply only part of it ({@code partial}, the subset drawn from {@code partialSeed}).
   */
  record Draw(
      Fault fault, boolean loseReply, boolean conflict, boolean partial, long partialSeed) {}

  /** A seed-derived, distinct stream for the write faults. */
  private static final long WRITE_STREAM = 0x5DEECE66DL * 31 + 0x9E3779B97F4A7C15L;

  private final Random random;
  private final Random writes;
  private volatile double throttleRate;
  private volatile double failRate;
  private volatile double lostReplyRate;
  private volatile double conflictRate;
  private volatile double partialRate;
  private volatile int latencyMs;

  Faults(
      long seed,
      double throttleRate,
      double failRate,
      double lostReplyRate,
      double conflictRate,
      double partialRate,
      int latencyMs) {
    this.random = new Random(seed);
    this.writes = new Random(seed ^ WRITE_STREAM);
    setThrottleRate(throttleRate);
    setFailRate(failRate);
    setLostReplyRate(lostReplyRate);
    setConflictRate(conflictRate);
    setPartialRate(partialRate);
    setLatencyMs(latencyMs);
  }

  Draw draw() {
    double t;
    double f;
    double l;
    double c;
    double p;
    long subset;
    synchronized (random) {
      t = random.nextDouble();
      f = random.nextDouble();
      l = random.nextDouble();
      c = writes.nextDouble();
      p = writes.nextDouble();
      subset = writes.nextLong();
    }
    Fault fault = t < throttleRate ? Fault.THROTTLE : f < failRate ? Fault.FAIL : Fault.NONE;
    return new Draw(fault, l < lostReplyRate, c < conflictRate, p < partialRate, subset);
  }

  int latencyMs() {
    return latencyMs;
  }

  void setThrottleRate(double rate) {
    throttleRate = rate(rate, "throttle rate");
  }

  void setFailRate(double rate) {
    failRate = rate(rate, "fail rate");
  }

  void setLostReplyRate(double rate) {
    lostReplyRate = rate(rate, "lost-reply rate");
  }

  void setConflictRate(double rate) {
    conflictRate = rate(rate, "conflict rate");
  }

  void setPartialRate(double rate) {
    partialRate = rate(rate, "partial rate");
  }

  void setLatencyMs(int ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("latency must be >= 0 ms, not " + ms);
    }
    latencyMs = ms;
  }

  static double rate(double rate, String what) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(what + " must be between 0 and 1, not " + rate);
    }
    return rate;
  }
}
