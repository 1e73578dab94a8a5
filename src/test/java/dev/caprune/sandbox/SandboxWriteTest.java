package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.DeletePackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.DisposePackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.PackageFormat;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionErrorCode;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionStatus;
import software.amazon.awssdk.services.codeartifact.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeartifact.model.UpdatePackageVersionsStatusResponse;
import software.amazon.awssdk.services.codeartifact.model.ValidationException;

/** The write operations and their per-version outcomes, through the real AWS SDK. */
class SandboxWriteTest {
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

  private DeletePackageVersionsResponse delete(PackageVersionStatus expected, String... versions) {
    return client.deletePackageVersions(
        r ->
            r.domain("acme")
                .repository("releases")
                .format(PackageFormat.NPM)
                .namespace("acme")
                .packageValue("ui-kit")
                .versions(versions)
                .expectedStatus(expected));
  }

  private UpdatePackageVersionsStatusResponse update(
      PackageVersionStatus expected,
      PackageVersionStatus target,
      Map<String, String> revisions,
      String... versions) {
    return client.updatePackageVersionsStatus(
        r ->
            r.domain("acme")
                .repository("releases")
                .format(PackageFormat.NPM)
                .namespace("acme")
                .packageValue("ui-kit")
                .versions(versions)
                .versionRevisions(revisions)
                .expectedStatus(expected)
                .targetStatus(target));
  }

  private DisposePackageVersionsResponse dispose(
      PackageVersionStatus expected, Map<String, String> revisions, String... versions) {
    return client.disposePackageVersions(
        r ->
            r.domain("acme")
                .repository("releases")
                .format(PackageFormat.MAVEN)
                .namespace("com.acme")
                .packageValue("core")
                .versions(versions)
                .versionRevisions(revisions)
                .expectedStatus(expected));
  }

  private List<String> uiKitVersions() {
    return client
        .listPackageVersions(
            r ->
                r.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.NPM)
                    .namespace("acme")
                    .packageValue("ui-kit"))
        .versions()
        .stream()
        .map(v -> v.version() + "=" + v.statusAsString())
        .toList();
  }

  @Test
  void deleteReportsEachVersionOnItsOwn() {
    DeletePackageVersionsResponse r =
        delete(PackageVersionStatus.PUBLISHED, "1.0.0", "1.1.0", "9.9.9", "2.0.0");
    assertThat(r.successfulVersions()).containsOnlyKeys("1.0.0", "2.0.0");
    assertThat(r.successfulVersions().get("2.0.0").status())
        .isEqualTo(PackageVersionStatus.DELETED);
    assertThat(r.successfulVersions().get("2.0.0").revision()).isEqualTo("rev-200");
    assertThat(r.failedVersions()).containsOnlyKeys("1.1.0", "9.9.9");
    assertThat(r.failedVersions().get("1.1.0").errorCode())
        .isEqualTo(PackageVersionErrorCode.MISMATCHED_STATUS);
    assertThat(r.failedVersions().get("1.1.0").errorMessage())
        .isEqualTo("current status: Unlisted, expected status: Published");
    assertThat(r.failedVersions().get("9.9.9").errorCode())
        .isEqualTo(PackageVersionErrorCode.NOT_FOUND);
    assertThat(uiKitVersions()).containsExactly("1.1.0=Unlisted", "2.1.0-beta.1=Published");
    assertThat(sandbox.stateJson()).doesNotContain("rev-200").doesNotContain("\"latestTag\"");
  }

  @Test
  void aDeletedVersionIsNotFoundAfterwards() {
    assertThat(delete(null, "1.0.0").successfulVersions()).containsOnlyKeys("1.0.0");
    DeletePackageVersionsResponse again = delete(null, "1.0.0");
    assertThat(again.successfulVersions()).isEmpty();
    assertThat(again.failedVersions().get("1.0.0").errorCode())
        .isEqualTo(PackageVersionErrorCode.NOT_FOUND);
    assertThatThrownBy(
            () ->
                client.describePackageVersion(
                    r ->
                        r.domain("acme")
                            .repository("releases")
                            .format(PackageFormat.NPM)
                            .namespace("acme")
                            .packageValue("ui-kit")
                            .packageVersion("1.0.0")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.resourceTypeAsString()).isEqualTo("package-version");
              assertThat(e.resourceId()).isEqualTo("1.0.0");
            });
  }

  @Test
  void deletingEveryVersionLeavesThePackageUntilDeletePackage() {
    client.deletePackageVersions(
        r ->
            r.domain("acme")
                .repository("releases")
                .format(PackageFormat.NPM)
                .packageValue("left-pad")
                .versions("1.0.0", "1.3.0"));
    var listed =
        client.listPackages(r -> r.domain("acme").repository("releases").packagePrefix("left"));
    assertThat(listed.packages()).hasSize(1);
    var deleted =
        client.deletePackage(
            r ->
                r.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.NPM)
                    .packageValue("left-pad"));
    assertThat(deleted.deletedPackage().packageValue()).isEqualTo("left-pad");
    assertThat(deleted.deletedPackage().namespace()).isNull();
    assertThat(
            client
                .listPackages(r -> r.domain("acme").repository("releases").packagePrefix("left"))
                .packages())
        .isEmpty();
    assertThatThrownBy(
            () ->
                client.deletePackage(
                    r ->
                        r.domain("acme")
                            .repository("releases")
                            .format(PackageFormat.NPM)
                            .packageValue("left-pad")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> assertThat(e.resourceTypeAsString()).isEqualTo("package"));
  }

  @Test
  void updateStatusChangesAllWhenAllCan() {
    var r =
        update(
            PackageVersionStatus.PUBLISHED,
            PackageVersionStatus.ARCHIVED,
            Map.of(),
            "1.0.0",
            "2.0.0");
    assertThat(r.failedVersions()).isEmpty();
    assertThat(r.successfulVersions().get("1.0.0").status())
        .isEqualTo(PackageVersionStatus.ARCHIVED);
    assertThat(r.successfulVersions().get("2.0.0").revision()).isEqualTo("rev-200");
    assertThat(uiKitVersions())
        .containsExactly(
            "1.0.0=Archived", "1.1.0=Unlisted", "2.0.0=Archived", "2.1.0-beta.1=Published");
    // Archived versions can be restored; the revision does not change with the status
    var back = update(null, PackageVersionStatus.PUBLISHED, Map.of("2.0.0", "rev-200"), "2.0.0");
    assertThat(back.successfulVersions().get("2.0.0").status())
        .isEqualTo(PackageVersionStatus.PUBLISHED);
    assertThat(back.successfulVersions().get("2.0.0").revision()).isEqualTo("rev-200");
  }

  @Test
  void aFailingStatusUpdateSkipsTheOthersAndChangesNothing() {
    var r =
        update(
            PackageVersionStatus.PUBLISHED,
            PackageVersionStatus.ARCHIVED,
            Map.of(),
            "1.0.0",
            "1.1.0",
            "2.0.0");
    assertThat(r.successfulVersions()).isEmpty();
    assertThat(r.failedVersions().get("1.1.0").errorCode())
        .isEqualTo(PackageVersionErrorCode.MISMATCHED_STATUS);
    assertThat(r.failedVersions().get("1.0.0").errorCode())
        .isEqualTo(PackageVersionErrorCode.SKIPPED);
    assertThat(r.failedVersions().get("2.0.0").errorCode())
        .isEqualTo(PackageVersionErrorCode.SKIPPED);
    assertThat(uiKitVersions())
        .containsExactly(
            "1.0.0=Published", "1.1.0=Unlisted", "2.0.0=Published", "2.1.0-beta.1=Published");
  }

  @Test
  void aRevisionMismatchFailsTheVersion() {
    var r = update(null, PackageVersionStatus.UNLISTED, Map.of("2.0.0", "stale"), "2.0.0", "1.0.0");
    assertThat(r.failedVersions().get("2.0.0").errorCode())
        .isEqualTo(PackageVersionErrorCode.MISMATCHED_REVISION);
    assertThat(r.failedVersions().get("1.0.0").errorCode())
        .isEqualTo(PackageVersionErrorCode.SKIPPED);
    assertThat(r.successfulVersions()).isEmpty();
  }

  @Test
  void revisionsChangeOnlyThroughTheTestHook() {
    sandbox.setRevision("acme", "releases", "npm", "acme", "ui-kit", "2.0.0", "rev-201");
    var stale = update(null, PackageVersionStatus.UNLISTED, Map.of("2.0.0", "rev-200"), "2.0.0");
    assertThat(stale.failedVersions().get("2.0.0").errorCode())
        .isEqualTo(PackageVersionErrorCode.MISMATCHED_REVISION);
    var fresh = update(null, PackageVersionStatus.UNLISTED, Map.of("2.0.0", "rev-201"), "2.0.0");
    assertThat(fresh.successfulVersions().get("2.0.0").revision()).isEqualTo("rev-201");
  }

  @Test
  void updateRejectsTargetsOtherThanPublishedUnlistedArchived() {
    for (PackageVersionStatus target :
        List.of(
            PackageVersionStatus.DISPOSED,
            PackageVersionStatus.DELETED,
            PackageVersionStatus.UNFINISHED)) {
      assertThatThrownBy(() -> update(null, target, Map.of(), "1.0.0"))
          .as(target.toString())
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("targetStatus");
    }
    assertThat(uiKitVersions()).contains("1.0.0=Published");
  }

  @Test
  void disposeDropsAssetsAndIsFinalExceptForDeletion() {
    var r = dispose(PackageVersionStatus.PUBLISHED, Map.of(), "1.2");
    assertThat(r.successfulVersions().get("1.2").status()).isEqualTo(PackageVersionStatus.DISPOSED);
    var assets =
        client.listPackageVersionAssets(
            q ->
                q.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.MAVEN)
                    .namespace("com.acme")
                    .packageValue("core")
                    .packageVersion("1.2"));
    assertThat(assets.assets()).isEmpty();
    var restore =
        client.updatePackageVersionsStatus(
            q ->
                q.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.MAVEN)
                    .namespace("com.acme")
                    .packageValue("core")
                    .versions("1.2")
                    .targetStatus(PackageVersionStatus.PUBLISHED));
    assertThat(restore.failedVersions().get("1.2").errorCode())
        .isEqualTo(PackageVersionErrorCode.NOT_ALLOWED);
    var del =
        client.deletePackageVersions(
            q ->
                q.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.MAVEN)
                    .namespace("com.acme")
                    .packageValue("core")
                    .versions("1.2")
                    .expectedStatus(PackageVersionStatus.DISPOSED));
    assertThat(del.successfulVersions()).containsOnlyKeys("1.2");
  }

  @Test
  void disposeChecksStatusAndRevisionAndSkipsTheRest() {
    var r =
        dispose(
            PackageVersionStatus.UNLISTED,
            Map.of("1.0", "nope"),
            "1.0",
            "1.1",
            "1.2-SNAPSHOT",
            "7.7");
    assertThat(r.successfulVersions()).isEmpty();
    assertThat(r.failedVersions().get("1.0").errorCode())
        .isEqualTo(PackageVersionErrorCode.MISMATCHED_REVISION);
    assertThat(r.failedVersions().get("1.1").errorCode())
        .isEqualTo(PackageVersionErrorCode.MISMATCHED_STATUS);
    assertThat(r.failedVersions().get("1.1").errorMessage())
        .isEqualTo("current status: Archived, expected status: Unlisted");
    assertThat(r.failedVersions().get("7.7").errorCode())
        .isEqualTo(PackageVersionErrorCode.NOT_FOUND);
    assertThat(r.failedVersions().get("1.2-SNAPSHOT").errorCode())
        .isEqualTo(PackageVersionErrorCode.SKIPPED);
    assertThat(sandbox.stateJson()).doesNotContain("Disposed");
  }

  @Test
  void moreThan100VersionsIsAValidationError() {
    String[] versions = new String[101];
    for (int i = 0; i < versions.length; i++) {
      versions[i] = "0.0." + i;
    }
    assertThatThrownBy(() -> delete(null, versions))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.reasonAsString()).isEqualTo("FIELD_VALIDATION_FAILED");
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.getMessage()).contains("versions");
            });
    assertThat(delete(null, java.util.Arrays.copyOf(versions, 100)).failedVersions()).hasSize(100);
  }

  @Test
  void beforeNextCallRunsOnceJustBeforeTheCall() {
    sandbox.beforeNextCall(
        "DeletePackageVersions",
        () -> sandbox.setStatus("acme", "releases", "npm", "acme", "ui-kit", "1.0.0", "Archived"));
    var first = delete(PackageVersionStatus.PUBLISHED, "1.0.0");
    assertThat(first.failedVersions().get("1.0.0").errorMessage())
        .isEqualTo("current status: Archived, expected status: Published");
    var second = delete(PackageVersionStatus.PUBLISHED, "2.0.0");
    assertThat(second.successfulVersions()).containsOnlyKeys("2.0.0");
  }

  @Test
  void stateReflectsWritesAndRoundTripsAsSeed() throws Exception {
    delete(null, "1.0.0");
    update(null, PackageVersionStatus.ARCHIVED, Map.of(), "2.0.0");
    String state = sandbox.stateJson();
    var uiKit =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(state)
            .at("/domains/0/repositories/1/packages/2");
    assertThat(uiKit.get("name").asText()).isEqualTo("ui-kit");
    List<String> versions = new java.util.ArrayList<>();
    uiKit
        .get("versions")
        .forEach(v -> versions.add(v.get("version").asText() + "=" + v.get("status").asText()));
    assertThat(versions)
        .containsExactly("1.1.0=Unlisted", "2.0.0=Archived", "2.1.0-beta.1=Published");
    try (Sandbox copy = Sandbox.builder().seedJson(state).start()) {
      assertThat(copy.stateJson()).isEqualTo(state);
    }
    var http = Fixtures.http(sandbox, "GET", "/_sandbox/state", null);
    assertThat(http.statusCode()).isEqualTo(200);
    assertThat(http.body()).isEqualTo(state);
  }
}
