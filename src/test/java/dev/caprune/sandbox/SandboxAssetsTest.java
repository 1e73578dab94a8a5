package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caprune.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.AssetSummary;
import software.amazon.awssdk.services.codeartifact.model.HashAlgorithm;
import software.amazon.awssdk.services.codeartifact.model.PackageFormat;

/**
 * Asset sizes and hashes: seeded in the API's shape or derived, shown by ListPackageVersionAssets
 * and in the state; realistic in the demo and generated data; shared between repositories.
 */
class SandboxAssetsTest {
  private static final String SHA256 = "ab".repeat(32);

  private static String seed(String hashes) {
    return """
        {"domains": [{"name": "acme", "repositories": [
          {"name": "releases", "packages": [{"format": "npm", "name": "x", "versions": [
            {"version": "1.0.0", "assets": [{"name": "x-1.0.0.tgz", "size": 1234%s}]}]}]},
          {"name": "cache", "packages": [{"format": "npm", "name": "x", "versions": [
            {"version": "1.0.0", "assets": [{"name": "x-1.0.0.tgz", "size": 1234}]}]}]}
        ]}]}
        """
        .formatted(hashes);
  }

  private static List<AssetSummary> assets(
      CodeartifactClient client,
      String repo,
      PackageFormat format,
      String ns,
      String pkg,
      String version) {
    return client
        .listPackageVersionAssets(
            r ->
                r.domain("acme")
                    .repository(repo)
                    .format(format)
                    .namespace(ns)
                    .packageValue(pkg)
                    .packageVersion(version))
        .assets();
  }

  @Test
  void seededHashesAreServedAsGivenAndKeptInTheState() throws Exception {
    try (Sandbox s =
            Sandbox.builder()
                .seedJson(seed(", \"hashes\": {\"SHA-256\": \"" + SHA256 + "\"}"))
                .start();
        CodeartifactClient client = Fixtures.client(s)) {
      AssetSummary a = assets(client, "releases", PackageFormat.NPM, null, "x", "1.0.0").get(0);
      assertThat(a.size()).isEqualTo(1234L);
      assertThat(a.hashesAsStrings()).isEqualTo(Map.of("SHA-256", SHA256));
      String state = s.stateJson();
      assertThat(state).contains("\"SHA-256\" : \"" + SHA256 + "\"");
      try (Sandbox copy = Sandbox.builder().seedJson(state).start()) {
        assertThat(copy.stateJson()).isEqualTo(state);
      }
    }
  }

  @Test
  void derivedHashesAreTheSameForTheSameFileInTwoRepositories() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(seed("")).start();
        CodeartifactClient client = Fixtures.client(s)) {
      AssetSummary a = assets(client, "releases", PackageFormat.NPM, null, "x", "1.0.0").get(0);
      AssetSummary b = assets(client, "cache", PackageFormat.NPM, null, "x", "1.0.0").get(0);
      assertThat(a.hashes()).containsOnlyKeys(HashAlgorithm.knownValues());
      assertThat(a.hashes().get(HashAlgorithm.SHA_256)).hasSize(64).matches("[0-9a-f]+");
      assertThat(a.hashes().get(HashAlgorithm.SHA_512)).hasSize(128);
      assertThat(a.hashesAsStrings()).isEqualTo(b.hashesAsStrings());
      // The state shows them, and a state loaded back serves the same.
      assertThat(s.stateJson()).contains(a.hashes().get(HashAlgorithm.SHA_256));
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "{\"SHA256\": \"ab\"}|hashes.SHA256: unknown field",
        "{\"SHA-256\": \"AB\"}|hashes.SHA-256: expected 64 lower-case hex digits",
        "{\"MD5\": \"" + "ab" + "\"}|hashes.MD5: expected 32 lower-case hex digits",
        "{}|hashes: empty",
        "[]|hashes: expected a JSON object",
        "{\"SHA-1\": 5}|hashes.SHA-1: expected a string",
      })
  void rejectsBadHashes(String hashes, String message) {
    assertThatThrownBy(() -> Sandbox.builder().seedJson(seed(", \"hashes\": " + hashes)).start())
        .isInstanceOf(SeedException.class)
        .hasMessageContaining("assets[0]." + message);
  }

  @Test
  void demoDataHasRealisticFilesSharedWithTheUpstream() throws Exception {
    try (Sandbox s = Sandbox.builder().demo(Instant.parse("2025-06-01T00:00:00Z")).start();
        CodeartifactClient client = Fixtures.client(s)) {
      List<AssetSummary> jar =
          assets(client, "releases", PackageFormat.MAVEN, "com.acme.platform", "core-api", "1.4.2");
      assertThat(jar)
          .extracting(AssetSummary::name)
          .containsExactly(
              "core-api-1.4.2-sources.jar", "core-api-1.4.2.jar", "core-api-1.4.2.pom");
      assertThat(jar.get(1).size()).isBetween(1_500_000L, 2_200_000L);
      assertThat(jar.get(2).size()).isBetween(3_000L, 6_000L);
      List<AssetSummary> build =
          assets(
              client,
              "snapshots",
              PackageFormat.MAVEN,
              "com.acme.platform",
              "core-api",
              "2.1.0-SNAPSHOT");
      assertThat(build).extracting(AssetSummary::name).noneMatch(n -> n.contains("sources"));
      assertThat(assets(client, "releases", PackageFormat.PYPI, null, "requests", "2.31.0"))
          .extracting(AssetSummary::name)
          .containsExactly("requests-2.31.0-py3-none-any.whl", "requests-2.31.0.tar.gz");
      // The cached version is the same file in the upstream repository: the same hashes.
      assertThat(assets(client, "pypi-store", PackageFormat.PYPI, null, "requests", "2.31.0"))
          .extracting(AssetSummary::hashesAsStrings)
          .isEqualTo(
              assets(client, "releases", PackageFormat.PYPI, null, "requests", "2.31.0").stream()
                  .map(AssetSummary::hashesAsStrings)
                  .toList());
      assertThat(
              assets(client, "releases", PackageFormat.GENERIC, "tools", "deploy-bundle", "2.2.181")
                  .get(0)
                  .size())
          .isGreaterThan(100_000_000L);
    }
  }

  @Test
  void generatedDataHasFilesPerFormatWithSizes() throws Exception {
    try (Sandbox s = Sandbox.builder().generate(40, 3).start()) {
      JsonNode state = Seeds.JSON.readTree(s.stateJson());
      List<String> missing = new ArrayList<>();
      long files = 0;
      for (JsonNode p : state.at("/domains/0/repositories/0/packages")) {
        for (JsonNode v : p.get("versions")) {
          JsonNode a = v.get("assets");
          if (a == null || a.isEmpty()) {
            missing.add(p.get("name").asText() + " " + v.get("version").asText());
            continue;
          }
          for (JsonNode f : a) {
            files++;
            assertThat(f.get("size").asLong()).isPositive();
            assertThat(f.at("/hashes/SHA-256").asText()).hasSize(64);
          }
          if (p.get("format").asText().equals("maven")) {
            assertThat(a.toString()).contains(".pom").contains(".jar");
          }
        }
      }
      assertThat(missing).isEmpty();
      assertThat(files).isGreaterThanOrEqualTo(120);
    }
  }
}
