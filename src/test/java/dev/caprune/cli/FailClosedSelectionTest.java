package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Selection that fails closed (issue 13): linear-time patterns, protect files that cannot silently
 * lose a rule, bad filter input refused before any call.
 */
class FailClosedSelectionTest {
  private static SandboxHarness h;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    h = SandboxHarness.seeded("selection.json");
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @BeforeEach
  void reset() {
    h.sandbox.resetStats();
  }

  private static CliResult run(String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command, "--domain", "acme"));
    all.addAll(List.of(args));
    if (!all.contains("--repository")) {
      all.addAll(List.of("--repository", "releases"));
    }
    return h.run(all.toArray(String[]::new));
  }

  private static void assertRefusedWithoutCalls(CliResult r, String... expected) {
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).as(r::toString).hasLineCount(1).contains(expected);
    assertThat(r.out()).isEmpty();
    assertThat(h.totalCalls()).as("calls made after bad input").isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a)\\1", "1\\.0(?=-rc)", "(?<!x)1.0", "1.0*+", "(?>1)\\.0"})
  void regexSyntaxRe2CannotMatchIsABadInputBeforeAnyCall(String regex) {
    assertRefusedWithoutCalls(
        run("delete", "--version-regex", regex, "--yes"), "--version-regex", "not supported");
    assertRefusedWithoutCalls(
        run("versions", "--package-regex", regex), "--package-regex", "not supported");
  }
}
