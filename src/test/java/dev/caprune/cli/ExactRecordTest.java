package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Runs;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report is built from the record of what was done, on the paths that used to lose it. */
class ExactRecordTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static final String[] DELETE_NPM = {
    "delete",
    "--domain",
    "acme",
    "--repository",
    "releases",
    "--format",
    "npm",
    "--no-protect-latest"
  };

  @Test
  void applyReportsEverythingWhenARevisionCheckFails() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      Path plan = dir.resolve("plan.json");
      CliResult saved = h.run(Runs.with(DELETE_NPM, "--save-plan", plan.toString()));
      assertThat(saved.exitCode()).as(saved::toString).isZero();
      // apply lists each package before deleting (delete cannot pin a revision): from the second
      // such listing on, the service fails every call.
      h.sandbox.beforeNextCall(
          "ListPackageVersions",
          () -> h.sandbox.beforeNextCall("ListPackageVersions", () -> h.sandbox.setFailRate(1.0)));
      CliResult r =
          h.run(
              "apply",
              plan.toString(),
              "--yes",
              "--concurrency",
              "1",
              "--max-attempts",
              "1",
              "-o",
              "json");
      h.sandbox.setFailRate(0);
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
      JsonNode doc = JSON.readTree(r.out());
      JsonNode summary = doc.path("summary");
      // Every planned version is in the report: what was deleted, and what could not be checked.
      assertThat(summary.path("selected").asInt()).isEqualTo(planned(plan));
      assertThat(summary.path("succeeded").asInt()).as(r::toString).isPositive();
      assertThat(r.out()).contains("REQUEST_FAILED").contains("could not check the revisions");
      assertThat(summary.path("succeeded").asInt() + summary.path("failed").asInt())
          .isEqualTo(summary.path("selected").asInt());
      // What the report says was deleted is gone, and nothing else is.
      Set<String> present = present(h);
      Set<String> deleted = new HashSet<>();
      for (JsonNode p : doc.path("packages")) {
        p.path("successfulVersions")
            .fieldNames()
            .forEachRemaining(v -> deleted.add(p.path("package").asText() + "@" + v));
        p.path("failedVersions")
            .fieldNames()
            .forEachRemaining(
                v -> assertThat(present).contains(p.path("package").asText() + "@" + v));
      }
      assertThat(present).doesNotContainAnyElementsOf(deleted);
    }
  }

  @Test
  void reApplyingAFinishedPlanIsAlreadyDoneAndExits0() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      Path plan = dir.resolve("plan.json");
      assertThat(h.run(Runs.with(DELETE_NPM, "--save-plan", plan.toString())).exitCode()).isZero();
      CliResult first = h.run("apply", plan.toString(), "--yes", "-o", "json");
      assertThat(first.exitCode()).as(first::toString).isZero();
      long writes = h.writeCalls();
      CliResult again = h.run("apply", plan.toString(), "--yes", "-o", "json");
      assertThat(again.exitCode()).as(again::toString).isZero();
      JsonNode summary = JSON.readTree(again.out()).path("summary");
      assertThat(summary.path("alreadyDone").asInt()).isEqualTo(planned(plan)).isPositive();
      assertThat(summary.path("failed").asInt()).isZero();
      // Found gone by apply's own revision check: no write call was needed.
      assertThat(h.writeCalls()).isEqualTo(writes);
      CliResult table = h.run("apply", plan.toString(), "--yes");
      assertThat(table.out()).contains("already deleted");
    }
  }

  @Test
  void aStatusAlreadyAtItsTargetIsAlreadyDone() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      Path plan = dir.resolve("plan.json");
      String[] archive = {
        "archive",
        "--domain",
        "acme",
        "--repository",
        "releases",
        "--format",
        "npm",
        "--no-protect-latest",
        "--save-plan",
        plan.toString()
      };
      assertThat(h.run(archive).exitCode()).isZero();
      assertThat(h.run("apply", plan.toString(), "--yes").exitCode()).isZero();
      // The plan's expected statuses no longer hold: MISMATCHED_STATUS, re-checked: Archived.
      CliResult again = h.run("apply", plan.toString(), "--yes", "-o", "ndjson");
      assertThat(again.exitCode()).as(again::toString).isZero();
      assertThat(again.out())
          .contains("\"result\":\"alreadyDone\"")
          .contains("\"errorCode\":\"MISMATCHED_STATUS\"")
          .doesNotContain("\"result\":\"failed\"");
    }
  }

  @Test
  void anUnknownRepositoryIsBadInputNotAFailedRun() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      CliResult r =
          h.run("delete", "--domain", "acme", "--repository", "nothing*", "--all", "--yes");
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).contains("no repository in domain acme matches");
      assertThat(r.out()).isEmpty();
      assertThat(h.writeCalls()).isZero();
    }
  }

  @Test
  void aVersionGoneBeforeItsPublishTimeIsAskedIsLeftAloneNotAFailedRun() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      // Someone deletes ui-kit's versions between the listing and the first describe.
      h.sandbox.beforeNextCall(
          "DescribePackageVersion",
          () -> {
            for (String v : List.of("1.0.0", "1.0.1", "2.0.0-beta.1", "2.0.0")) {
              h.sandbox.setStatus("acme", "releases", "npm", "acme", "ui-kit", v, "Deleted");
            }
          });
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--format",
              "npm",
              "--older-than",
              "30d",
              "--dry-run",
              "-o",
              "json");
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(JSON.readTree(r.out()).has("error")).isFalse();
      assertThat(h.calls("DescribePackageVersion")).isPositive();
    }
  }

  private static int planned(Path plan) throws Exception {
    return JSON.readTree(plan.toFile()).path("versions").size();
  }

  private static Set<String> present(SandboxHarness h) throws Exception {
    Set<String> out = new HashSet<>();
    for (String line : SandboxState.versions(h.state())) {
      String[] f = line.split("\\|", -1);
      out.add(f[3] + "@" + f[4]);
    }
    return out;
  }
}
