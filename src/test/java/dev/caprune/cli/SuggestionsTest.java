package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.SandboxHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Did you mean" for a misspelt domain, repository or exact package, through {@code Caprune.run}
 * against the sandbox: exit 2 and no write for a domain or repository; a warning, or with {@code
 * --strict} exit 2 before any write, for a package.
 */
class SuggestionsTest {
  private static SandboxHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = SandboxHarness.seeded("basic.json");
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @BeforeEach
  void reset() {
    h.sandbox.resetStats();
  }

  @Test
  void aMisspeltRepositoryIsExit2WithTheNearName() {
    CliResult r = h.run("versions", "--domain", "acme", "--repository", "relases");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .hasLineCount(1)
        .contains("Repository relases not found in domain acme (did you mean 'releases'?)");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aMisspeltRepositoryInADeleteIsBadInputBeforeAnyWrite() {
    // Literal names need no listing of the domain: the first package listing finds the typo.
    CliResult r = h.run("delete", "--domain", "acme", "--repository", "relases", "--all", "--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("(did you mean 'releases'?)");
    assertThat(r.out()).isEmpty();
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void aMisspeltDomainIsExit2WithTheNearName() {
    CliResult literal = h.run("versions", "--domain", "acm", "--repository", "releases");
    assertThat(literal.exitCode()).as(literal::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(literal.err())
        .hasLineCount(1)
        .contains("Domain acm not found (did you mean 'acme'?)");
    CliResult glob =
        h.run("dispose", "--domain", "acmee", "--repository", "rel*", "--all", "--yes");
    assertThat(glob.exitCode()).as(glob::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(glob.err()).contains("(did you mean 'acme'?)");
    assertThat(h.calls("ListDomains")).isEqualTo(2);
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void farFromEveryNameTheFewNamesThereAreAreListed() {
    CliResult r = h.run("versions", "--domain", "acme", "--repository", "zzzzzzzz");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .doesNotContain("did you mean")
        .contains("(repositories in acme: 'releases'");
  }

  @Test
  void aMisspeltExactPackageIsAWarningNamingTheNearOnes() {
    try (LogCapture log = LogCapture.attach()) {
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--package",
              "@acme/ui-kt",
              "--yes");
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(log.text())
          .contains(
              "--package '@acme/ui-kt': no package of that name in acme/releases (did you mean"
                  + " '@acme/ui-kit'?)");
    }
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void theSameMisspeltPackageWrittenTwiceIsOneWarning() {
    try (LogCapture log = LogCapture.attach()) {
      CliResult r =
          h.run(
              "versions",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--package",
              "@acme/ui-kt",
              "--package",
              "acme/ui-kt",
              "--package",
              "@acme/ui-kt",
              "--package",
              "@acme/icns");
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(log.text().split("no package of that name", -1))
          .as(log.text())
          .hasSize(3); // one warning for ui-kt, one for icns
      assertThat(log.text()).contains("'@acme/ui-kt'").contains("'@acme/icns'");
    }
  }

  @Test
  void aPackageThatExistsOrAGlobIsNoWarning() {
    try (LogCapture log = LogCapture.attach()) {
      CliResult r =
          h.run(
              "versions",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--package",
              "@acme/ui-kit",
              "--package",
              "ui-kt*");
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(log.text()).doesNotContain("--package");
    }
    assertThat(h.calls("ListPackages")).as("no listing for suggestions").isEqualTo(1);
  }

  @Test
  void withStrictAMisspeltExactPackageIsExit2BeforeAnyWrite() throws Exception {
    String before = h.sandbox.stateJson();
    CliResult r =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--format",
            "npm",
            "--package",
            "@acme/ui-kit",
            "--package",
            "@acme/icns",
            "--strict",
            "--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .hasLineCount(1)
        .contains(
            "--strict: --package '@acme/icns': no npm package of that name in acme/releases (did"
                + " you mean '@acme/icons'?); nothing was changed");
    assertThat(h.writeCalls()).isZero();
    assertThat(h.sandbox.stateJson()).isEqualTo(before);

    CliResult versions =
        h.run(
            "versions",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "@acme/icns",
            "--strict");
    assertThat(versions.exitCode()).as(versions::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(versions.out()).isEmpty();

    CliResult dryRun =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "@acme/icns",
            "--strict",
            "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun::toString).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void withStrictEveryExactPackageFoundRunsAsUsual() {
    CliResult r =
        h.run(
            "unlist",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "@acme/icons",
            "--strict",
            "--yes");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(h.writeCalls()).isPositive();
  }
}
