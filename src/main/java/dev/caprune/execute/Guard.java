package dev.caprune.execute;

import dev.caprune.codeartifact.CallGuard;
import dev.caprune.codeartifact.GatewayException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * caprune's one policy for every call: stay under the rate limits, retry what is safe to retry,
 * count what was done, and start nothing once a stop was requested.
 *
 * <p>Safe to retry: any call that was throttled or never reached the service, and reads after a
 * 5xx. A write that got a 5xx or lost its answer may have taken effect: it goes back to the {@link
 * Executor}, which learns from a fresh listing what happened before trying again.
 */
public final class Guard implements CallGuard {
  /** A Retry-After longer than this is not waited for in full (a misbehaving server). */
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(20);

  private final Pacing pacing;
  private final int maxAttempts;
  private final Sleeper sleeper;
  private final Stop stop;
  private final Map<Operation, LongAdder> calls = new EnumMap<>(Operation.class);
  private final LongAdder throttled = new LongAdder();

  public Guard(Limits limits, int maxAttempts, Sleeper sleeper, Stop stop) {
    this(new Pacing(limits, sleeper), maxAttempts, sleeper, stop);
  }

  /**
   * @param pacing the rate limiters, shared with every guard that spends the same quota
   */
  public Guard(Pacing pacing, int maxAttempts, Sleeper sleeper, Stop stop) {
    this.pacing = pacing;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.sleeper = sleeper;
    this.stop = stop;
    for (Operation op : Operation.values()) {
      calls.put(op, new LongAdder());
    }
  }

  @Override
  public <T> T call(Operation op, Supplier<T> call) {
    RateLimiter category = pacing.category(op);
    RateLimiter own = pacing.own(op);
    for (int attempt = 1; ; attempt++) {
      if (stop.requested()) {
        throw new Stop.StoppedException();
      }
      long ownRound = 0;
      long categoryRound;
      try {
        if (own != null) {
          ownRound = own.acquire();
        }
        categoryRound = category.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop.StoppedException();
      }
      if (stop.requested()) {
        throw new Stop.StoppedException(); // the stop came while this call waited for its slot
      }
      calls.get(op).increment();
      try {
        T result = call.get();
        category.succeeded();
        if (own != null) {
          own.succeeded();
        }
        return result;
      } catch (GatewayException e) {
        boolean retry =
            switch (e.kind()) {
              case THROTTLED -> {
                throttled.increment();
                category.throttled(categoryRound);
                if (own != null) {
                  own.throttled(ownRound);
                }
                yield true;
              }
              case NETWORK -> true;
              case SERVICE -> !op.write();
              case NOT_FOUND,
                  ACCESS_DENIED,
                  UNTRUSTED,
                  VALIDATION,
                  CONFIGURATION,
                  UNKNOWN_OUTCOME,
                  CONFLICT,
                  TIMEOUT ->
                  false;
            };
        if (!retry || attempt >= maxAttempts) {
          if (e.kind() == GatewayException.Kind.THROTTLED) {
            // The server's own words ("Rate exceeded") do not say that caprune tried and waited.
            throw new GatewayException(
                e.kind(),
                e.getMessage()
                    + " (throttled on "
                    + (attempt == 1 ? "its only attempt" : "all " + attempt + " attempts")
                    + ": lower --max-"
                    + (op.write() ? "write" : "read")
                    + "-rps or raise --max-attempts)",
                e,
                e.retryAfter(),
                e.resourceType());
          }
          throw e;
        }
        // A throttled call waits what the server asked (Retry-After), and goes again only through
        // its limiters, which the throttle has just slowed; the others go on at the lowered rate.
        pause(
            e.kind() == GatewayException.Kind.THROTTLED && e.retryAfter() != null
                ? min(e.retryAfter(), MAX_RETRY_AFTER)
                : backoffFor(attempt));
      }
    }
  }

  private void pause(Duration d) {
    try {
      if (sleeper == Sleeper.REAL) {
        if (stop.await(d)) {
          throw new Stop.StoppedException(); // a signal ends a long Retry-After at once
        }
        return;
      }
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stop.StoppedException();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Exponential: 200 ms, 400 ms, 800 ms ... capped at 5 s. */
  static Duration backoffFor(int attempt) {
    return Duration.ofMillis(Math.min(5_000L, 100L << Math.min(attempt, 10)));
  }

  /** Calls started per operation, retries included. */
  public Map<Operation, Long> calls() {
    Map<Operation, Long> m = new EnumMap<>(Operation.class);
    calls.forEach((op, n) -> m.put(op, n.sum()));
    return m;
  }

  public long throttled() {
    return throttled.sum();
  }
}
