package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code --max-read-rps} and {@code --max-write-rps} are caps on a pace: a value that is no pace
 * (0, negative, not a number, less than a call every ten seconds) or no cap (infinite, absurdly
 * high) is exit 2 before any call.
 */
class RateOptionsTest {
  @Test
  void aRateThatIsNoPaceOrNoCapIsExitTwoBeforeAnyCall() throws Exception {
    try (SandboxHarness h =
        new SandboxHarness(
            Sandbox.builder().seed(Path.of("src/test/resources/seeds/basic.json")).start())) {
      for (String option : new String[] {"--max-read-rps", "--max-write-rps"}) {
        for (String bad : new String[] {"0", "-1", "0.01", "1e-12", "Infinity", "NaN", "1e9"}) {
          CliResult r =
              h.run(
                  "delete",
                  "--domain",
                  "acme",
                  "--repository",
                  "releases",
                  "--all",
                  "--yes",
                  option,
                  bad);
          assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
          assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
          assertThat(r.err()).as(r.toString()).contains(option);
        }
      }
      assertThat(h.totalCalls()).isZero();
      // The bounds themselves are taken; a dry run makes no write, so the slowest pace costs
      // nothing.
      CliResult bounds =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--all",
              "--dry-run",
              "--max-read-rps",
              "100000",
              "--max-write-rps",
              "0.1");
      assertThat(bounds.exitCode()).as(bounds.toString()).isZero();
      assertThat(h.writeCalls()).isZero();
    }
  }
}
