package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sandbox counts throttles in a row per request, so a client's retries can be judged. */
class RepeatsTest {
  private static final byte[] ONE = "{\"versions\": [\"1.0.0\"]}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TWO = "{\"versions\": [\"2.0.0\"]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aRequestIsItsOperationQueryAndBody() {
    String a = Repeats.identity("DeletePackageVersions", "package=x", ONE);
    assertThat(Repeats.identity("DeletePackageVersions", "package=x", ONE.clone())).isEqualTo(a);
    assertThat(Repeats.identity("DeletePackageVersions", "package=x", TWO)).isNotEqualTo(a);
    assertThat(Repeats.identity("DeletePackageVersions", "package=y", ONE)).isNotEqualTo(a);
    assertThat(Repeats.identity("UpdatePackageVersionsStatus", "package=x", ONE)).isNotEqualTo(a);
  }

  @Test
  void onlyA429AfterA429ForTheSameRequestIsARepeat() {
    Repeats r = new Repeats();
    r.throttled("a");
    r.throttled("b");
    assertThat(r.repeats()).isZero();
    assertThat(r.longest()).isEqualTo(1);
    r.throttled("a");
    r.throttled("a");
    assertThat(r.repeats()).isEqualTo(2);
    assertThat(r.longest()).isEqualTo(3);
    r.answered(() -> "a"); // its run ends
    r.throttled("a");
    assertThat(r.repeats()).isEqualTo(2);
    r.answered(() -> "c"); // another request's answer ends nothing of a's or b's
    r.throttled("b");
    assertThat(r.repeats()).isEqualTo(3);
    r.reset();
    assertThat(r.repeats()).isZero();
    assertThat(r.longest()).isZero();
  }

  @Test
  void statsShowRepeatsOfRealRequests() throws Exception {
    try (Sandbox sandbox = Fixtures.seeded().throttleRate(1.0).start()) {
      String path =
          "/v1/package/versions/delete?domain=acme&repository=releases&format=npm&package=";
      for (int i = 0; i < 3; i++) {
        assertThat(
                Fixtures.http(
                        sandbox,
                        "POST",
                        path + "left-pad",
                        "{\"versions\": [\"1.0.0\"]}",
                        Fixtures.FAKE_AUTH)
                    .statusCode())
            .isEqualTo(429);
      }
      assertThat(
              Fixtures.http(
                      sandbox,
                      "POST",
                      path + "other",
                      "{\"versions\": [\"1.0.0\"]}",
                      Fixtures.FAKE_AUTH)
                  .statusCode())
          .isEqualTo(429);
      assertThat(sandbox.throttled()).isEqualTo(4);
      assertThat(sandbox.throttledAgain()).isEqualTo(2);
      assertThat(sandbox.mostThrottledInARow()).isEqualTo(3);
      String stats =
          Fixtures.http(sandbox, "GET", "/_sandbox/stats", null, Fixtures.FAKE_AUTH).body();
      assertThat(stats).contains("\"throttledAgain\" : 2", "\"mostThrottledInARow\" : 3");
      sandbox.resetStats();
      assertThat(sandbox.throttledAgain()).isZero();
    }
  }
}
