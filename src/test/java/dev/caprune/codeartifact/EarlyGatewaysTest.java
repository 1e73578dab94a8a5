package dev.caprune.codeartifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.codeartifact.CodeArtifactGateway.PackageQuery;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client built before the command line is parsed is used only for the settings it was built
 * for; a wrong guess never sends a call anywhere but where the parsed settings say.
 */
class EarlyGatewaysTest {
  private static final RepositoryRef RELEASES = new RepositoryRef("acme", null, "releases");
  private static Sandbox sandbox;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
    sandbox = Sandbox.builder().demo(Instant.parse("2025-07-01T00:00:00Z")).start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void theEarlyClientServesTheSettingsItWasBuiltFor() throws Exception {
    EarlyGateways early = new EarlyGateways(settings(sandbox.endpoint()));
    Thread builder = new Thread(early::build);
    builder.start();
    builder.join();
    try (CodeArtifactGateway g = early.open(settings(sandbox.endpoint()), CallGuard.DIRECT)) {
      assertThat(packages(g)).isNotEmpty();
    }
    assertThat(early.handedOut()).isTrue();
  }

  @Test
  void aWrongGuessIsBuiltAnewForTheParsedSettings() throws Exception {
    long before = sandbox.calls().values().stream().mapToLong(Long::longValue).sum();
    // Nothing listens on port 1: had the early client been used, the listing would fail.
    EarlyGateways early = new EarlyGateways(settings(URI.create("http://127.0.0.1:1")));
    early.build();
    try (CodeArtifactGateway g = early.open(settings(sandbox.endpoint()), CallGuard.DIRECT)) {
      assertThat(packages(g)).isNotEmpty();
    }
    assertThat(early.handedOut()).isFalse();
    assertThat(sandbox.calls().values().stream().mapToLong(Long::longValue).sum())
        .isGreaterThan(before);
  }

  @Test
  void anEarlyBuildThatNeverStartedIsDoneWhenNeeded() {
    EarlyGateways early = new EarlyGateways(settings(sandbox.endpoint()));
    try (CodeArtifactGateway g = early.open(settings(sandbox.endpoint()), CallGuard.DIRECT)) {
      assertThat(packages(g)).isNotEmpty();
    }
    assertThat(early.handedOut()).isTrue();
  }

  @Test
  void theEarlyClientIsHandedOutOnce() {
    EarlyGateways early = new EarlyGateways(settings(sandbox.endpoint()));
    early.build();
    try (CodeArtifactGateway first = early.open(settings(sandbox.endpoint()), CallGuard.DIRECT);
        CodeArtifactGateway second = early.open(settings(sandbox.endpoint()), CallGuard.DIRECT)) {
      first.close(); // closing the first must not break the second: they share nothing
      assertThat(packages(second)).isNotEmpty();
    }
  }

  @Test
  void aFailedEarlyBuildReportsTheRealBuildsError() {
    // An unknown profile fails when credentials are resolved, not when built; a blank region
    // fails the build itself, early and again when open() builds anew.
    AwsSettings blank = new AwsSettings(" ", null, sandbox.endpoint(), 1);
    EarlyGateways early = new EarlyGateways(blank);
    early.build();
    assertThatThrownBy(() -> early.open(blank, CallGuard.DIRECT))
        .isInstanceOf(RuntimeException.class);
    assertThat(early.handedOut()).isFalse();
  }

  /** The SDK-built HTTP client (TLS, proxies) that every non-loopback endpoint gets works too. */
  @Test
  void theHttpClientForOtherEndpointsCallsAsWell() {
    var http = SdkGateways.httpClient(URI.create("https://codeartifact.us-east-1.amazonaws.com"));
    try (CodeArtifactGateway g =
        new SdkGateway(
            SdkGateways.build(settings(sandbox.endpoint()), http),
            http,
            CallGuard.DIRECT,
            settings(sandbox.endpoint()))) {
      assertThat(packages(g)).isNotEmpty();
    }
  }

  @Test
  void loopbackHttpSkipsTlsAndProxies() {
    assertThat(SdkGateways.isLoopbackHttp(URI.create("http://127.0.0.1:8080"))).isTrue();
    assertThat(SdkGateways.isLoopbackHttp(URI.create("http://localhost:1"))).isTrue();
    assertThat(SdkGateways.isLoopbackHttp(URI.create("http://[::1]:9/"))).isTrue();
    assertThat(SdkGateways.isLoopbackHttp(URI.create("https://127.0.0.1:8443"))).isFalse();
    assertThat(SdkGateways.isLoopbackHttp(URI.create("http://10.0.0.7:8080"))).isFalse();
    assertThat(SdkGateways.isLoopbackHttp(URI.create("http://codeartifact.example"))).isFalse();
    assertThat(SdkGateways.isLoopbackHttp(null)).isFalse();
  }

  private static AwsSettings settings(URI endpoint) {
    return new AwsSettings("us-east-1", null, endpoint, 1);
  }

  private static List<PackageId> packages(CodeArtifactGateway g) {
    List<PackageId> found = new ArrayList<>();
    g.listPackages(RELEASES, new PackageQuery(null, null, null), found::add);
    return found;
  }
}
