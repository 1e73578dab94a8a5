package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.ExitCodes;
import dev.caprune.run.Prompt;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code [y/N]} prompt on a (scripted) terminal: where the run acts and the largest packages,
 * as readable for 2,000 packages in two repositories as for one.
 */
class PromptTest {

  /** 2,000 packages over two repositories; package {@code pkg-N} has {@code N % 7 + 1} versions. */
  private static String seed() {
    StringBuilder b =
        new StringBuilder("{\"domains\": [{\"name\": \"acme\", \"owner\": \"111122223333\",");
    b.append("\"repositories\": [");
    for (int r = 0; r < 2; r++) {
      b.append(r == 0 ? "" : ",").append("{\"name\": \"").append(r == 0 ? "releases" : "snapshots");
      b.append("\", \"packages\": [");
      for (int p = 0; p < 1_000; p++) {
        int n = r * 1_000 + p;
        b.append(p == 0 ? "" : ",")
            .append("{\"format\": \"npm\", \"name\": \"pkg-")
            .append(n)
            .append("\", \"versions\": [");
        // One more version than selected: the latest is protected.
        for (int v = 0; v <= n % 7 + 1; v++) {
          b.append(v == 0 ? "" : ",")
              .append("{\"version\": \"1.0.")
              .append(v)
              .append("\", \"publishedTime\": \"2024-01-01T00:00:")
              .append(String.format("%02d", v))
              .append("Z\"}");
        }
        b.append("]}");
      }
      b.append("]}");
    }
    return b.append("]}]}").toString();
  }

  @Test
  void twoThousandPackagesShowTheFiveLargestAndTheRestInOneLine() throws Exception {
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().seedJson(seed()).start())) {
      h.withContext(h.context().withTerminal(new CliContext.Terminal(true, () -> "n")));
      CliResult r = h.run("delete", "--domain", "acme", "--repository", "*", "--all");
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.REFUSED);
      // The five largest: 7 versions (n % 7 == 6), ties in name order.
      int total = 0;
      for (int n = 0; n < 2_000; n++) {
        total += n % 7 + 1;
      }
      assertThat(r.err())
          .startsWith(
              String.format(
                  "About to delete %,d versions of 2,000 packages:%n"
                      + "  account      111122223333%n"
                      + "  region       us-east-1%n"
                      + "  domain       acme%n"
                      + "  repositories releases, snapshots%n"
                      + "  packages         7  pkg-1000 (snapshots)%n"
                      + "                   7  pkg-1007 (snapshots)%n"
                      + "                   7  pkg-1014 (snapshots)%n"
                      + "                   7  pkg-1021 (snapshots)%n"
                      + "                   7  pkg-1028 (snapshots)%n"
                      + "               %,d  in 1,995 more packages%n"
                      + "Delete these %,d versions? [y/N] ",
                  total, total - 35, total))
          .contains("not confirmed; nothing was changed");
      assertThat(r.err().lines().count()).isLessThan(15);
      assertThat(h.writeCalls()).isZero();
    }
  }

  @Test
  void theDetailsAreBuiltForAnySize() {
    assertThat(
            Prompt.details(
                null, "eu-west-1", "acme", List.of("a", "b", "c", "d", "e", "f", "g"), List.of()))
        .containsExactly(
            "  account      unknown",
            "  region       eu-west-1",
            "  domain       acme",
            "  repositories a, b, c, d, e and 2 more");
  }
}
