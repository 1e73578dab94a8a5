package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pacing at the quota, against a sandbox that enforces AWS's default quotas: caprune starts at the
 * quota, a throttle slows it before any retry (no request is throttled twice in a row), and targets
 * that spend one quota share its limits. Calls and throttles are counted, never wall time.
 */
class PacingTest {
  @TempDir Path dir;

  /** Repositories {@code names} in domain acme, each with {@code packages} npm packages of 3. */
  private static String seed(int packages, String... names) {
    StringBuilder repos = new StringBuilder();
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    for (String name : names) {
      StringBuilder pkgs = new StringBuilder();
      for (int p = 0; p < packages; p++) {
        pkgs.append(p == 0 ? "" : ",")
            .append("{\"format\": \"npm\", \"name\": \"pkg-")
            .append(p)
            .append("\", \"versions\": [");
        for (int v = 0; v < 3; v++) {
          pkgs.append(v == 0 ? "" : ",")
              .append("{\"version\": \"1.0.")
              .append(v)
              .append("\", \"publishedTime\": \"")
              .append(t.plusSeconds(86_400L * v))
              .append("\"}");
        }
        pkgs.append("]}");
      }
      repos
          .append(repos.length() == 0 ? "" : ",")
          .append("{\"name\": \"")
          .append(name)
          .append("\", \"packages\": [")
          .append(pkgs)
          .append("]}");
    }
    return "{\"domains\": [{\"name\": \"acme\", \"repositories\": [" + repos + "]}]}";
  }

  /** What the report says was deleted is exactly what left the sandbox, and nothing failed. */
  private static void assertReportIsTheChange(CliResult r, Set<String> before, Set<String> after)
      throws Exception {
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(before).containsAll(after);
    assertThat(doc.path("summary").path("succeeded").asInt())
        .as(r::toString)
        .isEqualTo(before.size() - after.size());
    assertThat(doc.path("summary").path("failed").asInt()).as(r::toString).isZero();
  }

  @Test
  void twoTargetsSpendingOneQuotaShareItsLimitsAndAreNotThrottled() throws Exception {
    // 2 x 250 delete calls: 5 s at the write quota together, twice the quota if each went alone.
    try (SandboxHarness h =
        new SandboxHarness(
            Sandbox.builder().seedJson(seed(250, "one", "two")).quotas(true).start())) {
      String u = h.sandbox.endpoint().toString();
      Path file = dir.resolve("retention.yaml");
      Files.writeString(
          file,
          "version: 1\ntargets:\n"
              + "  - {name: one, domain: acme, endpointUrl: '"
              + u
              + "', repositories: [one]}\n"
              + "  - {name: two, domain: acme, endpointUrl: '"
              + u
              + "/', repositories: [two]}\n"
              + "rules:\n  - {name: old, action: delete, all: true}\n");
      Set<String> before = SandboxState.versions(h.state());
      CliResult r = h.runRaw("policy", "run", file.toString(), "--yes", "-o", "json", "-q");
      Set<String> after = SandboxState.versions(h.state());
      assertReportIsTheChange(r, before, after);
      assertThat(before.size() - after.size()).isEqualTo(2 * 250 * 2);
      assertThat(h.calls("DeletePackageVersions")).isEqualTo(500);
      assertThat(h.sandbox.throttled()).as("one quota, one pace").isZero();
    }
  }

  @Test
  void aCapOverTheQuotaIsThrottledButNoRequestTwiceInARow() throws Exception {
    // A quota lower than caprune's cap (here 100 against 300): throttles happen, retries do not.
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().seedJson(seed(600, "one")).quotas(true).start())) {
      Set<String> before = SandboxState.versions(h.state());
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "one",
              "--all",
              "--yes",
              "-o",
              "json",
              "-q",
              "--max-write-rps",
              "300",
              "--concurrency",
              "16");
      Set<String> after = SandboxState.versions(h.state());
      assertReportIsTheChange(r, before, after);
      assertThat(before.size() - after.size()).isEqualTo(600 * 2);
      assertThat(h.sandbox.throttled()).as("the cap is over the quota").isPositive();
      assertThat(h.sandbox.throttledAgain()).as("no request throttled twice in a row").isZero();
      assertThat(h.sandbox.mostThrottledInARow()).isEqualTo(1);
    }
  }

  @Test
  void aThrottledCallIsRetriedOnlyAfterTheRateWentDownAndIsNotThrottledAgain() throws Exception {
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().seedJson(seed(300, "one")).quotas(true).start())) {
      // Another client spends the write quota at once when caprune's first delete arrives.
      HttpClient http = HttpClient.newHttpClient();
      AtomicInteger othersThrottled = new AtomicInteger();
      List<CompletableFuture<HttpResponse<String>>> burst =
          new java.util.concurrent.CopyOnWriteArrayList<>();
      h.sandbox.beforeNextCall(
          "DeletePackageVersions",
          () -> {
            for (int i = 0; i < 150; i++) {
              // Each a request of its own (none is ever sent twice): no repeat is the burst's.
              HttpRequest request =
                  HttpRequest.newBuilder(
                          URI.create(
                              h.sandbox.endpoint()
                                  + "/v1/package/versions/delete?domain=acme&repository=one"
                                  + "&format=npm&package=absent-"
                                  + i))
                      .header("Authorization", dev.caprune.testing.Fixtures.FAKE_AUTH)
                      .POST(HttpRequest.BodyPublishers.ofString("{\"versions\": [\"9.9.9\"]}"))
                      .build();
              burst.add(
                  http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                      .whenComplete(
                          (resp, e) -> {
                            if (resp != null && resp.statusCode() == 429) {
                              othersThrottled.incrementAndGet();
                            }
                          }));
            }
            // The burst is answered before caprune's first delete is: the bucket is empty when
            // caprune's next writes arrive, however slowly this machine sends the burst.
            CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new))
                .orTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                .join();
          });
      Set<String> before = SandboxState.versions(h.state());
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "one",
              "--all",
              "--yes",
              "-o",
              "json",
              "-q");
      CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).join();
      Set<String> after = SandboxState.versions(h.state());
      assertReportIsTheChange(r, before, after);
      assertThat(before.size() - after.size()).isEqualTo(300 * 2);
      long capruneThrottled = h.sandbox.throttled() - othersThrottled.get();
      assertThat(capruneThrottled).as("the burst must have throttled caprune").isPositive();
      assertThat(h.sandbox.throttledAgain()).as("no request throttled twice in a row").isZero();
      assertThat(h.sandbox.mostThrottledInARow()).isEqualTo(1);
    }
  }
}
