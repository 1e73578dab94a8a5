package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's writer is warmed up while a run's writes are paced: on a thread of its own that
 * exists while the writes go on, writing nothing anywhere and making no call (the calls are the
 * run's own, the report one document). A dry run does not warm up. Each writing run here writes to
 * 150 packages at the write quota (more than 1.5 s), so the warm-up (after its 1 s pause) renders
 * during it.
 */
class ReportAheadTest {
  private static final int PACKAGES = 150;

  @TempDir Path dir;

  private static boolean warmingUp() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals("caprune-warm-up"));
  }

  /** Whether the warm-up thread was alive at any call of {@code op}. */
  private static AtomicBoolean watch(Sandbox sandbox, String op) {
    AtomicBoolean seen = new AtomicBoolean();
    for (int i = 0; i < PACKAGES * 3; i++) {
      sandbox.beforeNextCall(
          op,
          () -> {
            if (warmingUp()) {
              seen.set(true);
            }
          });
    }
    return seen;
  }

  private static void oneDocumentEverythingDone(CliResult r, JsonNode report) {
    assertThat(r.out().split("\"schemaVersion\"", -1)).as(r.toString()).hasSize(2);
    assertThat(report.path("summary").path("succeeded").asInt())
        .isEqualTo(report.path("summary").path("selected").asInt())
        .isGreaterThanOrEqualTo(PACKAGES);
  }

  @Test
  void anActionRunWarmsItsReportWhileItWrites() throws Exception {
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().generate(PACKAGES, 3).start())) {
      AtomicBoolean seen = watch(h.sandbox, "DeletePackageVersions");
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
      assertThat(seen).as("warming up during the writes").isTrue();
      JsonNode report = new ObjectMapper().readTree(r.out());
      oneDocumentEverythingDone(r, report);
      assertThat(report.path("account").asText()).isNotEmpty();
      assertThat(h.calls("ListRepositoriesInDomain")).isEqualTo(1);
      assertThat(h.totalCalls() - h.writeCalls())
          .as("reads: ListPackages, one listing a package, the account")
          .isEqualTo(1 + PACKAGES + 1);
    }
  }

  @Test
  void aPolicyRunWarmsItsReportWhileItWrites() throws Exception {
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().generate(PACKAGES, 3).start())) {
      AtomicBoolean seen = watch(h.sandbox, "DeletePackageVersions");
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
      assertThat(seen).as("warming up during the writes").isTrue();
      JsonNode report = new ObjectMapper().readTree(r.out());
      oneDocumentEverythingDone(r, report);
      assertThat(report.path("targets").get(0).path("account").asText()).isNotEmpty();
      assertThat(h.totalCalls() - h.writeCalls()).isEqualTo(1 + PACKAGES + 1);
    }
  }

  @Test
  void aDryRunDoesNotWarmUp() throws Exception {
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().generate(PACKAGES, 3).start())) {
      AtomicBoolean seen = watch(h.sandbox, "ListPackageVersions");
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
      assertThat(seen).isFalse();
      assertThat(r.out().split("\"schemaVersion\"", -1)).hasSize(2);
    }
  }
}
