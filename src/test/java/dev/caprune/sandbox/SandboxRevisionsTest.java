package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsRequest;
import software.amazon.awssdk.services.codeartifact.model.PackageFormat;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionErrorCode;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionSortType;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionStatus;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionSummary;

/** Revisions in AWS's form (base64 with {@code +}, {@code /}, {@code =}) on every path. */
class SandboxRevisionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What AWS answers: a SHA-256 in standard base64, padded. */
  private static final Pattern AWS_REVISION = Pattern.compile("[A-Za-z0-9+/]{43}=");

  // Revisions shaped as AWS writes them, each with '+', '/' and '='.
  private static final String R1 = "Ciqe5/9yicvkJT13b5/LdLpCyE6fqA7poa9qp+FilPs=";
  private static final String R2 = "+/+/q0Z1xLw5mW8aYb3c9T2u+K7rQ/Ns4PjHf6dGe1E=";
  private static final String R3 = "Zm9v/YmFy+YmF6==";

  private static final String SEED =
      """
      {"domains": [{"name": "acme", "repositories": [{"name": "releases", "packages": [
        {"format": "generic", "namespace": "tools", "name": "cli", "versions": [
          {"version": "1.0", "publishedTime": "2025-01-01T00:00:00Z", "revision": "%s",
           "assets": [{"name": "cli.tgz", "size": 10}]},
          {"version": "2.0", "publishedTime": "2025-02-01T00:00:00Z", "revision": "%s"},
          {"version": "3.0", "publishedTime": "2025-03-01T00:00:00Z", "revision": "%s"},
          {"version": "4.0", "publishedTime": "2025-04-01T00:00:00Z"}]}]}]}]}
      """
          .formatted(R1, R2, R3);

  private static Map<String, String> stateRevisions(Sandbox sandbox) throws Exception {
    Map<String, String> out = new HashMap<>();
    for (JsonNode d : JSON.readTree(sandbox.stateJson()).path("domains")) {
      for (JsonNode r : d.path("repositories")) {
        for (JsonNode p : r.path("packages")) {
          for (JsonNode v : p.path("versions")) {
            out.put(
                r.path("name").asText()
                    + "|"
                    + p.path("name").asText()
                    + "|"
                    + v.path("version").asText(),
                v.path("revision").asText());
          }
        }
      }
    }
    return out;
  }

  @Test
  void derivedRevisionsHaveAwsForm() throws Exception {
    try (Sandbox seeded = Sandbox.builder().seedJson(SEED).start();
        Sandbox generated =
            Sandbox.builder()
                .generate(30, 10)
                .randomSeed(11)
                .now(Instant.parse("2025-06-01T00:00:00Z"))
                .start();
        Sandbox demo = Sandbox.builder().demo(Instant.parse("2025-06-01T00:00:00Z")).start()) {
      assertThat(stateRevisions(seeded).get("releases|cli|4.0")).matches(AWS_REVISION);
      for (Sandbox s : List.of(generated, demo)) {
        List<String> revisions = new ArrayList<>(stateRevisions(s).values());
        assertThat(revisions).isNotEmpty().allMatch(r -> AWS_REVISION.matcher(r).matches());
        assertThat(revisions).anyMatch(r -> r.contains("+")).anyMatch(r -> r.contains("/"));
        assertThat(revisions).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void revisionsTravelUnchangedThroughListingsDescribesAndWrites() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().seedJson(SEED).start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      Map<String, String> state = stateRevisions(sandbox);
      // listing, a page at a time, in both orders: the page tokens carry no revision
      for (PackageVersionSortType sort :
          new PackageVersionSortType[] {null, PackageVersionSortType.PUBLISHED_TIME}) {
        Map<String, String> listed = new HashMap<>();
        ListPackageVersionsRequest.Builder request =
            ListPackageVersionsRequest.builder()
                .domain("acme")
                .repository("releases")
                .format(PackageFormat.GENERIC)
                .namespace("tools")
                .packageValue("cli")
                .sortBy(sort)
                .maxResults(1);
        for (PackageVersionSummary v :
            client.listPackageVersionsPaginator(request.build()).versions()) {
          listed.put("releases|cli|" + v.version(), v.revision());
        }
        assertThat(listed).isEqualTo(state);
      }
      for (String version : List.of("1.0", "2.0", "3.0", "4.0")) {
        assertThat(
                client
                    .describePackageVersion(
                        r ->
                            r.domain("acme")
                                .repository("releases")
                                .format(PackageFormat.GENERIC)
                                .namespace("tools")
                                .packageValue("cli")
                                .packageVersion(version))
                    .packageVersion()
                    .revision())
            .isEqualTo(state.get("releases|cli|" + version));
      }
      assertThat(
              client
                  .listPackageVersionAssets(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.GENERIC)
                              .namespace("tools")
                              .packageValue("cli")
                              .packageVersion("1.0"))
                  .versionRevision())
          .isEqualTo(R1);

      // pinning: a wrong revision (one character off, or the padding missing) is refused
      var mismatched =
          client.updatePackageVersionsStatus(
              r ->
                  r.domain("acme")
                      .repository("releases")
                      .format(PackageFormat.GENERIC)
                      .namespace("tools")
                      .packageValue("cli")
                      .versionRevisions(
                          Map.of("1.0", R1.replace('+', '-'), "2.0", R2.substring(0, 43)))
                      .versions("1.0", "2.0")
                      .targetStatus(PackageVersionStatus.ARCHIVED));
      assertThat(mismatched.successfulVersions()).isEmpty();
      assertThat(mismatched.failedVersions().get("1.0").errorCode())
          .isEqualTo(PackageVersionErrorCode.MISMATCHED_REVISION);
      assertThat(mismatched.failedVersions().get("1.0").errorMessage())
          .contains("current revision: " + R1);
      assertThat(mismatched.failedVersions().get("2.0").errorCode())
          .isEqualTo(PackageVersionErrorCode.MISMATCHED_REVISION);
      assertThat(stateRevisions(sandbox)).isEqualTo(state);
      assertThat(sandbox.stateJson()).doesNotContain("Archived");

      // the exact revisions pass, and the answers carry them unchanged
      var archived =
          client.updatePackageVersionsStatus(
              r ->
                  r.domain("acme")
                      .repository("releases")
                      .format(PackageFormat.GENERIC)
                      .namespace("tools")
                      .packageValue("cli")
                      .versionRevisions(Map.of("1.0", R1, "2.0", R2))
                      .versions("1.0", "2.0")
                      .targetStatus(PackageVersionStatus.ARCHIVED));
      assertThat(archived.failedVersions()).isEmpty();
      assertThat(archived.successfulVersions().get("1.0").revision()).isEqualTo(R1);
      assertThat(archived.successfulVersions().get("2.0").revision()).isEqualTo(R2);
      var disposed =
          client.disposePackageVersions(
              r ->
                  r.domain("acme")
                      .repository("releases")
                      .format(PackageFormat.GENERIC)
                      .namespace("tools")
                      .packageValue("cli")
                      .versionRevisions(Map.of("3.0", R3))
                      .versions("3.0"));
      assertThat(disposed.successfulVersions().get("3.0").revision()).isEqualTo(R3);
      var deleted =
          client.deletePackageVersions(
              r ->
                  r.domain("acme")
                      .repository("releases")
                      .format(PackageFormat.GENERIC)
                      .namespace("tools")
                      .packageValue("cli")
                      .versions("1.0", "4.0"));
      assertThat(deleted.successfulVersions().get("1.0").revision()).isEqualTo(R1);
      assertThat(deleted.successfulVersions().get("4.0").revision())
          .isEqualTo(state.get("releases|cli|4.0"));
    }
  }

  @Test
  void theRevisionHookTakesAwsRevisions() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().seedJson(SEED).start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      sandbox.setRevision("acme", "releases", "generic", "tools", "cli", "1.0", R2);
      var r =
          client.disposePackageVersions(
              b ->
                  b.domain("acme")
                      .repository("releases")
                      .format(PackageFormat.GENERIC)
                      .namespace("tools")
                      .packageValue("cli")
                      .versionRevisions(Map.of("1.0", R1))
                      .versions("1.0"));
      assertThat(r.failedVersions().get("1.0").errorMessage())
          .isEqualTo("current revision: " + R2 + ", expected revision: " + R1);
    }
  }
}
