package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.codeartifact.CallGuard.Operation;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.GatewayException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How long a throttled call waits before it goes again: the server's Retry-After, but never more
 * than 20 s (a server asking for a day is not waited for a day), and the backoff when it gave none.
 * A recording sleeper: nothing really waits.
 */
class RetryAfterBoundTest {
  /** The waits the guard asked for that are not a limiter's spacing (which is under 2 ms here). */
  private final List<Duration> pauses = new ArrayList<>();

  private void record(Duration d) {
    if (d.compareTo(Duration.ofMillis(2)) > 0 || d.isZero()) {
      pauses.add(d);
    }
  }

  @ParameterizedTest(name = "Retry-After {0} s: waits {1} ms")
  @CsvSource({
    "0, 0",
    "1, 1000",
    "20, 20000",
    "21, 20000",
    "86400, 20000",
    "2147483647, 20000",
    // none: the backoff of the first attempt
    ", 200",
  })
  void aThrottledCallWaitsTheRetryAfterUpToTheBound(Long seconds, long expectedMillis) {
    Guard guard = new Guard(Limits.of(1000, 1000), 2, this::record, new Stop());
    AtomicInteger calls = new AtomicInteger();
    String answer =
        guard.call(
            Operation.DeletePackageVersions,
            () -> {
              if (calls.getAndIncrement() == 0) {
                throw new GatewayException(
                    Kind.THROTTLED,
                    "Rate exceeded",
                    null,
                    seconds == null ? null : Duration.ofSeconds(seconds));
              }
              return "done";
            });
    assertThat(answer).isEqualTo("done");
    assertThat(calls.get()).isEqualTo(2);
    assertThat(guard.throttled()).isEqualTo(1);
    assertThat(pauses).containsExactly(Duration.ofMillis(expectedMillis));
  }
}
