package dev.caprune.codeartifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.codeartifact.CodeArtifactGateway.PackageQuery;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.WriteResult;
import dev.caprune.testing.HostileServer;
import dev.caprune.testing.HostileServer.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own bounds and what it tells about a run's target, against the sandbox and the
 * {@link HostileServer}: both HTTP clients (loopback and the SDK-built one for every other
 * endpoint) cut a slow reply at the attempt timeout; a write that got no answer may have taken
 * effect; a listing ends at a repeated token or at the page bound; the region and the domain's
 * account are known.
 */
class SdkGatewayBoundsTest {
  /**
   * A bound's test asserts that the bound cut the call: it ended well before the server would have
   * answered (it holds each reply for 20 s or more, or for ever). How fast is for benchmarks.
   */
  private static final String CUT = "cut by the bound, before the server's own delay";

  private static final RepositoryRef RELEASES = new RepositoryRef("acme", null, "releases");
  private static final PackageId LEFT_PAD =
      new PackageId(dev.caprune.select.Format.NPM, null, "left-pad");

  static {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
  }

  private HostileServer server;

  @BeforeEach
  void start() throws Exception {
    server = HostileServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static AwsSettings settings(URI endpoint, Duration attempt, Duration call) {
    return new AwsSettings("us-east-1", null, endpoint, 1, attempt, call);
  }

  /** The SDK-built client that every endpoint but a loopback http:// one gets. */
  private CodeArtifactGateway sdkClientGateway(AwsSettings settings) {
    var http = SdkGateways.httpClient(URI.create("https://codeartifact.us-east-1.amazonaws.com"));
    return new SdkGateway(SdkGateways.build(settings, http), http, CallGuard.DIRECT, settings);
  }

  @Test
  void theSdkBuiltClientCutsASlowLorisAtTheAttemptTimeout() {
    server.on(
        "ListPackages",
        Reply.slowLoris(
            Reply.json(200, HostileServer.packages("npm", null, "left-pad")),
            Duration.ofSeconds(20)));
    AwsSettings s = settings(server.endpoint(), Duration.ofSeconds(1), Duration.ofSeconds(10));
    long start = System.nanoTime();
    try (CodeArtifactGateway g = sdkClientGateway(s)) {
      assertThatThrownBy(
              () -> g.listPackages(RELEASES, new PackageQuery(null, null, null), p -> {}))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.NETWORK));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as(CUT)
        .isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void theLoopbackClientCutsASlowLorisAtTheAttemptTimeout() {
    server.on(
        "ListPackages",
        Reply.slowLoris(
            Reply.json(200, HostileServer.packages("npm", null, "left-pad")),
            Duration.ofSeconds(20)));
    AwsSettings s = settings(server.endpoint(), Duration.ofSeconds(1), Duration.ofSeconds(10));
    long start = System.nanoTime();
    try (CodeArtifactGateway g = SdkGateways.open(s, Map.of(), CallGuard.DIRECT)) {
      assertThatThrownBy(
              () -> g.listPackages(RELEASES, new PackageQuery(null, null, null), p -> {}))
          .isInstanceOf(GatewayException.class)
          .hasMessageContaining("--attempt-timeout");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as(CUT)
        .isLessThan(Duration.ofSeconds(15));
  }

  /** Headers at once, then a body that trickles: the attempt timeout cuts the body's read too. */
  @Test
  void aBodyThatTricklesIsCutAtTheAttemptTimeout() {
    server.on(
        "ListPackages",
        Reply.slowBody(
            200,
            HostileServer.packages("npm", null, "left-pad").toString(),
            Duration.ofSeconds(20)));
    AwsSettings s = settings(server.endpoint(), Duration.ofSeconds(1), Duration.ofSeconds(10));
    long start = System.nanoTime();
    try (CodeArtifactGateway g = SdkGateways.open(s, Map.of(), CallGuard.DIRECT)) {
      assertThatThrownBy(
              () -> g.listPackages(RELEASES, new PackageQuery(null, null, null), p -> {}))
          .isInstanceOf(GatewayException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as(CUT)
        .isLessThan(Duration.ofSeconds(15));
  }

  /** A stop need not wait for the attempt timeout: abortCalls() ends the calls in flight. */
  @Test
  void abortCallsEndsACallInFlightAndRefusesTheNext() throws Exception {
    server.on("ListPackages", Reply.silence());
    AwsSettings s = settings(server.endpoint(), Duration.ofSeconds(60), Duration.ofSeconds(120));
    try (CodeArtifactGateway g = SdkGateways.open(s, Map.of(), CallGuard.DIRECT)) {
      java.util.concurrent.CompletableFuture<Throwable> failed =
          new java.util.concurrent.CompletableFuture<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  g.listPackages(RELEASES, new PackageQuery(null, null, null), p -> {});
                  failed.complete(null);
                } catch (Throwable e) {
                  failed.complete(e);
                }
              });
      t.start();
      while (server.requests("ListPackages").isEmpty()) {
        Thread.sleep(10);
      }
      g.abortCalls();
      // Within half the 60 s attempt timeout: the abort ended the call, not the timeout.
      Throwable e = failed.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(e)
          .isInstanceOfSatisfying(
              GatewayException.class,
              g2 -> assertThat(g2.kind()).isEqualTo(GatewayException.Kind.NETWORK));

      int sent = server.requests().size();
      assertThatThrownBy(
              () -> g.listPackages(RELEASES, new PackageQuery(null, null, null), p -> {}))
          .isInstanceOf(GatewayException.class);
      assertThat(server.requests()).hasSize(sent);
    }
  }

  /** A write that got no answer in time may have taken effect: the executor must re-list. */
  @Test
  void aWriteWithNoAnswerInTimeHasAnUnknownOutcome() {
    server.on("DeletePackageVersions", Reply.silence());
    AwsSettings s = settings(server.endpoint(), Duration.ofSeconds(1), Duration.ofSeconds(10));
    try (CodeArtifactGateway g = SdkGateways.open(s, Map.of(), CallGuard.DIRECT)) {
      assertThatThrownBy(
              () -> g.deleteVersions(RELEASES, LEFT_PAD, List.of("1.0.0"), VersionStatus.PUBLISHED))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.UNKNOWN_OUTCOME));
    }
    assertThat(server.versionsSentToWrites()).containsExactly("1.0.0");
  }

  /** The call's deadline spans the guard's retries: no new attempt starts once it is spent. */
  @Test
  void noAttemptStartsOnceTheCallTimeoutIsSpent() {
    server.on("ListPackages", Reply.silence());
    AwsSettings s = settings(server.endpoint(), Duration.ofMillis(400), Duration.ofSeconds(1));
    CallGuard retryForever =
        new CallGuard() {
          @Override
          public <T> T call(Operation op, java.util.function.Supplier<T> call) {
            while (true) {
              try {
                return call.get();
              } catch (GatewayException e) {
                if (e.kind() != GatewayException.Kind.NETWORK) {
                  throw e;
                }
              }
            }
          }
        };
    long start = System.nanoTime();
    try (CodeArtifactGateway g = SdkGateways.open(s, Map.of(), retryForever)) {
      assertThatThrownBy(
              () -> g.listPackages(RELEASES, new PackageQuery(null, null, null), p -> {}))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(GatewayException.Kind.TIMEOUT);
                assertThat(e).hasMessageContaining("ListPackages").hasMessageContaining("1 s");
              });
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as(CUT)
        .isLessThan(Duration.ofSeconds(15));
    assertThat(server.requests("ListPackages")).hasSizeBetween(2, 4);
  }

  @Test
  void aListingEndsAtThePageBound() {
    SdkGateway.Pages pages =
        new SdkGateway.Pages(CallGuard.Operation.ListPackageVersions, "left-pad in acme/releases");
    assertThatThrownBy(
            () -> {
              for (int i = 0; ; i++) {
                pages.next("token-" + i);
              }
            })
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("ListPackageVersions")
        .hasMessageContaining(String.valueOf(SdkGateway.MAX_PAGES));
  }

  @Test
  void aListingEndsWithoutAToken() {
    SdkGateway.Pages pages =
        new SdkGateway.Pages(CallGuard.Operation.ListPackages, "acme/releases");
    assertThat(pages.next("a")).isEqualTo("a");
    assertThat(pages.next("b")).isEqualTo("b");
    assertThat(pages.next(null)).isNull();
    assertThat(pages.next("")).isNull();
  }

  @Test
  void theRegionAndTheDomainsAccountAreKnown() throws Exception {
    try (Sandbox sandbox =
            Sandbox.builder().seed(Path.of("src/test/resources/seeds/basic.json")).start();
        CodeArtifactGateway g =
            SdkGateways.open(
                new AwsSettings("eu-west-3", null, sandbox.endpoint(), 1),
                Map.of(),
                CallGuard.DIRECT)) {
      assertThat(g.region()).isEqualTo("eu-west-3");
      // Given: no call.
      assertThat(g.domainOwner("acme", "444455556666")).contains("444455556666");
      assertThat(sandbox.calls("ListRepositoriesInDomain")).isZero();
      // Not given: one small listing tells, once.
      assertThat(g.domainOwner("acme", null)).contains("111122223333");
      assertThat(g.domainOwner("acme", null)).contains("111122223333");
      assertThat(sandbox.calls("ListRepositoriesInDomain")).isEqualTo(1);
    }
  }

  @Test
  void aRepositoryListingAlreadyTellsTheAccount() throws Exception {
    try (Sandbox sandbox =
            Sandbox.builder().seed(Path.of("src/test/resources/seeds/basic.json")).start();
        CodeArtifactGateway g =
            SdkGateways.open(
                new AwsSettings("us-east-1", null, sandbox.endpoint(), 1),
                Map.of(),
                CallGuard.DIRECT)) {
      List<String> names = new ArrayList<>(g.listRepositories("acme", null));
      assertThat(names).contains("releases");
      long listed = sandbox.calls("ListRepositoriesInDomain");
      assertThat(g.domainOwner("acme", null)).contains("111122223333");
      assertThat(sandbox.calls("ListRepositoriesInDomain")).isEqualTo(listed);
    }
  }

  @Test
  void aDomainWithoutRepositoriesHasNoAccountToTell() {
    server.on("ListRepositoriesInDomain", Reply.json(200, "{\"repositories\": []}"));
    AwsSettings s = settings(server.endpoint(), Duration.ofSeconds(5), Duration.ofSeconds(10));
    try (CodeArtifactGateway g = SdkGateways.open(s, Map.of(), CallGuard.DIRECT)) {
      assertThat(g.domainOwner("acme", null)).isEmpty();
    }
  }

  // ---- odd answers: the gateway reports them as said, never crashes on them ----

  private CodeArtifactGateway gateway() {
    AwsSettings s = settings(server.endpoint(), Duration.ofSeconds(5), Duration.ofSeconds(10));
    return SdkGateways.open(s, Map.of(), CallGuard.DIRECT);
  }

  private WriteResult delete(String answer) {
    server.on("DeletePackageVersions", Reply.json(200, answer));
    try (CodeArtifactGateway g = gateway()) {
      return g.deleteVersions(RELEASES, LEFT_PAD, List.of("1.0.0"), VersionStatus.PUBLISHED);
    }
  }

  @Test
  void anEmptyWriteAnswerSaysNothingSucceeded() {
    WriteResult r = delete("{}");
    assertThat(r.successful()).isEmpty();
    assertThat(r.failed()).isEmpty();
  }

  @Test
  void aNullSuccessEntryIsASuccessWithoutDetails() {
    WriteResult r = delete("{\"successfulVersions\": {\"1.0.0\": null}}");
    assertThat(r.successful()).containsOnlyKeys("1.0.0");
    assertThat(r.successful().get("1.0.0").status()).isNull();
  }

  @Test
  void successesForVersionsNeverAskedForAreReportedAsSaid() {
    WriteResult r = delete(HostileServer.writeResult("Deleted", "1.0.0", "9.9.9").toString());
    // The executor, not the gateway, decides what to make of 9.9.9: the gateway hides nothing.
    assertThat(r.successful()).containsOnlyKeys("1.0.0", "9.9.9");
  }

  @Test
  void wrongJsonTypesAreAServiceFailure() {
    server.on("ListPackages", Reply.json(200, "{\"packages\": \"not a list\"}"));
    try (CodeArtifactGateway g = gateway()) {
      assertThatThrownBy(
              () -> g.listPackages(RELEASES, new PackageQuery(null, null, null), p -> {}))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(GatewayException.Kind.SERVICE);
                assertThat(e).hasMessageContaining("could not be read");
              });
    }
  }

  @Test
  void aWrongTypeInAWriteAnswerIsAnUnknownOutcome() {
    server.on("DeletePackageVersions", Reply.json(200, "{\"successfulVersions\": [1, 2]}"));
    try (CodeArtifactGateway g = gateway()) {
      assertThatThrownBy(
              () -> g.deleteVersions(RELEASES, LEFT_PAD, List.of("1.0.0"), VersionStatus.PUBLISHED))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.SERVICE));
    }
  }

  @Test
  void aListingWithoutDefaultDisplayVersionSaysSoAndKeepsEscapesAsData() {
    server.on(
        "ListPackageVersions",
        Reply.json(
            200,
            HostileServer.versions("npm", "left-pad", null, "1.0.0", "2.0.0\u001b]0;pwned\u0007")));
    try (CodeArtifactGateway g = gateway()) {
      var listing =
          g.listVersions(
              RELEASES, LEFT_PAD, new CodeArtifactGateway.VersionQuery(null, null, false));
      assertThat(listing.defaultDisplayVersion()).isNull();
      assertThat(listing.versions())
          .extracting(dev.caprune.select.VersionSummary::version)
          .containsExactly("1.0.0", "2.0.0\u001b]0;pwned\u0007");
    }
  }
}
