package dev.caprune.codeartifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.sandbox.Sandbox;
import dev.caprune.select.Asset;
import dev.caprune.select.Format;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.testing.HostileServer;
import dev.caprune.testing.HostileServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's asset listing and package deletion, against the sandbox and odd answers. */
class SdkGatewayAssetsTest {
  private static final RepositoryRef RELEASES = new RepositoryRef("acme", null, "releases");
  private static final PackageId BIG = new PackageId(Format.GENERIC, "tools", "big");
  private static final PackageId X = new PackageId(Format.NPM, null, "x");

  static {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
  }

  /** A generic version with {@code files} assets of sizes 1..files, and npm x with two. */
  private static String seed(int files) {
    StringBuilder a = new StringBuilder();
    for (int i = 1; i <= files; i++) {
      a.append(i == 1 ? "" : ",")
          .append("{\"name\": \"f")
          .append(String.format("%05d", i))
          .append(".bin\", \"size\": ")
          .append(i)
          .append('}');
    }
    return """
        {"domains": [{"name": "acme", "repositories": [{"name": "releases", "packages": [
          {"format": "generic", "namespace": "tools", "name": "big",
           "versions": [{"version": "1.0", "assets": [%s]}]},
          {"format": "npm", "name": "x", "versions": [
            {"version": "1.0.0", "assets": [{"name": "x-1.0.0.tgz", "size": 100,
              "hashes": {"SHA-256": "%s"}}]},
            {"version": "2.0.0", "status": "Archived"}]}
        ]}]}]}
        """
        .formatted(a, "cd".repeat(32));
  }

  private static CodeArtifactGateway gateway(java.net.URI endpoint) {
    return SdkGateways.open(
        new AwsSettings("us-east-1", null, endpoint, 1), Map.of(), CallGuard.DIRECT);
  }

  @Test
  void listsEveryPageOfAVersionsFiles() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().seedJson(seed(2_345)).start();
        CodeArtifactGateway g = gateway(sandbox.endpoint())) {
      List<Asset> assets = g.assets(RELEASES, BIG, "1.0");
      assertThat(assets).hasSize(2_345);
      assertThat(assets.stream().mapToLong(Asset::size).sum()).isEqualTo(2_345L * 2_346 / 2);
      assertThat(assets).extracting(Asset::name).doesNotHaveDuplicates();
      // 1,000 a page: three calls.
      assertThat(sandbox.calls("ListPackageVersionAssets")).isEqualTo(3);
      List<Asset> x = g.assets(RELEASES, X, "1.0.0");
      assertThat(x)
          .containsExactly(new Asset("x-1.0.0.tgz", 100L, Map.of("SHA-256", "cd".repeat(32))));
      assertThat(x.get(0).identity()).isEqualTo("SHA-256:" + "cd".repeat(32));
    }
  }

  @Test
  void aMissingVersionIsNotFound() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().seedJson(seed(1)).start();
        CodeArtifactGateway g = gateway(sandbox.endpoint())) {
      assertThatThrownBy(() -> g.assets(RELEASES, X, "9.9.9"))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.NOT_FOUND));
    }
  }

  @Test
  void deletesAPackageWithEveryVersionWhateverItsStatus() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().seedJson(seed(1)).start();
        CodeArtifactGateway g = gateway(sandbox.endpoint())) {
      g.deletePackage(RELEASES, X);
      assertThat(sandbox.stateJson()).doesNotContain("\"x\"").contains("\"big\"");
      assertThat(sandbox.calls("DeletePackage")).isEqualTo(1);
      assertThatThrownBy(() -> g.deletePackage(RELEASES, X))
          .isInstanceOfSatisfying(
              GatewayException.class, e -> assertThat(e.packageNotFound()).isTrue());
    }
  }

  @Test
  void aRepeatedPageTokenEndsTheListing() throws Exception {
    try (HostileServer server = HostileServer.start();
        CodeArtifactGateway g = gateway(server.endpoint())) {
      server.on(
          "ListPackageVersionAssets",
          Reply.json(
              200, "{\"assets\": [{\"name\": \"a\", \"size\": 1}], \"nextToken\": \"same\"}"));
      assertThatThrownBy(() -> g.assets(RELEASES, X, "1.0.0"))
          .isInstanceOf(GatewayException.class)
          .hasMessageContaining("ListPackageVersionAssets")
          .hasMessageContaining("already returned");
      assertThat(server.requests("ListPackageVersionAssets")).hasSize(2);
    }
  }

  @Test
  void oddAssetsAreKeptWithWhatIsKnown() throws Exception {
    try (HostileServer server = HostileServer.start();
        CodeArtifactGateway g = gateway(server.endpoint())) {
      server.on(
          "ListPackageVersionAssets",
          Reply.json(
              200,
              "{\"assets\": [{\"name\": \"no-size\"}, {\"name\": \"negative\", \"size\": -5},"
                  + " {\"name\": \"no-hashes\", \"size\": 7, \"hashes\": null}]}"));
      List<Asset> assets = g.assets(RELEASES, X, "1.0.0");
      assertThat(assets)
          .containsExactly(
              new Asset("no-size", null, Map.of()),
              new Asset("negative", null, Map.of()),
              new Asset("no-hashes", 7L, Map.of()));
      assertThat(assets.get(2).identity()).isEqualTo("name:no-hashes:7");
    }
  }

  @Test
  void aDeletePackageWithoutAnAnswerIsOfUnknownOutcome() throws Exception {
    try (HostileServer server = HostileServer.start();
        CodeArtifactGateway g =
            SdkGateways.open(
                new AwsSettings(
                    "us-east-1",
                    null,
                    server.endpoint(),
                    1,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(5)),
                Map.of(),
                CallGuard.DIRECT)) {
      server.on("DeletePackage", Reply.hangUp());
      assertThatThrownBy(() -> g.deletePackage(RELEASES, X))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.UNKNOWN_OUTCOME));
      // The JDK's HTTP client sends an idempotent DELETE once more on a connection closed without
      // an answer; the SDK itself does not retry.
      assertThat(server.writes()).hasSizeBetween(1, 2);
    }
  }
}
