package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One ListPackageVersions listing per package per run, however many rules. */
class PolicyCallsTest {
  @TempDir Path dir;

  @Test
  void fiveRulesListAsOftenAsOne() throws Exception {
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().generate(1000, 100).start())) {
      CliResult one =
          h.run(
              "delete",
              "--domain",
              "caprune",
              "--repository",
              "generated",
              "--older-than",
              "300d",
              "--dry-run",
              "-o",
              "json");
      assertThat(one.exitCode()).as(one.toString()).isZero();
      long listingsOne = h.calls("ListPackageVersions");
      long packagesOne = h.calls("ListPackages");
      assertThat(listingsOne).isGreaterThanOrEqualTo(1000);

      h.sandbox.resetStats();
      Path file = dir.resolve("five.yaml");
      Files.writeString(
          file,
          """
          version: 1
          targets:
            - {name: gen, domain: caprune, repositories: [generated]}
          rules:
            - {name: pinned, action: keep, version: "1.*"}
            - {name: old, action: delete, olderThan: 300d, keepLatest: 5}
            - {name: archived, action: dispose, status: Archived, olderThan: 100d}
            - {name: pre, action: unlist, onlyPrerelease: true}
            - {name: rest, action: archive, olderThan: 30d}
          """);
      CliResult five = h.run("policy", "run", file.toString(), "--dry-run", "-o", "json");
      assertThat(five.exitCode()).as(five.toString()).isZero();
      assertThat(h.calls("ListPackageVersions")).isEqualTo(listingsOne);
      assertThat(h.calls("ListPackages")).isEqualTo(packagesOne);
      assertThat(h.writeCalls()).isZero();
    }
  }
}
