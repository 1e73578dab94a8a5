package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.codeartifact.CallGuard.Operation;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.GatewayException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures {@link Guard} tries again, and how often: counted calls, no real waiting. */
class GuardRetryTest {
  private final List<Duration> pauses = new ArrayList<>();

  @ParameterizedTest(name = "{0} on {1}: {2} attempts")
  @CsvSource({
    // A certificate nobody vouches for is refused the same way every time: once, no pause.
    "UNTRUSTED, ListPackageVersions, 1",
    "UNTRUSTED, DeletePackageVersions, 1",
    "ACCESS_DENIED, ListPackageVersions, 1",
    "CONFIGURATION, ListPackageVersions, 1",
    // The network may come back: every attempt is used.
    "NETWORK, ListPackageVersions, 4",
    "NETWORK, DeletePackageVersions, 4",
    "SERVICE, ListPackageVersions, 4",
    "SERVICE, DeletePackageVersions, 1",
  })
  void triesAFailureAgainOnlyWhereAnotherAttemptCanChangeIt(Kind kind, Operation op, int attempts) {
    Guard guard = new Guard(Limits.of(1000, 1000), 4, pauses::add, new Stop());
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                guard.call(
                    op,
                    () -> {
                      calls.incrementAndGet();
                      throw new GatewayException(kind, "refused", null);
                    }))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    assertThat(calls.get()).isEqualTo(attempts);
    assertThat(guard.calls().get(op)).isEqualTo((long) attempts);
    if (attempts == 1) {
      assertThat(pauses).as("no pause before giving up").isEmpty();
    }
  }
}
