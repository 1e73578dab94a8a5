package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps fail closed: a version whose publish time is unknown is inside every keep (time windows,
 * keep by publish order), a keep rule that matches nothing is said (or with --strict refused before
 * any write), and a time filter that leaves nothing out is no filter. Each run's report equals the
 * sandbox's state change.
 */
class KeepFailsClosedTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** web 1.2.0 and tool 0.2 have no publish time; "now" is 2025-07-01 (SandboxHarness.NOW). */
  static final String SEED =
      """
      {"domains": [{"name": "acme", "repositories": [
        {"name": "releases", "packages": [
          {"format": "npm", "name": "web", "versions": [
            {"version": "1.0.0", "publishedTime": "2025-01-01T00:00:00Z"},
            {"version": "1.1.0", "publishedTime": "2025-06-20T00:00:00Z"},
            {"version": "1.2.0"}]},
          {"format": "pypi", "name": "tool", "versions": [
            {"version": "0.1", "publishedTime": "2025-01-01T00:00:00Z"},
            {"version": "0.2"},
            {"version": "0.3", "publishedTime": "2025-03-01T00:00:00Z"}]}]}]}]}
      """;

  @TempDir Path dir;
  SandboxHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new SandboxHarness(Sandbox.builder().seedJson(SEED).start());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private Path policy(String rules) throws Exception {
    Path file = dir.resolve("retention.yaml");
    Files.writeString(
        file,
        """
        version: 1
        protectLatest: false
        targets:
          - name: one
            domain: acme
            endpointUrl: %s
            repositories: [releases]
        rules:
        %s"""
            .formatted(h.sandbox.endpoint(), rules.indent(2)));
    return file;
  }

  /** package@version → status. */
  private Map<String, String> state() throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode p : h.state().at("/domains/0/repositories/0/packages")) {
      for (JsonNode v : p.path("versions")) {
        out.put(
            p.path("name").asText() + "@" + v.path("version").asText(), v.path("status").asText());
      }
    }
    return out;
  }

  /** The versions gone between two states. */
  private static TreeSet<String> gone(Map<String, String> before, Map<String, String> after) {
    TreeSet<String> out = new TreeSet<>(before.keySet());
    out.removeAll(after.keySet());
    return out;
  }

  /** The versions a JSON report (policy run or action) says were deleted. */
  private static TreeSet<String> reportedDone(String json) throws Exception {
    JsonNode doc = JSON.readTree(json);
    List<JsonNode> packages = new ArrayList<>();
    doc.path("packages").forEach(packages::add);
    doc.path("targets").forEach(t -> t.path("packages").forEach(packages::add));
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode p : packages) {
      p.path("successfulVersions")
          .fieldNames()
          .forEachRemaining(v -> out.add(p.path("package").asText() + "@" + v));
    }
    return out;
  }

  private CliResult policyRun(Path file, String... more) {
    List<String> args = new ArrayList<>(List.of("policy", "run", file.toString()));
    args.addAll(List.of(more));
    return h.runRaw(args.toArray(String[]::new));
  }

  // --- 1. unknown means protected, wherever a rule keeps ---------------------------------------

  @Test
  void aKeepRulesTimeWindowKeepsVersionsWhosePublishTimeIsUnknown() throws Exception {
    Path file =
        policy(
            """
            - {name: recent, action: keep, newerThan: 30d}
            - {name: d, action: delete, version: "*"}
            """);
    CliResult explain = policyRun(file, "--dry-run", "--explain");
    assertThat(explain.exitCode()).as(explain::toString).isZero();
    assertThat(explain.out())
        .as(explain::toString)
        .containsPattern("1\\.2\\.0 .*kept by rule recent: publish time unknown")
        .containsPattern("0\\.2 .*kept by rule recent: publish time unknown")
        .containsPattern("1\\.1\\.0 .*kept by rule recent");

    Map<String, String> before = state();
    CliResult run = policyRun(file, "--yes", "-o", "json");
    assertThat(run.exitCode()).as(run::toString).isZero();
    Map<String, String> after = state();
    assertThat(gone(before, after)).containsExactly("tool@0.1", "tool@0.3", "web@1.0.0");
    assertThat(reportedDone(run.out())).isEqualTo(gone(before, after));
  }

  @Test
  void aKeepByPublishOrderKeepsVersionsWhosePublishTimeIsUnknown() throws Exception {
    // The sandbox lists a version without a publish time last, as if it were the oldest.
    Path file =
        policy(
            """
            - {name: newest, action: keep, keepLatest: 1, order: published}
            - {name: d, action: delete, version: "*"}
            """);
    CliResult explain = policyRun(file, "--dry-run", "--explain");
    assertThat(explain.out())
        .as(explain::toString)
        .containsPattern("1\\.2\\.0 .*kept by rule newest: publish time unknown")
        .containsPattern("0\\.2 .*kept by rule newest: publish time unknown");
    Map<String, String> before = state();
    CliResult run = policyRun(file, "--yes", "-o", "json");
    assertThat(run.exitCode()).as(run::toString).isZero();
    Map<String, String> after = state();
    assertThat(gone(before, after)).containsExactly("tool@0.1", "web@1.0.0");
    assertThat(reportedDone(run.out())).isEqualTo(gone(before, after));
  }

  @Test
  void anActionRulesKeepLatestByPublishOrderKeepsVersionsWhosePublishTimeIsUnknown()
      throws Exception {
    Path file =
        policy("- {name: d, action: delete, package: web, keepLatest: 1, order: published}\n");
    CliResult explain = policyRun(file, "--dry-run", "--explain");
    assertThat(explain.out())
        .as(explain::toString)
        .containsPattern("1\\.2\\.0 .*kept by rule d: publish time unknown");
    Map<String, String> before = state();
    CliResult run = policyRun(file, "--yes", "-o", "json");
    assertThat(run.exitCode()).as(run::toString).isZero();
    assertThat(gone(before, state())).containsExactly("web@1.0.0");
    assertThat(reportedDone(run.out())).containsExactly("web@1.0.0");
  }

  @Test
  void keepLatestByPublishOrderOnTheCommandLineKeepsVersionsWhosePublishTimeIsUnknown()
      throws Exception {
    Map<String, String> before = state();
    CliResult run =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "web",
            "--keep-latest",
            "1",
            "--order",
            "published",
            "--no-protect-latest",
            "--yes",
            "-o",
            "json");
    assertThat(run.exitCode()).as(run::toString).isZero();
    assertThat(gone(before, state())).containsExactly("web@1.0.0");
    assertThat(reportedDone(run.out())).containsExactly("web@1.0.0");
  }

  // --- 2. a keep rule that matches nothing -----------------------------------------------------

  @Test
  void aKeepRuleThatMatchesNothingIsWarnedAboutAfterTheRun() throws Exception {
    Path file =
        policy(
            """
            - {name: pinned, action: keep, version: "1.0.O"}
            - {name: fine, action: keep, version: "0.3"}
            - {name: d, action: delete, version: "1.0.0"}
            """);
    CliResult run;
    List<String> warnings;
    try (LogCapture log = LogCapture.attach()) {
      run = policyRun(file, "--yes", "-o", "json");
      warnings = log.text().lines().toList();
    }
    assertThat(run.exitCode()).as(run::toString).isZero();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .startsWith("caprune: warning: ")
        .endsWith(file + ": keep rule 'pinned' matched no version in this run");
    assertThat(state()).doesNotContainKey("web@1.0.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--yes", "--dry-run"})
  void withStrictAKeepRuleThatMatchesNothingIsExit2BeforeAnyWrite(String mode) throws Exception {
    Path file =
        policy(
            """
            - {name: pinned, action: keep, version: "1.0.O"}
            - {name: d, action: delete, version: "1.*"}
            """);
    Map<String, String> before = state();
    CliResult run = policyRun(file, "--strict", mode, "-o", "json");
    assertThat(run.exitCode()).as(run::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .as(run::toString)
        .isEqualTo(
            "caprune: --strict: "
                + file
                + ": keep rule 'pinned' matched no version in this run; nothing was changed");
    assertThat(h.writeCalls()).isZero();
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void withStrictAPolicyWhoseKeepRulesAllMatchRuns() throws Exception {
    Path file =
        policy(
            """
            - {name: pinned, action: keep, version: "1.0.0"}
            - {name: d, action: delete, version: "1.*"}
            """);
    Map<String, String> before = state();
    CliResult run = policyRun(file, "--strict", "--yes", "-o", "json");
    assertThat(run.exitCode()).as(run::toString).isZero();
    assertThat(gone(before, state())).containsExactly("web@1.1.0", "web@1.2.0");
    assertThat(reportedDone(run.out())).containsExactly("web@1.1.0", "web@1.2.0");
  }

  // --- 3 and 4. ages too large, time filters that leave nothing out
  // -------------------------------

  private void assertRefusedWithoutCalls(CliResult r, String... expected) {
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).as(r::toString).hasLineCount(1).startsWith("caprune: ").contains(expected);
    assertThat(r.out()).isEmpty();
    assertThat(h.totalCalls()).as("calls made after bad input").isZero();
  }

  private CliResult delete(String... filters) {
    List<String> args =
        new ArrayList<>(List.of("delete", "--domain", "acme", "--repository", "releases"));
    args.addAll(List.of(filters));
    args.addAll(List.of("--no-protect-latest", "--yes"));
    return h.run(args.toArray(String[]::new));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--older-than", "--newer-than"})
  void anAgeFurtherBackThanAnyDateIsExit2BeforeAnyCall(String option) {
    assertRefusedWithoutCalls(
        delete(option, "99999999999999d"),
        option + ": age '99999999999999d' is too large: it reaches back before any date");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--older-than=0d",
        "--older-than=PT0S",
        "--newer-than=9999999999d",
        "--published-before=2999-01-01",
        "--published-after=1970-01-01"
      })
  void aTimeFilterThatLeavesNothingOutIsNoFilter(String filter) throws Exception {
    Map<String, String> before = state();
    assertRefusedWithoutCalls(
        delete(filter),
        "refusing to delete every version in acme/releases",
        "or pass --all; a time filter that leaves nothing out");
    assertThat(state()).isEqualTo(before);
  }
}
