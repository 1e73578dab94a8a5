package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.report.Renderer;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Golden;
import dev.caprune.testing.SandboxHarness;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 6: a big run on a terminal is a table a person can read — one line per package,
 * every failure in full, a hint on stderr — and the whole per-version table with {@code --long} or
 * when stdout is not a terminal.
 */
class BigRunTest {
  /** stdout a terminal; nobody to ask (every run here says --yes or --dry-run); no colour. */
  private static final CliContext.Terminal STDOUT_TERMINAL =
      new CliContext.Terminal(false, false, () -> null, true);

  private static final String[] SCOPE = {"--domain", "caprune", "--repository", "generated"};

  private static SandboxHarness generated(int packages, int versions, double partialRate)
      throws Exception {
    return generated(packages, versions, partialRate, 0);
  }

  private static SandboxHarness generated(
      int packages, int versions, double partialRate, double conflictRate) throws Exception {
    Sandbox.Builder b =
        Sandbox.builder().now(SandboxHarness.NOW).randomSeed(7).generate(packages, versions);
    if (partialRate > 0) {
      b.partialRate(partialRate);
    }
    if (conflictRate > 0) {
      b.conflictRate(conflictRate);
    }
    SandboxHarness h = new SandboxHarness(b.start());
    return h.withContext(h.context().withTerminal(STDOUT_TERMINAL));
  }

  private static CliResult run(SandboxHarness h, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of(SCOPE));
    return h.run(all.toArray(String[]::new));
  }

  /** 20,000 versions archived, some answered SKIPPED: per package, then every failure. */
  @Test
  void aTwentyThousandVersionRunIsSummedUpPerPackageWithEveryFailure() throws Exception {
    try (SandboxHarness h = generated(200, 101, 0.5)) {
      CliResult r =
          run(h, "archive", "--all", "--status", "Published", "--status", "Unlisted", "--yes");
      assertThat(r.exitCode()).as(r::toString).isIn(0, ExitCodes.PARTIAL);
      List<String> lines = r.out().lines().toList();
      assertThat(lines.get(0))
          .matches("PACKAGE +FORMAT +SELECTED +ARCHIVED +ALREADY ARCHIVED +FAILED +NOT ATTEMPTED");
      Matcher summary =
          Pattern.compile("Archived ([\\d,]+) of ([\\d,]+) versions in 200 packages(.*)\\.")
              .matcher(lines.get(lines.size() - 1));
      assertThat(summary.matches()).as(r::toString).isTrue();
      int selected = Integer.parseInt(summary.group(2).replace(",", ""));
      assertThat(selected).isGreaterThan(15_000);
      Matcher failedCount = Pattern.compile("; ([\\d,]+) failed").matcher(summary.group(3));
      int failed = failedCount.find() ? Integer.parseInt(failedCount.group(1).replace(",", "")) : 0;
      assertThat(failed).as("the partial answers left some versions SKIPPED").isPositive();
      // One line per package, then "N failures:", the failures' table, and the summary.
      assertThat(lines.subList(1, 201)).allMatch(l -> l.matches("\\S.* [\\d,]+ +[\\d,]+ .*"));
      assertThat(lines.get(201)).isEmpty();
      assertThat(lines.get(202)).isEqualTo(String.format("%,d failures:", failed));
      assertThat(lines.get(203)).matches("PACKAGE +FORMAT +VERSION +STATUS BEFORE +RESULT");
      List<String> failureRows = lines.subList(204, lines.size() - 2);
      assertThat(failureRows).hasSize(failed).allMatch(l -> l.contains("failed: SKIPPED"));
      assertThat(lines).hasSize(204 + failed + 2);
      assertThat(r.err())
          .contains(
              String.format(
                  "caprune: %,d versions: the table shows one line per package and every failure;"
                      + " --long or -o json shows every version.",
                  selected));
    }
  }

  @Test
  void longOrAStdoutThatIsNoTerminalGivesEveryVersion() throws Exception {
    try (SandboxHarness h = generated(3, 30, 0)) {
      CliResult brief = run(h, "delete", "--all", "--dry-run", "--no-protect-latest");
      assertThat(brief.exitCode()).as(brief::toString).isZero();
      assertThat(brief.out().lines().findFirst().orElseThrow())
          .matches("PACKAGE +FORMAT +SELECTED");
      assertThat(brief.out().lines()).hasSize(1 + 3 + 2);
      assertThat(brief.out())
          .endsWith("Dry run: would delete 90 versions in 3 packages. Nothing was changed.\n");

      CliResult all = run(h, "delete", "--all", "--dry-run", "--no-protect-latest", "--long");
      assertThat(all.out().lines().findFirst().orElseThrow())
          .matches("PACKAGE +FORMAT +VERSION +STATUS BEFORE +RESULT");
      assertThat(all.out().lines()).hasSize(1 + 90 + 2);
      assertThat(all.err()).doesNotContain("--long");

      h.withContext(h.context().withTerminal(CliContext.Terminal.none()));
      CliResult piped = run(h, "delete", "--all", "--dry-run", "--no-protect-latest");
      assertThat(piped.out()).isEqualTo(all.out());
    }
  }

  /** The threshold is a number of versions: at it, the whole table; one more, the summary. */
  @Test
  void theThresholdIsDocumentedAndExact() throws Exception {
    assertThat(Renderer.BIG_RUN).isEqualTo(50);
    try (SandboxHarness h = generated(1, 51, 0)) {
      CliResult fifty =
          run(h, "delete", "--all", "--dry-run", "--no-protect-latest", "--max", "60");
      assertThat(fifty.out().lines()).hasSize(1 + 1 + 2); // 51 versions: summed up
      CliResult protectedOne = run(h, "delete", "--all", "--dry-run");
      assertThat(protectedOne.out().lines()).hasSize(1 + 50 + 2); // 50 (latest kept): every row
    }
  }

  /** The shape of a big run's table with failures, pinned. */
  @Test
  void aBigRunsTableIsPinnedByAGoldenFile() throws Exception {
    try (SandboxHarness h = generated(4, 20, 0, 0.5)) {
      CliResult r =
          run(
              h,
              "archive",
              "--all",
              "--status",
              "Published",
              "--status",
              "Unlisted",
              "--max-attempts",
              "1",
              "--concurrency",
              "1", // the sandbox's conflicts drawn in one order: the same rows every run
              "--yes");
      // 409s on every attempt: REQUEST_FAILED, the call failed as a whole (exit 1).
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
      Golden.assertMatches("archive-big-run.txt", r.out());
    }
  }
}
