package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Throttling, 5xx and lost replies on the sandbox: the run completes, and the report matches the
 * sandbox's final state exactly.
 */
class FaultToleranceTest {

  @ParameterizedTest(name = "throttle {0}, fail {1}, lost {2}")
  @CsvSource({"0.3, 0.0, 0.0", "0.0, 0.1, 0.0", "0.0, 0.0, 0.1", "0.3, 0.1, 0.1"})
  void theReportMatchesTheFinalStateExactly(double throttle, double fail, double lost)
      throws Exception {
    Sandbox sandbox =
        Sandbox.builder()
            .seedJson(FaultMatrixTest.seed(30, 12)) // 30 x 12, all 1.0.x
            .randomSeed(7)
            .throttleRate(throttle)
            .failRate(fail)
            .lostReplyRate(lost)
            .start();
    try (SandboxHarness h = new SandboxHarness(sandbox)) {
      Set<String> before = SandboxState.versions(h.state());
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "faulty",
              "--version",
              "1.0.*",
              "--no-protect-latest",
              "--max-attempts",
              "15",
              "--yes",
              "-o",
              "json");
      JsonNode doc = new ObjectMapper().readTree(r.out());
      // Deleted by this run (succeeded) or found gone after a lost answer (alreadyDone).
      Set<String> reportedDeleted = new HashSet<>();
      Set<String> reportedNotDeleted = new HashSet<>();
      int selected = 0;
      for (JsonNode p : doc.path("packages")) {
        for (JsonNode v : p.path("selected")) {
          selected++;
          String key = p.path("package").asText() + "@" + v.asText();
          if (p.path("successfulVersions").has(v.asText())) {
            reportedDeleted.add(key);
          } else if (p.path("alreadyDone").has(v.asText())) {
            // Nobody else touches the sandbox: only this run's lost answers make these.
            assertThat(p.path("alreadyDone").path(v.asText()).path("errorCode").asText())
                .as(r::toString)
                .isEqualTo("ANSWER_LOST");
            reportedDeleted.add(key);
          } else {
            reportedNotDeleted.add(key);
          }
        }
      }
      assertThat(selected).as(r::toString).isEqualTo(360);
      Set<String> present = new HashSet<>();
      for (String line : SandboxState.versions(h.state())) {
        String[] f = line.split("\\|");
        present.add(f[3] + "@" + f[4]);
      }
      // Every version reported deleted is gone; every version still present is reported as not.
      assertThat(present).as(r::toString).doesNotContainAnyElementsOf(reportedDeleted);
      assertThat(reportedNotDeleted).as(r::toString).containsExactlyInAnyOrderElementsOf(present);
      // Nothing else changed: what is left is untouched.
      assertThat(before).containsAll(SandboxState.versions(h.state()));
      // With these rates and 15 attempts every version gets deleted, and none is misreported as a
      // failure (a lost reply's versions are found gone by re-listing, not retried into NOT_FOUND).
      assertThat(reportedDeleted).as(r::toString).hasSize(360);
      assertThat(doc.path("summary").path("failed").asInt()).isZero();
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
      if (lost > 0) {
        assertThat(sandbox.lostReplies()).isPositive();
      }
      if (throttle > 0) {
        assertThat(sandbox.throttled()).isPositive();
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aRunThatFailsPartWayStillReportsWhatItDid() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      // After the first delete call, the service fails every call.
      h.sandbox.beforeNextCall("DeletePackageVersions", () -> h.sandbox.setFailRate(1.0));
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--format",
              "npm",
              "--no-protect-latest",
              "--concurrency",
              "1",
              "--max-attempts",
              "2",
              "--yes",
              "-o",
              "json");
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
      JsonNode doc = new ObjectMapper().readTree(r.out());
      assertThat(doc.path("error").asText()).as(r::toString).isNotEmpty();
      assertThat(doc.path("summary").path("succeeded").asInt()).as(r::toString).isPositive();
      assertThat(r.err()).contains("caprune: ");
      h.sandbox.setFailRate(0);
      Set<String> present = new HashSet<>();
      for (String line : SandboxState.versions(h.state())) {
        String[] f = line.split("\\|");
        present.add(f[3] + "@" + f[4]);
      }
      for (JsonNode p : doc.path("packages")) {
        p.path("successfulVersions")
            .fieldNames()
            .forEachRemaining(
                v -> assertThat(present).doesNotContain(p.path("package").asText() + "@" + v));
      }
    }
  }
}
