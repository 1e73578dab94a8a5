package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.AccessDeniedException;
import software.amazon.awssdk.services.codeartifact.model.CodeartifactException;
import software.amazon.awssdk.services.codeartifact.model.InternalServerException;
import software.amazon.awssdk.services.codeartifact.model.PackageFormat;
import software.amazon.awssdk.services.codeartifact.model.ThrottlingException;

/** Injected faults, quotas, signature checks and statistics. */
class SandboxFaultsTest {

  private static void listLeftPad(CodeartifactClient client) {
    client.listPackageVersions(
        r ->
            r.domain("acme")
                .repository("releases")
                .format(PackageFormat.NPM)
                .packageValue("left-pad"));
  }

  @Test
  void throttledCallsAre429WithRetryAfterAndAreCounted() throws Exception {
    try (Sandbox sandbox = Fixtures.seeded().throttleRate(1.0).start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      assertThatThrownBy(() -> listLeftPad(client))
          .isInstanceOfSatisfying(
              ThrottlingException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(e.retryAfterSeconds()).isEqualTo(1);
              });
      HttpResponse<String> raw =
          Fixtures.http(
              sandbox,
              "POST",
              "/v1/packages?domain=acme&repository=releases",
              null,
              Fixtures.FAKE_AUTH);
      assertThat(raw.statusCode()).isEqualTo(429);
      assertThat(raw.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(raw.headers().firstValue("x-amzn-ErrorType")).hasValue("ThrottlingException");
      assertThat(sandbox.calls("ListPackageVersions")).isEqualTo(1);
      assertThat(sandbox.calls("ListPackages")).isEqualTo(1);
      assertThat(sandbox.throttled()).isEqualTo(2);
      // admin routes are never faulted
      HttpResponse<String> stats = Fixtures.http(sandbox, "GET", "/_sandbox/stats", null);
      assertThat(stats.statusCode()).isEqualTo(200);
      assertThat(stats.body())
          .contains("\"ListPackageVersions\" : 1")
          .contains("\"throttled\" : 2");
      sandbox.setThrottleRate(0);
      listLeftPad(client);
      assertThat(sandbox.calls("ListPackageVersions")).isEqualTo(2);
    }
  }

  @Test
  void failedCallsAre500InternalServerException() throws Exception {
    try (Sandbox sandbox = Fixtures.seeded().failRate(1.0).start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      assertThatThrownBy(() -> listLeftPad(client))
          .isInstanceOfSatisfying(
              InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
      assertThat(sandbox.failed()).isEqualTo(1);
      assertThat(sandbox.stateJson()).contains("left-pad");
    }
  }

  @Test
  void aLostReplyTakesEffectButTheClientHearsNothing() throws Exception {
    try (Sandbox sandbox = Fixtures.seeded().lostReplyRate(1.0).start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      assertThatThrownBy(
              () ->
                  client.deletePackageVersions(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.NPM)
                              .packageValue("left-pad")
                              .versions("1.0.0")))
          .isInstanceOf(SdkClientException.class)
          .hasRootCauseInstanceOf(IOException.class);
      // the SDK does not resend on its own (no retries here), so the call was made once
      assertThat(sandbox.lostReplies()).isEqualTo(1);
      assertThat(sandbox.calls("DeletePackageVersions")).isEqualTo(1);
      var leftPad =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(sandbox.stateJson())
              .at("/domains/0/repositories/1/packages/1");
      assertThat(leftPad.get("name").asText()).isEqualTo("left-pad");
      assertThat(leftPad.get("versions")).hasSize(1);
      assertThat(leftPad.at("/versions/0/version").asText()).isEqualTo("1.3.0");
      sandbox.setLostReplyRate(0);
      var again =
          client.deletePackageVersions(
              r ->
                  r.domain("acme")
                      .repository("releases")
                      .format(PackageFormat.NPM)
                      .packageValue("left-pad")
                      .versions("1.0.0"));
      assertThat(again.failedVersions().get("1.0.0").errorCodeAsString()).isEqualTo("NOT_FOUND");
    }
  }

  @Test
  void faultsReplayForTheSameSeed() throws Exception {
    assertThat(outcomes(7)).isEqualTo(outcomes(7)).isNotEqualTo(outcomes(8));
  }

  private static List<String> outcomes(long seed) throws Exception {
    List<String> out = new ArrayList<>();
    try (Sandbox sandbox =
            Fixtures.seeded().randomSeed(seed).throttleRate(0.3).failRate(0.3).start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      for (int i = 0; i < 30; i++) {
        try {
          listLeftPad(client);
          out.add("ok");
        } catch (CodeartifactException e) {
          out.add(Integer.toString(e.statusCode()));
        }
      }
    }
    assertThat(out).contains("ok", "429", "500");
    return out;
  }

  @Test
  void latencyIsAddedToEveryCall() throws Exception {
    try (Sandbox sandbox = Fixtures.seeded().latencyMs(300).start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      long start = System.nanoTime();
      listLeftPad(client);
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }
  }

  @Test
  void signaturesAreVerifiedWhenCredentialsAreSet() throws Exception {
    try (Sandbox sandbox = Fixtures.seeded().credentials("AKIDSANDBOX", "s3cr3t").start();
        CodeartifactClient good = Fixtures.client(sandbox, "AKIDSANDBOX", "s3cr3t");
        CodeartifactClient badSecret = Fixtures.client(sandbox, "AKIDSANDBOX", "wrong");
        CodeartifactClient badKey = Fixtures.client(sandbox, "AKIDOTHER", "s3cr3t")) {
      listLeftPad(good);
      // query strings, bodies and the GET method are all signed and checked
      good.deletePackageVersions(
          r ->
              r.domain("acme")
                  .repository("releases")
                  .format(PackageFormat.MAVEN)
                  .namespace("com.acme")
                  .packageValue("core")
                  .versions("1.0", "1.2-SNAPSHOT"));
      good.describePackageVersion(
          r ->
              r.domain("acme")
                  .repository("releases")
                  .format(PackageFormat.NPM)
                  .namespace("acme")
                  .packageValue("ui-kit")
                  .packageVersion("2.1.0-beta.1"));
      good.listDomains(r -> r.maxResults(5));
      assertThatThrownBy(() -> listLeftPad(badSecret))
          .isInstanceOfSatisfying(
              AccessDeniedException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.getMessage()).contains("signature");
              });
      assertThatThrownBy(() -> listLeftPad(badKey))
          .isInstanceOfSatisfying(
              AccessDeniedException.class,
              e -> assertThat(e.getMessage()).contains("security token"));
      assertThat(
              Fixtures.http(sandbox, "POST", "/v1/domains", "{}", Fixtures.FAKE_AUTH).statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void awsQuotasThrottleBurstsOfWrites() throws Exception {
    try (Sandbox sandbox = Fixtures.seeded().quotas(true).start()) {
      // Plain HTTP, all at once: the SDK is too slow on a small machine to outrun 100/s.
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      sandbox.endpoint()
                          + "/v1/package/versions/delete?domain=acme&repository=releases"
                          + "&format=npm&package=left-pad"))
              .header("Authorization", Fixtures.FAKE_AUTH)
              .POST(HttpRequest.BodyPublishers.ofString("{\"versions\": [\"9.9.9\"]}"))
              .build();
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      // At most 200 in flight: far over the quota, short of flooding the loopback accept queue.
      java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(200);
      for (int i = 0; i < 600; i++) {
        inFlight.acquire();
        sent.add(
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> inFlight.release()));
      }
      int ok = 0;
      int throttled = 0;
      for (CompletableFuture<HttpResponse<String>> f : sent) {
        HttpResponse<String> r = f.get();
        if (r.statusCode() == 200) {
          ok++;
        } else {
          assertThat(r.statusCode()).isEqualTo(429);
          assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
          throttled++;
        }
      }
      assertThat(ok).isGreaterThanOrEqualTo(100);
      assertThat(throttled).isPositive();
      assertThat(sandbox.throttled()).isEqualTo(throttled);
      assertThat(sandbox.calls("DeletePackageVersions")).isEqualTo(600);
    }
  }

  @Test
  void statsCountEveryCallAndReset() throws Exception {
    try (Sandbox sandbox = Fixtures.seeded().start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      listLeftPad(client);
      listLeftPad(client);
      client.listDomains(r -> {});
      assertThat(sandbox.calls())
          .containsEntry("ListPackageVersions", 2L)
          .containsEntry("ListDomains", 1L)
          .hasSize(2);
      HttpResponse<String> reset = Fixtures.http(sandbox, "POST", "/_sandbox/stats/reset", "");
      assertThat(reset.statusCode()).isEqualTo(200);
      assertThat(sandbox.calls()).isEmpty();
      assertThat(Fixtures.http(sandbox, "GET", "/_sandbox/nope", null).statusCode()).isEqualTo(404);
      assertThat(Fixtures.http(sandbox, "DELETE", "/_sandbox/state", null).statusCode())
          .isEqualTo(405);
    }
  }
}
