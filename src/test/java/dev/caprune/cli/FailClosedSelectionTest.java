package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

  @Test
  void namesThatBreakCodeArtifactsRulesAreRefusedBeforeAnyCall() {
    assertRefusedWithoutCalls(run("versions", "--namespace", "a/b"), "--namespace: 'a/b'", "'/'");
    assertRefusedWithoutCalls(
        run("delete", "--package", "left\tpad", "--yes"), "--package", "'left\\tpad'", "U+0009");
    assertRefusedWithoutCalls(
        run("versions", "--exclude-package", "@acme/ui-kit\u200b"), "U+200B ZERO WIDTH SPACE");
    assertRefusedWithoutCalls(run("versions", "--package", "a b"), "U+0020 SPACE");
    assertRefusedWithoutCalls(run("versions", "--version", "1.0#2"), "--version", "'#'");
    assertRefusedWithoutCalls(
        run("versions", "--exclude-version", "1.0\u00a0"), "U+00A0 NO-BREAK SPACE");
  }

  @Test
  void longValuesAreCutInMessages() {
    String huge = "p".repeat(2_000);
    CliResult r = run("delete", "--package", huge, "--yes");
    assertRefusedWithoutCalls(r, "--package", "'" + "p".repeat(60) + "…'", "(2,000 characters)");
    assertThat(r.err().length()).isLessThan(250);
    assertRefusedWithoutCalls(run("versions", "--namespace", huge), "255 characters");
    assertRefusedWithoutCalls(run("versions", "--version", huge + "*"), "255 characters");
    // Globs may be as long as the names they match, wildcards aside.
    CliResult ok = run("versions", "--package", "*".repeat(300) + "p".repeat(255));
    assertThat(ok.exitCode()).as(ok::toString).isZero();
    h.sandbox.resetStats();
    CliResult repo = run("versions", "--repository", "r".repeat(2_000));
    assertRefusedWithoutCalls(repo, "--repository '" + "r".repeat(60) + "…'");
    CliResult regex = run("versions", "--version-regex", "(".repeat(2_000));
    assertRefusedWithoutCalls(regex, "--version-regex");
    assertThat(regex.err().length()).isLessThan(300);
  }

  @Test
  void controlCharactersInEchoedValuesAreEscaped() {
    CliResult r =
        h.run("versions", "--domain", "acme\u001b]0;pwned\u0007", "--repository", "releases");
    assertRefusedWithoutCalls(r, "\\u001b]0;pwned\\u0007");
    assertThat(r.err()).doesNotContain("\u001b").doesNotContain("\u0007");
    CliResult ns = run("versions", "--namespace", "a\u202eb");
    assertRefusedWithoutCalls(ns, "'a\\u202eb'", "U+202E");
    assertThat(ns.err()).doesNotContain("\u202e");
  }
}
