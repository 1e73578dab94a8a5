package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** archive, unlist, restore and dispose against the sandbox, through the real SDK. */
class StatusActionsTest {
  private SandboxHarness h;
  private Set<String> seed;

  @BeforeEach
  void start() throws Exception {
    h = SandboxHarness.seeded("basic.json");
    seed = SandboxState.versions(h.state());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private CliResult run(String action, String... args) {
    List<String> all =
        new ArrayList<>(List.of(action, "--domain", "acme", "--repository", "releases"));
    all.addAll(List.of(args));
    return h.run(all.toArray(String[]::new));
  }

  /** The lines of the state that differ from the seed. */
  private Set<String> changed() throws Exception {
    Set<String> now = SandboxState.versions(h.state());
    return now.stream().filter(l -> !seed.contains(l)).collect(Collectors.toSet());
  }

  @Test
  void archiveMovesExactlyTheSelectionToArchived() throws Exception {
    CliResult r =
        run("archive", "--package", "@acme/ui-kit", "--version", "1.*", "--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.path("action").asText()).isEqualTo("archive");
    assertThat(
            doc.path("packages")
                .get(0)
                .path("successfulVersions")
                .path("1.0.0")
                .path("status")
                .asText())
        .isEqualTo("Archived");
    assertThat(changed())
        .containsExactlyInAnyOrder(
            "releases|npm|acme|ui-kit|1.0.0|Archived|r-ui-100",
            "releases|npm|acme|ui-kit|1.0.1|Archived|r-ui-101");
    // One call per status the versions had when listed (Published, Unlisted).
    assertThat(h.calls("UpdatePackageVersionsStatus")).isEqualTo(2);
  }

  @Test
  void archiveThenRestoreReturnsTheSeedExactly() throws Exception {
    CliResult a =
        run("archive", "--format", "npm", "--status", "Published", "--no-protect-latest", "--yes");
    assertThat(a.exitCode()).as(a::toString).isZero();
    assertThat(changed()).isNotEmpty().allMatch(l -> l.contains("|Archived|"));
    CliResult r = run("restore", "--format", "npm", "--status", "Archived", "--yes");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(SandboxState.versions(h.state())).isEqualTo(seed);
  }

  @Test
  void restoreSelectsArchivedAndUnlistedByDefault() throws Exception {
    CliResult r = run("restore", "--all", "--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(changed())
        .containsExactlyInAnyOrder(
            "releases|npm|acme|ui-kit|1.0.1|Published|r-ui-101",
            "releases|maven|com.acme|core|1.1-SNAPSHOT|Published|r-core-11s",
            "releases|maven|com.acme|core|1.2-RC1|Published|r-core-12rc1");
  }

  @Test
  void aRevisionChangedAfterListingIsLeftAlone() throws Exception {
    h.sandbox.beforeNextCall(
        "UpdatePackageVersionsStatus",
        () -> h.sandbox.setRevision("acme", "releases", "npm", "acme", "icons", "0.1.0", "r-new"));
    CliResult r =
        run("unlist", "--package", "@acme/icons", "--no-protect-latest", "--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.PARTIAL);
    JsonNode pkg = new ObjectMapper().readTree(r.out()).path("packages").get(0);
    assertThat(pkg.path("failedVersions").path("0.1.0").path("errorCode").asText())
        .isEqualTo("MISMATCHED_REVISION");
    // All or nothing for status updates: the other version of the call was SKIPPED ("not
    // processed"), so caprune sent it again, alone, and it went through.
    assertThat(pkg.path("successfulVersions").path("0.2.0").path("status").asText())
        .isEqualTo("Unlisted");
    assertThat(h.calls("UpdatePackageVersionsStatus")).isEqualTo(2);
    assertThat(changed())
        .hasSize(2)
        .contains("releases|npm|acme|icons|0.1.0|Published|r-new")
        .anyMatch(line -> line.startsWith("releases|npm|acme|icons|0.2.0|Unlisted|"));
  }

  @Test
  void disposeKeepsTheRecordWithStatusDisposed() throws Exception {
    CliResult r = run("dispose", "--package", "left-pad", "--version", "1.0.0", "--yes");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(changed()).containsExactly("releases|npm||left-pad|1.0.0|Disposed|r-lp-100");
    assertThat(h.calls("DisposePackageVersions")).isEqualTo(1);
  }

  @Test
  void everyActionNeedsAFilterOrAll() {
    for (String action : List.of("archive", "unlist", "dispose", "delete")) {
      CliResult r = run(action, "--yes");
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).contains("refusing to " + action);
    }
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void dryRunOfAStatusActionWritesNothing() throws Exception {
    CliResult r = run("archive", "--format", "maven", "--dry-run");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(r.out()).contains("would archive");
    assertThat(h.writeCalls()).isZero();
    assertThat(changed()).isEmpty();
  }
}
