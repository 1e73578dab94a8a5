package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.testing.Fixtures;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.ConflictException;
import software.amazon.awssdk.services.codeartifact.model.PackageFormat;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionErrorCode;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionStatus;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionSummary;
import software.amazon.awssdk.services.codeartifact.model.PublishPackageVersionRequest;
import software.amazon.awssdk.services.codeartifact.model.PublishPackageVersionResponse;
import software.amazon.awssdk.services.codeartifact.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeartifact.model.ResourceType;
import software.amazon.awssdk.services.codeartifact.model.ValidationException;

/** PublishPackageVersion (generic), through the real SDK: how a revision really changes. */
class SandboxPublishTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  Sandbox sandbox;
  CodeartifactClient client;

  @BeforeEach
  void start() throws Exception {
    sandbox = Fixtures.seeded().start();
    client = Fixtures.client(sandbox);
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  private PublishPackageVersionResponse publish(
      String version, String asset, String content, Boolean unfinished) throws Exception {
    return publish(client, version, asset, content, unfinished, b -> {});
  }

  static PublishPackageVersionResponse publish(
      CodeartifactClient client,
      String version,
      String asset,
      String content,
      Boolean unfinished,
      Consumer<PublishPackageVersionRequest.Builder> more)
      throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    PublishPackageVersionRequest.Builder b =
        PublishPackageVersionRequest.builder()
            .domain("acme")
            .repository("releases")
            .format(PackageFormat.GENERIC)
            .namespace("tools")
            .packageValue("cli")
            .packageVersion(version)
            .assetName(asset)
            .assetSHA256(sha256(bytes))
            .unfinished(unfinished);
    more.accept(b);
    return client.publishPackageVersion(b.build(), RequestBody.fromBytes(bytes));
  }

  private Map<String, PackageVersionSummary> listed() {
    return client
        .listPackageVersions(
            r ->
                r.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.GENERIC)
                    .namespace("tools")
                    .packageValue("cli"))
        .versions()
        .stream()
        .collect(java.util.stream.Collectors.toMap(PackageVersionSummary::version, v -> v));
  }

  private JsonNode stateOf(String version) throws Exception {
    for (JsonNode r : JSON.readTree(sandbox.stateJson()).at("/domains/0/repositories")) {
      for (JsonNode p : r.path("packages")) {
        if (r.path("name").asText().equals("releases")
            && p.path("format").asText().equals("generic")
            && p.path("name").asText().equals("cli")) {
          for (JsonNode v : p.path("versions")) {
            if (v.path("version").asText().equals(version)) {
              return v;
            }
          }
        }
      }
    }
    return null;
  }

  @Test
  void aPublishCreatesTheVersionAndAnswersLikeAws() throws Exception {
    PublishPackageVersionResponse r = publish("1.0.0", "cli.tar.gz", "first", null);
    assertThat(r.formatAsString()).isEqualTo("generic");
    assertThat(r.namespace()).isEqualTo("tools");
    assertThat(r.packageValue()).isEqualTo("cli");
    assertThat(r.version()).isEqualTo("1.0.0");
    assertThat(r.status()).isEqualTo(PackageVersionStatus.PUBLISHED);
    assertThat(r.versionRevision()).matches("[A-Za-z0-9+/]{43}=");
    assertThat(r.asset().name()).isEqualTo("cli.tar.gz");
    assertThat(r.asset().size()).isEqualTo(5);
    assertThat(r.asset().hashesAsStrings())
        .containsEntry("SHA-256", sha256("first".getBytes(StandardCharsets.UTF_8)))
        .containsKeys("MD5", "SHA-1", "SHA-512");
    // the listing, the describe, the assets and the state all agree
    assertThat(listed().get("1.0.0").revision()).isEqualTo(r.versionRevision());
    var described =
        client
            .describePackageVersion(
                d ->
                    d.domain("acme")
                        .repository("releases")
                        .format(PackageFormat.GENERIC)
                        .namespace("tools")
                        .packageValue("cli")
                        .packageVersion("1.0.0"))
            .packageVersion();
    assertThat(described.revision()).isEqualTo(r.versionRevision());
    assertThat(described.publishedTime()).isNotNull();
    var assets =
        client.listPackageVersionAssets(
            a ->
                a.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.GENERIC)
                    .namespace("tools")
                    .packageValue("cli")
                    .packageVersion("1.0.0"));
    assertThat(assets.versionRevision()).isEqualTo(r.versionRevision());
    assertThat(assets.assets()).hasSize(1);
    assertThat(assets.assets().get(0).hashesAsStrings()).isEqualTo(r.asset().hashesAsStrings());
    JsonNode state = stateOf("1.0.0");
    assertThat(state.path("status").asText()).isEqualTo("Published");
    assertThat(state.path("revision").asText()).isEqualTo(r.versionRevision());
    assertThat(sandbox.calls("PublishPackageVersion")).isEqualTo(1);
    assertThat(Fixtures.http(sandbox, "GET", "/_sandbox/stats", null).body())
        .contains("\"PublishPackageVersion\" : 1");
  }

  @Test
  void aRevisionChangesBetweenListingAndWriting() throws Exception {
    String first = publish("2.0.0", "part-1.bin", "one", true).versionRevision();
    PackageVersionSummary listedBefore = listed().get("2.0.0");
    assertThat(listedBefore.status()).isEqualTo(PackageVersionStatus.UNFINISHED);
    assertThat(listedBefore.revision()).isEqualTo(first);

    // another client adds an asset: the version is still Unfinished, with a new revision
    PublishPackageVersionResponse second = publish("2.0.0", "part-2.bin", "two", true);
    assertThat(second.status()).isEqualTo(PackageVersionStatus.UNFINISHED);
    assertThat(second.versionRevision()).isNotEqualTo(first);

    // a write pinned to the listed revision is refused, and changes nothing
    String before = sandbox.stateJson();
    var refused =
        client.updatePackageVersionsStatus(
            r ->
                r.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.GENERIC)
                    .namespace("tools")
                    .packageValue("cli")
                    .versions("2.0.0")
                    .versionRevisions(Map.of("2.0.0", listedBefore.revision()))
                    .targetStatus(PackageVersionStatus.ARCHIVED));
    assertThat(refused.successfulVersions()).isEmpty();
    assertThat(refused.failedVersions().get("2.0.0").errorCode())
        .isEqualTo(PackageVersionErrorCode.MISMATCHED_REVISION);
    assertThat(refused.failedVersions().get("2.0.0").errorMessage())
        .isEqualTo(
            "current revision: " + second.versionRevision() + ", expected revision: " + first);
    assertThat(sandbox.stateJson()).isEqualTo(before);

    // the last asset without the flag publishes the version, with yet another revision
    PublishPackageVersionResponse last = publish("2.0.0", "part-3.bin", "three", null);
    assertThat(last.status()).isEqualTo(PackageVersionStatus.PUBLISHED);
    assertThat(last.versionRevision()).isNotIn(first, second.versionRevision());
    var disposed =
        client.disposePackageVersions(
            r ->
                r.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.GENERIC)
                    .namespace("tools")
                    .packageValue("cli")
                    .versions("2.0.0")
                    .versionRevisions(Map.of("2.0.0", last.versionRevision())));
    assertThat(disposed.successfulVersions().get("2.0.0").revision())
        .isEqualTo(last.versionRevision());
    assertThat(stateOf("2.0.0").path("status").asText()).isEqualTo("Disposed");
    assertThat(stateOf("2.0.0").path("assets").size()).isZero();
  }

  @Test
  void aDeletedVersionRepublishedHasANewRevision() throws Exception {
    String old = publish("3.0.0", "a.bin", "same", null).versionRevision();
    client.deletePackageVersions(
        r ->
            r.domain("acme")
                .repository("releases")
                .format(PackageFormat.GENERIC)
                .namespace("tools")
                .packageValue("cli")
                .versions("3.0.0"));
    assertThat(stateOf("3.0.0")).isNull();
    PublishPackageVersionResponse again = publish("3.0.0", "a.bin", "same", null);
    assertThat(again.versionRevision()).isNotEqualTo(old);
    assertThat(listed().get("3.0.0").revision()).isEqualTo(again.versionRevision());
  }

  @Test
  void aPublishedVersionOrAnAssetTwiceIsAConflict() throws Exception {
    publish("4.0.0", "a.bin", "a", true);
    assertThatThrownBy(() -> publish("4.0.0", "a.bin", "again", true))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(409);
              assertThat(e.resourceType()).isEqualTo(ResourceType.ASSET);
              assertThat(e.resourceId()).isEqualTo("a.bin");
            });
    publish("4.0.0", "b.bin", "b", false);
    String before = sandbox.stateJson();
    assertThatThrownBy(() -> publish("4.0.0", "c.bin", "c", null))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.resourceType()).isEqualTo(ResourceType.PACKAGE_VERSION);
              assertThat(e.resourceId()).isEqualTo("4.0.0");
              assertThat(e.awsErrorDetails().errorMessage()).contains("is Published");
            });
    assertThat(sandbox.stateJson()).isEqualTo(before);
    assertThat(stateOf("4.0.0").path("assets").size()).isEqualTo(2);
  }

  @Test
  void badPublishesAreRefusedAndChangeNothing() throws Exception {
    String before = sandbox.stateJson();
    // The SDK's signer writes x-amz-content-sha256 (the header assetSHA256 travels in) itself, from
    // the body: a wrong hash can only be sent by hand.
    HttpResponse<String> wrongHash =
        Fixtures.http(
            sandbox,
            "POST",
            "/v1/package/version/publish?domain=acme&repository=releases&format=generic"
                + "&namespace=tools&package=cli&version=5.0.0&asset=a.bin",
            "x",
            Fixtures.FAKE_AUTH,
            Map.of("x-amz-content-sha256", "0".repeat(64)));
    assertThat(wrongHash.statusCode()).isEqualTo(400);
    assertThat(wrongHash.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
    assertThat(wrongHash.body()).contains("does not match the SHA-256");
    HttpResponse<String> noHash =
        Fixtures.http(
            sandbox,
            "POST",
            "/v1/package/version/publish?domain=acme&repository=releases&format=generic"
                + "&namespace=tools&package=cli&version=5.0.0&asset=a.bin",
            "x",
            Fixtures.FAKE_AUTH);
    assertThat(noHash.statusCode()).isEqualTo(400);
    assertThat(noHash.body()).contains("assetSHA256");
    assertThatThrownBy(
            () -> publish(client, "5.0.0", "a.bin", "x", null, b -> b.format(PackageFormat.NPM)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Only generic packages");
    assertThatThrownBy(() -> publish(client, "5.0.0", "a.bin", "x", null, b -> b.namespace(null)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("namespace");
    assertThatThrownBy(
            () -> publish(client, "5.0.0", "a.bin", "x", null, b -> b.repository("nope")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> publish(client, "5.0.0", "a\u0007b", "x", null, b -> {}))
        .isInstanceOf(ValidationException.class);
    assertThat(sandbox.stateJson()).isEqualTo(before);
    assertThat(sandbox.calls("PublishPackageVersion")).isEqualTo(6);
  }

  @Test
  void signedPublishesAreVerified() throws Exception {
    try (Sandbox signed = Fixtures.seeded().credentials("AKIDSANDBOX", "s3cr3t").start();
        CodeartifactClient good = Fixtures.client(signed, "AKIDSANDBOX", "s3cr3t");
        CodeartifactClient bad = Fixtures.client(signed, "AKIDSANDBOX", "wrong")) {
      assertThat(publish(good, "1.0", "a.bin", "content", null, b -> {}).status())
          .isEqualTo(PackageVersionStatus.PUBLISHED);
      assertThatThrownBy(() -> publish(bad, "1.1", "a.bin", "content", null, b -> {}))
          .isInstanceOf(
              software.amazon.awssdk.services.codeartifact.model.AccessDeniedException.class);
    }
  }
}
