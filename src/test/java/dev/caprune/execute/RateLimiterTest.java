package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  /** A clock that only moves when the limiter sleeps. */
  private long now = 0;

  private final List<Duration> sleeps = new ArrayList<>();

  private RateLimiter limiter(double rate) {
    return new RateLimiter(
        rate,
        d -> {
          sleeps.add(d);
          now += d.toNanos();
        },
        () -> now);
  }

  @Test
  void spacesCallsEvenlyAtTheRate() throws Exception {
    RateLimiter l = limiter(100);
    for (int i = 0; i < 101; i++) {
      l.acquire();
    }
    // 101 calls at 100/s: the last one starts exactly one second after the first.
    assertThat(now).isEqualTo(1_000_000_000L);
    assertThat(sleeps).hasSize(100).allMatch(d -> d.toMillis() == 10);
  }

  @Test
  void startsAtItsCeilingAndNeverPassesIt() throws Exception {
    RateLimiter l = limiter(100);
    assertThat(l.rate()).isEqualTo(100).isEqualTo(l.ceiling());
    for (int i = 0; i < 1000; i++) {
      l.succeeded();
    }
    assertThat(l.rate()).isEqualTo(100);
    assertThat(l.round()).isZero();
  }

  @Test
  void aThrottleHalvesTheRateOncePerRoundOfCalls() throws Exception {
    RateLimiter l = limiter(100);
    long first = l.acquire();
    long second = l.acquire();
    long third = l.acquire();
    l.throttled(first);
    l.throttled(second);
    l.throttled(third);
    assertThat(l.rate()).as("three calls sent at the old rate count once").isEqualTo(50);
    assertThat(l.round()).isEqualTo(1);
    // A call given its slot at the lowered rate and throttled: the rate is still too high.
    long later = l.acquire();
    l.throttled(later);
    assertThat(l.rate()).isEqualTo(25);
    assertThat(l.round()).isEqualTo(2);
    l.throttled(later);
    assertThat(l.rate()).isEqualTo(25);
  }

  @Test
  void recoversQuicklyToNinetyPercentOfWhereItWasThrottledThenProbesSlowly() throws Exception {
    RateLimiter l = limiter(100);
    l.throttled();
    assertThat(l.rate()).isEqualTo(50);
    // For a second (the throttled calls' Retry-After) the rate holds, whatever goes through.
    for (int i = 0; i < 49; i++) {
      l.acquire();
      l.succeeded();
    }
    assertThat(now).isLessThan(1_000_000_000L);
    assertThat(l.rate()).isEqualTo(50);
    now = 1_000_000_000L;
    // Fast: 2 (a fiftieth of the ceiling) per call that goes through, up to 90 (0.9 x 100).
    int calls = 0;
    while (l.rate() < 90) {
      l.acquire();
      l.succeeded();
      calls++;
    }
    assertThat(calls).isEqualTo(20);
    assertThat(l.rate()).isEqualTo(90);
    // Slow: 5 % of the ceiling per second of calls, whatever the rate.
    long start = now;
    while (now - start < 1_000_000_000L) {
      l.acquire();
      l.succeeded();
    }
    assertThat(l.rate()).isCloseTo(95, org.assertj.core.data.Offset.offset(0.3));
    while (l.rate() < 100) {
      l.acquire();
      l.succeeded();
    }
    assertThat(now - start)
        .as("from 90 to the ceiling: about two seconds")
        .isBetween(1_900_000_000L, 2_100_000_000L);
  }

  @Test
  void aSecondThrottleLowersWhereFastRecoveryStops() throws Exception {
    RateLimiter l = limiter(100);
    l.throttled(); // at 100: fast recovery to 90
    now += 1_000_000_000L;
    while (l.rate() < 90) {
      l.acquire();
      l.succeeded();
    }
    now += 1_000_000_000L;
    l.throttled(); // at 90: now fast only to 81
    assertThat(l.rate()).isEqualTo(45);
    now += 1_000_000_000L;
    int calls = 0;
    while (l.rate() < 81) {
      l.acquire();
      l.succeeded();
      calls++;
    }
    assertThat(calls).isEqualTo(18);
    l.succeeded();
    assertThat(l.rate()).as("past 81 only a little per call").isLessThan(81.1);
  }

  @Test
  void afterAThrottleNoWindowSeesMoreThanTheLoweredRate() throws Exception {
    RateLimiter l = limiter(100);
    l.acquire();
    l.throttled();
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      l.acquire();
      starts.add(now);
    }
    // Ten intervals at 50/s: the next calls are 20 ms apart, not 10 (no catching up).
    assertThat(starts.get(10) - starts.get(0)).isEqualTo(200_000_000L);
  }

  @Test
  void neverFallsBelowTheFloor() {
    RateLimiter l = limiter(100);
    for (int i = 0; i < 20; i++) {
      now += 1_000_000_000L;
      l.throttled();
    }
    assertThat(l.rate()).isEqualTo(5);
  }

  @Test
  void tellsWhenASlotWentUnusedNeverWhileCallersWait() throws Exception {
    RateLimiter l = limiter(100);
    int[] idle = {0};
    l.onIdle(() -> idle[0]++);
    l.acquire(); // the first call: nothing was waiting before it
    for (int i = 0; i < 50; i++) {
      l.acquire(); // each waits its slot: the rate is the limit
    }
    assertThat(idle[0]).isZero();
    now += 9_000_000L; // less than a slot late: nothing lost
    l.acquire();
    assertThat(idle[0]).isZero();
    now += 25_000_000L; // two slots went by with nobody there
    l.acquire();
    assertThat(idle[0]).isEqualTo(1);
    l.acquire(); // and the next one waits again
    assertThat(idle[0]).isEqualTo(1);
  }

  @Test
  void aSlotLeftUnusedAfterAThrottleIsNotIdle() throws Exception {
    RateLimiter l = limiter(100);
    int[] idle = {0};
    l.onIdle(() -> idle[0]++);
    l.acquire();
    l.throttled(l.acquire());
    now += 2_000_000_000L; // the throttled call waited out its back-off: many slots went by
    l.acquire();
    assertThat(idle[0]).as("the quota, not the callers, was the limit").isZero();
    while (l.rate() < 100) { // recovered to the ceiling, call by call
      now += 1_000_000_000L;
      l.acquire();
      l.succeeded();
    }
    now += 2_000_000_000L;
    l.acquire();
    assertThat(idle[0]).as("at the ceiling again, an unused slot is the callers'").isEqualTo(1);
  }
}
