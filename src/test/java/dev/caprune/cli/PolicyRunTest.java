package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caprune policy run} against two in-process sandboxes standing for two accounts: the
 * sandboxes' state diff equals the report, keep rules win, first-match claims hold, the dry run's
 * selection is what the real run then does.
 */
class PolicyRunTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Each account: releases (app: keepLatest, tool: the catch-all) and snapshots (lib). */
  static final String SEED =
      """
      {"domains": [{"name": "acme", "owner": "%s", "repositories": [
        {"name": "releases", "packages": [
          {"format": "npm", "name": "app", "latestTag": "1.0.5", "versions": [
            {"version": "1.0.0", "publishedTime": "2025-01-01T00:00:00Z"},
            {"version": "1.0.1", "publishedTime": "2025-02-01T00:00:00Z"},
            {"version": "1.0.2", "publishedTime": "2025-03-01T00:00:00Z"},
            {"version": "1.0.3", "publishedTime": "2025-04-01T00:00:00Z"},
            {"version": "1.0.4", "publishedTime": "2025-05-01T00:00:00Z"},
            {"version": "1.0.5", "publishedTime": "2025-06-01T00:00:00Z"}]},
          {"format": "pypi", "name": "tool", "versions": [
            {"version": "0.1", "publishedTime": "2025-01-01T00:00:00Z"},
            {"version": "0.2", "publishedTime": "2025-02-01T00:00:00Z"},
            {"version": "0.3", "publishedTime": "2025-03-01T00:00:00Z"}]}]},
        {"name": "snapshots", "packages": [
          {"format": "npm", "name": "lib", "latestTag": "1.0.0", "versions": [
            {"version": "0.9.0", "publishedTime": "2025-01-01T00:00:00Z"},
            {"version": "1.0.0-beta.1", "publishedTime": "2025-02-01T00:00:00Z"},
            {"version": "1.0.0-beta.2", "publishedTime": "2025-06-10T00:00:00Z"},
            {"version": "1.0.0-rc.1", "publishedTime": "2025-06-15T00:00:00Z"},
            {"version": "1.0.0", "publishedTime": "2025-06-20T00:00:00Z"}]}]}]}]}
      """;

  @TempDir Path dir;
  SandboxHarness a;
  Sandbox b;

  @BeforeEach
  void start() throws Exception {
    a = new SandboxHarness(Sandbox.builder().seedJson(SEED.formatted("111111111111")).start());
    b = Sandbox.builder().seedJson(SEED.formatted("222222222222")).start();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
  }

  Path policy(String endpointB) throws Exception {
    Path file = dir.resolve("retention.yaml");
    Files.writeString(
        file,
        """
        version: 1
        targets:
          - name: one
            domain: acme
            endpointUrl: %s
            repositories: [releases, snapshots]
          - name: two
            domain: acme
            endpointUrl: %s
            repositories: ["*"]
        rules:
          - name: pinned
            action: keep
            version: "1.0.1"
          - name: old-snapshots
            action: dispose
            repositories: [snapshots]
            olderThan: 100d
          - name: app-releases
            action: delete
            package: app
            keepLatest: 2
          - name: prereleases
            action: unlist
            onlyPrerelease: true
          - name: rest
            action: archive
            all: true
        """
            .formatted(a.sandbox.endpoint(), endpointB));
    return file;
  }

  /** repository/package@version → status, for every version of the sandbox. */
  static Map<String, String> state(Sandbox s) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode d : JSON.readTree(s.stateJson()).path("domains")) {
      for (JsonNode r : d.path("repositories")) {
        for (JsonNode p : r.path("packages")) {
          for (JsonNode v : p.path("versions")) {
            out.put(
                r.path("name").asText()
                    + "/"
                    + p.path("name").asText()
                    + "@"
                    + v.path("version").asText(),
                v.path("status").asText());
          }
        }
      }
    }
    return out;
  }

  /** What changed: key → new status ("Deleted" when gone). */
  static Map<String, String> diff(Map<String, String> before, Map<String, String> after) {
    Map<String, String> out = new TreeMap<>();
    before.forEach(
        (k, v) -> {
          String now = after.getOrDefault(k, "Deleted");
          if (!now.equals(v)) {
            out.put(k, now);
          }
        });
    return out;
  }

  static List<JsonNode> lines(String ndjson) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : ndjson.split("\n")) {
      if (!l.isBlank()) {
        out.add(JSON.readTree(l));
      }
    }
    return out;
  }

  static final Map<String, String> TARGET_STATUS =
      Map.of(
          "delete", "Deleted", "archive", "Archived", "unlist", "Unlisted", "dispose", "Disposed");

  @Test
  void aPolicyMovesExactlyWhatItsReportSaysInBothAccounts() throws Exception {
    Path file = policy(b.endpoint().toString());
    Map<String, String> beforeA = state(a.sandbox);
    Map<String, String> beforeB = state(b);

    CliResult dry = a.runRaw("policy", "run", file.toString(), "--dry-run", "-o", "ndjson");
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(a.writeCalls()).isZero();
    assertThat(b.calls("DeletePackageVersions") + b.calls("UpdatePackageVersionsStatus")).isZero();
    TreeSet<String> wouldDo = new TreeSet<>();
    for (JsonNode l : lines(dry.out())) {
      if (l.path("type").asText().equals("version")) {
        assertThat(l.path("result").asText()).isEqualTo("selected");
        wouldDo.add(key(l));
      }
    }

    CliResult run = a.runRaw("policy", "run", file.toString(), "--yes", "-o", "ndjson");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<JsonNode> report = lines(run.out());

    Map<String, Map<String, String>> reported = new HashMap<>();
    TreeSet<String> done = new TreeSet<>();
    for (JsonNode l : report) {
      if (l.path("type").asText().equals("version")) {
        assertThat(l.path("result").asText()).as(l.toString()).isEqualTo("succeeded");
        reported
            .computeIfAbsent(l.path("target").asText(), t -> new TreeMap<>())
            .put(
                l.path("repository").asText()
                    + "/"
                    + l.path("package").asText()
                    + "@"
                    + l.path("version").asText(),
                TARGET_STATUS.get(l.path("action").asText()));
        done.add(key(l));
      }
    }
    // The dry run's selection is what the real run did.
    assertThat(done).isEqualTo(wouldDo);
    // Each sandbox's state diff equals its target's part of the report.
    assertThat(diff(beforeA, state(a.sandbox))).isEqualTo(reported.get("one"));
    assertThat(diff(beforeB, state(b))).isEqualTo(reported.get("two"));

    Map<String, String> expected = new TreeMap<>();
    // app: app-releases claims every version; keeps the 2 newest; 1.0.1 kept by pinned.
    expected.put("releases/app@1.0.0", "Deleted");
    expected.put("releases/app@1.0.2", "Deleted");
    expected.put("releases/app@1.0.3", "Deleted");
    // tool: only the catch-all; 0.3 is latest.
    expected.put("releases/tool@0.1", "Archived");
    expected.put("releases/tool@0.2", "Archived");
    // lib: old ones disposed first; the young pre-releases fall to the next rule; 1.0.0 latest.
    expected.put("snapshots/lib@0.9.0", "Disposed");
    expected.put("snapshots/lib@1.0.0-beta.1", "Disposed");
    expected.put("snapshots/lib@1.0.0-beta.2", "Unlisted");
    expected.put("snapshots/lib@1.0.0-rc.1", "Unlisted");
    assertThat(reported.get("one")).isEqualTo(expected);
    assertThat(reported.get("two")).isEqualTo(expected);

    // Rule lines count per target and rule.
    long ruleLines = report.stream().filter(l -> l.path("type").asText().equals("rule")).count();
    assertThat(ruleLines).isEqualTo(2 * 4);
    JsonNode summary = report.get(report.size() - 1);
    assertThat(summary.path("type").asText()).isEqualTo("summary");
    // The ndjson summary line carries the summary's fields beside the document's header.
    assertThat(summary.path("succeeded").asInt()).isEqualTo(18);
    assertThat(summary.path("schemaVersion").asInt()).isEqualTo(2);
  }

  static String key(JsonNode l) {
    return String.join(
        " ",
        l.path("target").asText(),
        l.path("rule").asText(),
        l.path("action").asText(),
        l.path("repository").asText(),
        l.path("package").asText(),
        l.path("version").asText());
  }

  @Test
  void aFailingTargetDoesNotStopTheOtherAndTheExitCodeIsTheWorst() throws Exception {
    Path file = policy("http://127.0.0.1:9"); // nothing listens there
    Map<String, String> beforeA = state(a.sandbox);
    CliResult run =
        a.runRaw("policy", "run", file.toString(), "--yes", "--max-attempts", "1", "-o", "json");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.path("targets").get(0).path("name").asText()).isEqualTo("one");
    assertThat(doc.path("targets").get(0).path("exitCode").asInt()).isZero();
    assertThat(doc.path("targets").get(1).path("exitCode").asInt()).isEqualTo(1);
    assertThat(doc.path("targets").get(1).path("error").asText()).isNotEmpty();
    assertThat(run.err()).contains("target two failed");
    assertThat(diff(beforeA, state(a.sandbox))).hasSize(9);
  }

  @Test
  void maxCountsTheWholeRunAndRefusesBeforeAnyWrite() throws Exception {
    Path file = policy(b.endpoint().toString());
    CliResult run = a.runRaw("policy", "run", file.toString(), "--yes", "--max", "17");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    assertThat(run.err()).contains("18 versions").contains("--max 17");
    assertThat(a.writeCalls()).isZero();
    assertThat(b.calls("DeletePackageVersions") + b.calls("UpdatePackageVersionsStatus")).isZero();
  }

  @Test
  void withoutATerminalItAsksForYes() throws Exception {
    Path file = policy(b.endpoint().toString());
    CliResult run = a.runRaw("policy", "run", file.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    assertThat(run.err()).contains("pass --yes");
    assertThat(a.writeCalls()).isZero();
  }

  @Test
  void targetRunsOneTargetAndExplainNamesTheRule() throws Exception {
    Path file = policy(b.endpoint().toString());
    CliResult explain =
        a.runRaw("policy", "run", file.toString(), "--target", "one", "--dry-run", "--explain");
    assertThat(explain.exitCode()).as(explain.toString()).isZero();
    assertThat(explain.out())
        .contains("Target one:")
        .doesNotContain("Target two:")
        .contains("rule old-snapshots")
        .contains("kept by rule pinned")
        .contains("kept by rule app-releases")
        .contains("protected: latest");
    assertThat(b.calls().values().stream().mapToLong(Long::longValue).sum()).isZero();

    CliResult table = a.runRaw("policy", "run", file.toString(), "--target", "one", "--dry-run");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).contains("app-releases").contains("would delete").contains("Dry run");

    CliResult bad = a.runRaw("policy", "run", file.toString(), "--target", "three");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("no such target");
  }

  @Test
  void aRuleWithATimeWindowShowsThePublishTimesItLookedUp() throws Exception {
    Path file = policy(b.endpoint().toString());
    CliResult run =
        a.runRaw("policy", "run", file.toString(), "--target", "one", "--dry-run", "-o", "ndjson");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<JsonNode> old =
        lines(run.out()).stream()
            .filter(l -> "old-snapshots".equals(l.path("rule").asText()))
            .toList();
    // lib 0.9.0 and 1.0.0-beta.1 are older than 100 days (NOW is 2025-07-01): the window's search
    // described them, and the report shows when each was published, to the second.
    assertThat(old)
        .extracting(l -> l.path("version").asText() + "@" + l.path("publishedTime").asText())
        .contains("0.9.0@2025-01-01T00:00:00Z", "1.0.0-beta.1@2025-02-01T00:00:00Z");
    CliResult table = a.runRaw("policy", "run", file.toString(), "--target", "one", "--dry-run");
    assertThat(table.out())
        .as(table.toString())
        .contains("PUBLISHED")
        .contains("2025-01-01T00:00:00Z");
  }

  @Test
  void csvCarriesTargetAndRule() throws Exception {
    Path file = policy(b.endpoint().toString());
    CliResult run = a.runRaw("policy", "run", file.toString(), "--dry-run", "-o", "csv");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    String[] rows = run.out().split("\r?\n");
    assertThat(rows[0]).startsWith("target,rule,action,repository,");
    assertThat(rows).hasSize(1 + 18);
  }

  @Test
  void aSavedPolicyPlanAppliesExactly() throws Exception {
    Path file = policy(b.endpoint().toString());
    Path plan = dir.resolve("plan.json");
    Map<String, String> beforeA = state(a.sandbox);
    Map<String, String> beforeB = state(b);
    CliResult save = a.runRaw("policy", "run", file.toString(), "--save-plan", plan.toString());
    assertThat(save.exitCode()).as(save.toString()).isZero();
    assertThat(save.out()).contains("RULE").contains("app-releases").contains("(target one)");
    assertThat(a.writeCalls()).isZero();
    Path planOne = dir.resolve("plan.one.json");
    Path planTwo = dir.resolve("plan.two.json");
    JsonNode doc = JSON.readTree(Files.readString(planOne));
    assertThat(doc.path("schemaVersion").asInt()).isEqualTo(3);
    assertThat(doc.path("action").asText()).isEqualTo("policy");
    assertThat(doc.path("target").asText()).isEqualTo("one");
    assertThat(doc.path("versions")).hasSize(9);
    for (JsonNode v : doc.path("versions")) {
      assertThat(v.path("rule").asText()).isNotEmpty();
      assertThat(TARGET_STATUS).containsKey(v.path("action").asText());
    }

    // Between plan and apply, one version is changed by someone else: apply leaves it alone.
    a.sandbox.setStatus("acme", "releases", "npm", null, "app", "1.0.0", "Archived");
    beforeA = state(a.sandbox);

    CliResult applyOne = a.runRaw("apply", planOne.toString(), "--yes", "-o", "ndjson");
    assertThat(applyOne.exitCode()).as(applyOne.toString()).isEqualTo(3);
    Map<String, String> didOne = new TreeMap<>();
    for (JsonNode l : lines(applyOne.out())) {
      if (l.path("type").asText().equals("version")) {
        assertThat(l.path("target").asText()).isEqualTo("one");
        if (l.path("result").asText().equals("succeeded")) {
          didOne.put(
              l.path("repository").asText()
                  + "/"
                  + l.path("package").asText()
                  + "@"
                  + l.path("version").asText(),
              TARGET_STATUS.get(l.path("action").asText()));
        } else {
          assertThat(l.path("version").asText()).isEqualTo("1.0.0");
          assertThat(l.path("errorCode").asText()).isEqualTo("MISMATCHED_STATUS");
        }
      }
    }
    assertThat(didOne).hasSize(8);
    assertThat(diff(beforeA, state(a.sandbox))).isEqualTo(didOne);

    CliResult applyTwo = a.runRaw("apply", planTwo.toString(), "--yes", "-o", "json");
    assertThat(applyTwo.exitCode()).as(applyTwo.toString()).isZero();
    assertThat(diff(beforeB, state(b))).hasSize(9);

    // A policy plan is bound like any plan, and checked as strictly.
    CliResult elsewhere =
        a.runRaw(
            "apply",
            planTwo.toString(),
            "--yes",
            "--endpoint-url",
            a.sandbox.endpoint().toString());
    assertThat(elsewhere.exitCode()).isEqualTo(2);
    Files.writeString(planOne, Files.readString(planOne).replace("\"unlist\"", "\"delete\""));
    CliResult tampered = a.runRaw("apply", planOne.toString(), "--yes");
    assertThat(tampered.exitCode()).isEqualTo(2);
    assertThat(tampered.err()).contains("checksum");
  }

  @Test
  void oneQuestionForEveryTargetNamesEachAction() throws Exception {
    Path file = policy(b.endpoint().toString());
    a.withContext(a.context().withTerminal(new CliContext.Terminal(true, () -> "n")));
    CliResult no = a.runRaw("policy", "run", file.toString());
    assertThat(no.exitCode()).as(no.toString()).isEqualTo(4);
    assertThat(no.err())
        .containsOnlyOnce("[y/N]")
        .contains("delete 6")
        .contains("archive 4")
        .contains("unlist 4")
        .contains("dispose 4")
        .contains("18 versions of 6 packages in 2 targets")
        .contains("About to change 18 versions of 6 packages:\n  targets      ")
        .containsPattern("\n               \\S+: account \\d{12}, us-east-1, \\S+/\\S+\n")
        .containsPattern("\n  packages     +\\d+  \\S+");
    assertThat(no.err().lines().count()).isLessThan(12);
    assertThat(a.writeCalls()).isZero();

    a.withContext(a.context().withTerminal(new CliContext.Terminal(true, () -> "y")));
    CliResult yes = a.runRaw("policy", "run", file.toString(), "-o", "json");
    assertThat(yes.exitCode()).as(yes.toString()).isZero();
    assertThat(JSON.readTree(yes.out()).path("summary").path("succeeded").asInt()).isEqualTo(18);
  }

  @Test
  void aVersionGoneBeforeItsPublishTimeIsAskedIsLeftAloneNotAFailure() throws Exception {
    Path file = policy(b.endpoint().toString());
    // Someone deletes lib's old versions between the listing and the first describe.
    a.sandbox.beforeNextCall(
        "DescribePackageVersion",
        () -> {
          for (String v : List.of("0.9.0", "1.0.0-beta.1", "1.0.0-beta.2", "1.0.0-rc.1")) {
            a.sandbox.setStatus("acme", "snapshots", "npm", null, "lib", v, "Deleted");
          }
        });
    CliResult run =
        a.runRaw("policy", "run", file.toString(), "--target", "one", "--dry-run", "-o", "json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.path("targets").get(0).has("error")).isFalse();
    for (JsonNode p : doc.path("targets").get(0).path("packages")) {
      if (p.path("package").asText().equals("lib")) {
        // Only versions whose time was known before they vanished can be selected.
        assertThat(p.path("rule").asText()).isNotEqualTo("old-snapshots");
      }
    }
  }

  @Test
  void theProtectFileHoldsForEveryRuleAndWarnsOfLinesThatMatchedNothing() throws Exception {
    Path file = policy(b.endpoint().toString());
    Files.writeString(dir.resolve("protect.txt"), "app@1.0.2\ntool@0.1\nnothing-here@9.9\n");
    Files.writeString(
        file,
        Files.readString(file).replace("version: 1\n", "version: 1\nprotectFile: protect.txt\n"));
    CliResult run;
    List<String> warnings;
    try (LogCapture log = LogCapture.attach()) {
      run =
          a.runRaw(
              "policy", "run", file.toString(), "--target", "one", "--dry-run", "-o", "ndjson");
      warnings = log.text().lines().toList();
    }
    assertThat(run.exitCode()).as(run.toString()).isZero();
    TreeSet<String> versions = new TreeSet<>();
    for (JsonNode l : lines(run.out())) {
      if (l.path("type").asText().equals("version")) {
        versions.add(l.path("package").asText() + "@" + l.path("version").asText());
      }
    }
    assertThat(versions).contains("app@1.0.0", "tool@0.2").doesNotContain("app@1.0.2", "tool@0.1");
    assertThat(versions).hasSize(7);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("caprune: warning: ")
        .endsWith(
            dir.resolve("protect.txt")
                + " line 3: 'nothing-here@9.9' matched no version in this run");
  }
}
