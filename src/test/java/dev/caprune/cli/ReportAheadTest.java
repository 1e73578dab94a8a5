package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a writing run does ahead of its end: the report's account is learnt while the writes go on
 * (one call, as before, but not after the last write), and the warm-up of the report's writer
 * writes nothing anywhere. Each run writes to 150 packages at the write quota (at least 1.5 s), so
 * the warm-up (after its 1 s pause) runs during it.
 */
class ReportAheadTest {
  private static final int PACKAGES = 150;

  @TempDir Path dir;

  /** Counts the writes received, and how many had been when the account was asked. */
  private static AtomicInteger[] watch(Sandbox sandbox) {
    AtomicInteger writes = new AtomicInteger();
    AtomicInteger atLookup = new AtomicInteger(-1);
    for (int i = 0; i < PACKAGES * 3; i++) {
      sandbox.beforeNextCall("DeletePackageVersions", writes::incrementAndGet);
    }
    sandbox.beforeNextCall("ListRepositoriesInDomain", () -> atLookup.set(writes.get()));
    return new AtomicInteger[] {writes, atLookup};
  }

  @Test
  void actionRunLearnsTheAccountBeforeItsLastWrite() throws Exception {
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().generate(PACKAGES, 3).start())) {
      AtomicInteger[] seen = watch(h.sandbox);
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "caprune",
              "--repository",
              "generated",
              "--all",
              "--yes",
              "-o",
              "json");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      JsonNode report = new ObjectMapper().readTree(r.out());
      assertThat(report.path("account").asText()).as(r.toString()).isNotEmpty();
      long writes = h.writeCalls();
      assertThat(writes).isGreaterThanOrEqualTo(PACKAGES);
      assertThat(h.calls("ListRepositoriesInDomain")).isEqualTo(1);
      assertThat(seen[1].get())
          .as("writes received before the lookup")
          .isBetween(0, (int) writes - 1);
      // One document on stdout: the warm-up rendered into nothing.
      assertThat(r.out().split("\"schemaVersion\"", -1)).hasSize(2);
      assertThat(report.path("summary").path("succeeded").asInt())
          .isEqualTo(report.path("summary").path("selected").asInt());
    }
  }

  @Test
  void policyRunLearnsEachAccountBeforeItsLastWrite() throws Exception {
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().generate(PACKAGES, 3).start())) {
      AtomicInteger[] seen = watch(h.sandbox);
      Path policy = dir.resolve("policy.yaml");
      Files.writeString(
          policy,
          """
          version: 1
          targets:
            - {name: gen, domain: caprune, repositories: [generated]}
          rules:
            - {name: everything, action: delete, all: true}
          """);
      CliResult r = h.run("policy", "run", policy.toString(), "--yes", "-o", "json");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      JsonNode report = new ObjectMapper().readTree(r.out());
      long writes = h.writeCalls();
      assertThat(writes).isGreaterThanOrEqualTo(PACKAGES);
      assertThat(h.calls("ListRepositoriesInDomain")).isEqualTo(1);
      assertThat(seen[1].get())
          .as("writes received before the lookup")
          .isBetween(0, (int) writes - 1);
      assertThat(r.out().split("\"schemaVersion\"", -1)).hasSize(2);
      assertThat(report.path("targets").get(0).path("account").asText()).isNotEmpty();
      assertThat(report.path("summary").path("succeeded").asInt())
          .isEqualTo(report.path("summary").path("selected").asInt());
    }
  }

  @Test
  void aDryRunLearnsTheAccountOnceAndWarmsNothing() throws Exception {
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().generate(20, 3).start())) {
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "caprune",
              "--repository",
              "generated",
              "--all",
              "--dry-run",
              "-o",
              "json");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(h.writeCalls()).isZero();
      assertThat(h.calls("ListRepositoriesInDomain")).isEqualTo(1);
      assertThat(new ObjectMapper().readTree(r.out()).path("account").asText()).isNotEmpty();
    }
  }
}
