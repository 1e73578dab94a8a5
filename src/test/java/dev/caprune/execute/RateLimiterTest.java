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
  void aThrottleHalvesTheRateOnceASecondAndSuccessesWinItBack() {
    RateLimiter l = limiter(100);
    l.throttled();
    l.throttled();
    l.throttled();
    assertThat(l.rate()).as("three throttles in the same second count once").isEqualTo(50);
    now += 1_000_000_000L;
    l.throttled();
    assertThat(l.rate()).isEqualTo(25);
    for (int i = 0; i < 100; i++) {
      l.succeeded();
    }
    assertThat(l.rate()).isEqualTo(100);
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
}
