package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.SandboxHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Warnings as people read them ({@code caprune: warning: ...}, no time, no class name) at the
 * default level, a full log record at {@code -v}; and the exact {@code --version} that matches no
 * listed version, warned about as a misspelt package is (with {@code --strict}: exit 2, no write).
 * Through {@code Caprune.run} against the demo sandbox.
 */
class WarningsTest {
  private static SandboxHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new SandboxHarness(Sandbox.builder().demo(SandboxHarness.NOW).start());
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @BeforeEach
  void reset() {
    h.sandbox.resetStats();
  }

  private static final String[] RELEASES = {"--domain", "acme", "--repository", "releases"};

  private static String[] args(String command, String... rest) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(RELEASES));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  /** The run's stderr: caprune's own lines, then what the log appender wrote. */
  private record Run(CliResult result, String stderr) {}

  private static Run run(String command, String... rest) {
    try (LogCapture log = LogCapture.attach()) {
      CliResult r = h.run(args(command, rest));
      return new Run(r, r.err() + log.text());
    }
  }

  @Test
  void aMisspeltPackageIsOneCapruneWarningLine() {
    Run r = run("versions", "--package", "@acme/ui-kt");
    assertThat(r.result().exitCode()).as(r.result()::toString).isZero();
    assertThat(r.stderr())
        .isEqualTo(
            "caprune: warning: --package '@acme/ui-kt': no package of that name in acme/releases"
                + " (did you mean '@acme/ui-kit'?)"
                + System.lineSeparator());
  }

  @Test
  void atVerboseAWarningIsALogRecordWithDateTimeLevelAndLogger() {
    Run r = run("versions", "--package", "@acme/ui-kt", "-v");
    assertThat(r.result().exitCode()).as(r.result()::toString).isZero();
    String warning =
        r.stderr()
            .lines()
            .filter(l -> l.contains("no package of that name"))
            .findFirst()
            .orElseThrow();
    assertThat(warning)
        .matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z WARN  dev\\.caprune\\.cli\\.FilterOptions"
                + " - --package '@acme/ui-kt': no package of that name in acme/releases .*")
        .doesNotContain("caprune: warning:");
  }

  @Test
  void anExactVersionThatNoPackageHasIsAWarningAndNothingIsRestored() {
    Run r = run("restore", "--package", "@acme/ui-kit", "--version", "9.9.9", "--yes");
    assertThat(r.result().exitCode()).as(r.result()::toString).isZero();
    assertThat(r.stderr())
        .contains(
            "caprune: warning: --version '9.9.9': no version of that name in acme/releases"
                + System.lineSeparator());
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void withStrictAnExactVersionThatNoPackageHasIsExit2BeforeAnyWrite() {
    Run r = run("restore", "--package", "@acme/ui-kit", "--version", "9.9.9", "--strict", "--yes");
    assertThat(r.result().exitCode()).as(r.result()::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.result().err())
        .contains("--strict: --version '9.9.9': no version of that name in acme/releases")
        .contains("nothing was changed");
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void withStrictAVersionThatExistsIsRestored() {
    // ui-kit 1.0.0 is Archived in the demo data: the same command with it restores it.
    Run r =
        run("restore", "--package", "@acme/ui-kit", "--version", "1.0.0", "--strict", "--dry-run");
    assertThat(r.result().exitCode()).as(r.result()::toString).isZero();
    assertThat(r.stderr()).doesNotContain("warning");
    assertThat(r.result().out()).contains("1.0.0").doesNotContain("No versions match");
  }

  @Test
  void aVersionGlobOrAVersionOfAnotherSelectedPackageIsNoWarning() {
    Run glob = run("versions", "--package", "@acme/ui-kit", "--version", "9.*");
    assertThat(glob.stderr()).doesNotContain("warning");
    // 0.1.0 is @acme/config's: one selected package having it is enough.
    Run other =
        run(
            "versions",
            "--package",
            "@acme/ui-kit",
            "--package",
            "@acme/config",
            "--version",
            "0.1.0");
    assertThat(other.stderr()).doesNotContain("warning");
    Run missing =
        run("versions", "--package", "@acme/ui-kit", "--version", "0.1.0", "--version", "1.1.0");
    assertThat(missing.stderr())
        .isEqualTo(
            "caprune: warning: --version '0.1.0': no version of that name in acme/releases"
                + System.lineSeparator());
  }
}
