package dev.caprune.sandbox;

import java.util.Random;

/**
 * Injected failures, drawn from one seeded {@link Random} so a run can be replayed. Every call
 * draws exactly three numbers (throttle, fail, lost reply) whatever the rates, so the sequence of
 * outcomes depends only on the seed and the order of calls.
 */
final class Faults {
  /** What happens to one call. */
  enum Fault {
    NONE,
    THROTTLE,
    FAIL
  }

  /** The draw for one call: a fault instead of executing it, and whether to lose the reply. */
  record Draw(Fault fault, boolean loseReply) {}

  private final Random random;
  private volatile double throttleRate;
  private volatile double failRate;
  private volatile double lostReplyRate;
  private volatile int latencyMs;

  Faults(long seed, double throttleRate, double failRate, double lostReplyRate, int latencyMs) {
    this.random = new Random(seed);
    setThrottleRate(throttleRate);
    setFailRate(failRate);
    setLostReplyRate(lostReplyRate);
    setLatencyMs(latencyMs);
  }

  Draw draw() {
    double t;
    double f;
    double l;
    synchronized (random) {
      t = random.nextDouble();
      f = random.nextDouble();
      l = random.nextDouble();
    }
    Fault fault = t < throttleRate ? Fault.THROTTLE : f < failRate ? Fault.FAIL : Fault.NONE;
    return new Draw(fault, l < lostReplyRate);
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
