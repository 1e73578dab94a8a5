package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --exclude-prerelease}, {@code --keep-latest-per} and their policy keys, and {@code apply
 * --exclude}, against the sandbox: exit code, both streams and the sandbox's final state.
 */
class SelectOptionsTest {
  /** npm app (latest 2.1.0) and PyPI sdk, whose newest versions are pre-releases. */
  static final String SEED =
      """
      {"domains": [{"name": "acme", "repositories": [
        {"name": "releases", "packages": [
          {"format": "npm", "name": "app", "latestTag": "2.1.0", "versions": [
            {"version": "1.0.0", "publishedTime": "2025-01-01T00:00:00Z"},
            {"version": "1.1.0", "publishedTime": "2025-01-10T00:00:00Z"},
            {"version": "1.2.0", "publishedTime": "2025-01-20T00:00:00Z"},
            {"version": "2.0.0-beta.1", "publishedTime": "2025-02-01T00:00:00Z"},
            {"version": "2.0.0", "publishedTime": "2025-03-01T00:00:00Z"},
            {"version": "2.1.0", "publishedTime": "2025-04-01T00:00:00Z"},
            {"version": "3.0.0-rc.1", "publishedTime": "2025-05-01T00:00:00Z"}]},
          {"format": "pypi", "name": "sdk", "versions": [
            {"version": "1.0", "publishedTime": "2025-01-01T00:00:00Z"},
            {"version": "1.1", "publishedTime": "2025-02-01T00:00:00Z"},
            {"version": "1.2", "publishedTime": "2025-03-01T00:00:00Z"},
            {"version": "1.3rc1", "publishedTime": "2025-04-01T00:00:00Z"},
            {"version": "1.3.dev1", "publishedTime": "2025-03-15T00:00:00Z"},
            {"version": "1.3", "publishedTime": "2025-06-01T00:00:00Z"}]}]}]}]}
      """;

  @TempDir Path dir;
  SandboxHarness h;
  Map<String, String> before;

  @BeforeEach
  void start() throws Exception {
    h = new SandboxHarness(Sandbox.builder().seedJson(SEED).start());
    before = PolicyRunTest.state(h.sandbox);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** What changed since the seed: repository/package@version → new status ("Deleted"). */
  Map<String, String> changed() throws Exception {
    return PolicyRunTest.diff(before, PolicyRunTest.state(h.sandbox));
  }

  static Map<String, String> deleted(String... keys) {
    Map<String, String> out = new TreeMap<>();
    for (String k : keys) {
      out.put("releases/" + k, "Deleted");
    }
    return out;
  }

  CliResult delete(String... filters) {
    String[] base = {"delete", "--domain", "acme", "--repository", "releases", "--yes"};
    String[] all = java.util.Arrays.copyOf(base, base.length + filters.length);
    System.arraycopy(filters, 0, all, base.length, filters.length);
    return h.run(all);
  }

  // ---- --exclude-prerelease ----

  @Test
  void excludedPreReleasesAreNeverSelectedAndDoNotFillTheKeep() throws Exception {
    CliResult r = delete("--package", "sdk", "--exclude-prerelease", "--keep-latest", "2");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    // Releases 1.0 < 1.1 < 1.2 < 1.3: the newest 2 releases are kept, not 1.3rc1 and 1.3.dev1.
    assertThat(changed()).isEqualTo(deleted("sdk@1.0", "sdk@1.1"));
  }

  @Test
  void withoutItPreReleasesTakePlacesInTheKeep() throws Exception {
    CliResult r = delete("--package", "sdk", "--keep-latest", "2");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    // The newest 2 by PEP 440: 1.3 and 1.3rc1; 1.3.dev1 is below both.
    assertThat(changed()).isEqualTo(deleted("sdk@1.0", "sdk@1.1", "sdk@1.2", "sdk@1.3.dev1"));
  }

  @Test
  void explainSaysWhyAPreReleaseIsLeftOut() {
    CliResult r =
        h.run(
            "versions",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "app",
            "--exclude-prerelease",
            "--explain");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .containsPattern("2\\.0\\.0-beta\\.1 .* a pre-release \\(--exclude-prerelease\\)")
        .containsPattern("3\\.0\\.0-rc\\.1 .* a pre-release \\(--exclude-prerelease\\)");
  }

  @Test
  void anActionWithDefaultStatusesKeepsTheFilter() throws Exception {
    // archive adds its default statuses to the criteria: --exclude-prerelease must survive it.
    CliResult r =
        h.run(
            "archive",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "app",
            "--exclude-prerelease",
            "--yes");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, String> archived = new TreeMap<>();
    for (String v : new String[] {"1.0.0", "1.1.0", "1.2.0", "2.0.0"}) {
      archived.put("releases/app@" + v, "Archived");
    }
    assertThat(changed()).isEqualTo(archived); // 2.1.0 is latest; pre-releases left alone
  }

  @Test
  void bothPreReleaseOptionsAreRefusedBeforeAnyCall() {
    CliResult r = delete("--only-prerelease", "--exclude-prerelease");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip().lines())
        .containsExactly(
            "caprune: --exclude-prerelease cannot go with --only-prerelease: together they"
                + " select nothing");
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void snapshotBuildsAreAllPreReleases() {
    CliResult r = delete("--snapshot-builds", "--exclude-prerelease");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("--snapshot-builds");
    assertThat(h.totalCalls()).isZero();
  }

  // ---- --keep-latest-per ----

  @Test
  void keepLatestPerMajorKeepsTheNewestOfEachLine() throws Exception {
    CliResult r = delete("--package", "app", "--keep-latest", "1", "--keep-latest-per", "major");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    // Lines 1 (newest 1.2.0), 2 (newest 2.1.0, also latest) and 3 (3.0.0-rc.1) keep one each.
    assertThat(changed())
        .isEqualTo(deleted("app@1.0.0", "app@1.1.0", "app@2.0.0-beta.1", "app@2.0.0"));
  }

  @Test
  void keepLatestPerMinorWithPublishOrder() throws Exception {
    CliResult r =
        delete(
            "--package",
            "sdk",
            "--keep-latest",
            "1",
            "--keep-latest-per",
            "minor",
            "--order",
            "published");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    // Lines 1.0, 1.1, 1.2 and 1.3; in 1.3 the most recently published is 1.3 (June).
    assertThat(changed()).isEqualTo(deleted("sdk@1.3rc1", "sdk@1.3.dev1"));
  }

  @Test
  void keepLatestPerNeedsKeepLatest() {
    CliResult r = delete("--package", "app", "--keep-latest-per", "major");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip().lines())
        .containsExactly(
            "caprune: --keep-latest-per goes with --keep-latest N: it keeps the newest N of each"
                + " release line");
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void keepLatestPerTakesMajorOrMinor() {
    CliResult r = delete("--keep-latest", "1", "--keep-latest-per", "patch");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("major").contains("minor");
    assertThat(h.totalCalls()).isZero();
  }

  // ---- the policy keys ----

  Path policy(String rules) throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file,
        "version: 1\ntargets:\n  - name: t\n    domain: acme\n    repositories: [releases]\n"
            + "rules:\n"
            + rules);
    return file;
  }

  @Test
  void policyRulesTakeTheKeys() throws Exception {
    Path file =
        policy(
            """
              - name: lines
                action: keep
                package: app
                keepLatest: 1
                keepLatestPer: major
              - name: releases
                action: delete
                excludePrerelease: true
                keepLatest: 2
            """);
    CliResult r = h.run("policy", "run", file.toString(), "--yes");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    // app: 1.2.0, 2.1.0 and 3.0.0-rc.1 kept by 'lines'; 'releases' keeps the newest 2 releases
    // (2.1.0, 2.0.0) and leaves the pre-release 2.0.0-beta.1 alone. sdk: 1.2 and 1.3 kept.
    assertThat(changed()).isEqualTo(deleted("app@1.0.0", "app@1.1.0", "sdk@1.0", "sdk@1.1"));
  }

  @Test
  void aPolicyRefusesKeepLatestPerAlone() throws Exception {
    Path file = policy("  - {name: r, action: delete, package: app, keepLatestPer: minor}\n");
    CliResult r = h.runRaw("policy", "check", file.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("rules[0].keepLatestPer: goes with keepLatest");
    assertThat(r.err()).doesNotContainPattern("--[a-z]");
  }

  @Test
  void aPolicyRefusesAnUnknownLine() throws Exception {
    Path file =
        policy(
            "  - {name: r, action: delete, package: app, keepLatest: 1, keepLatestPer: Major}\n");
    CliResult r = h.runRaw("policy", "check", file.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("rules[0].keepLatestPer: unknown release line 'Major'");
  }

  @Test
  void aPolicyRefusesBothPreReleaseKeys() throws Exception {
    Path file =
        policy("  - {name: r, action: delete, onlyPrerelease: true, excludePrerelease: true}\n");
    CliResult r = h.run("policy", "run", file.toString(), "--yes");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err())
        .contains("rules[0]: excludePrerelease cannot go with onlyPrerelease")
        .doesNotContainPattern("--[a-z]");
    assertThat(h.totalCalls()).isZero();
  }

  // ---- apply --exclude ----

  Path plan() {
    Path plan = dir.resolve("plan.json");
    CliResult save =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--keep-latest",
            "1",
            "--save-plan",
            plan.toString());
    assertThat(save.exitCode()).as(save.toString()).isZero();
    h.sandbox.resetStats();
    return plan;
  }

  @Test
  void applyExcludeTrimsThePlanBeforeAnyWrite() throws Exception {
    Path plan = plan(); // app: all but 2.1.0 (latest) and 3.0.0-rc.1; sdk: all but 1.3
    CliResult r;
    String log;
    try (LogCapture capture = LogCapture.attach()) {
      r =
          h.run(
              "apply",
              plan.toString(),
              "--yes",
              "--exclude",
              "app@2.*",
              "--exclude",
              "sdk@1.3*",
              "--exclude",
              "nothing@1.0");
      log = capture.text();
    }
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(changed())
        .isEqualTo(deleted("app@1.0.0", "app@1.1.0", "app@1.2.0", "sdk@1.0", "sdk@1.1", "sdk@1.2"));
    assertThat(r.err())
        .contains("caprune: --exclude: 4 of the plan's 10 versions excluded; 6 left to delete.");
    assertThat(log)
        .contains("--exclude 'nothing@1.0': matched no version in the plan")
        .doesNotContain("app@2.*'");
  }

  @Test
  void applyExcludeOfEverythingWritesNothing() throws Exception {
    Path plan = plan();
    CliResult r = h.run("apply", plan.toString(), "--yes", "--exclude", "*@*");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("10 of the plan's 10 versions excluded; 0 left to delete");
    assertThat(h.writeCalls()).isZero();
    assertThat(changed()).isEmpty();
  }

  @Test
  void applyExcludeCannotWidenOrSkipTheChecksum() throws Exception {
    Path plan = plan();
    ObjectMapper json = new ObjectMapper();
    ObjectNode doc = (ObjectNode) json.readTree(Files.readString(plan));
    ((com.fasterxml.jackson.databind.node.ArrayNode) doc.path("versions")).remove(0);
    Files.writeString(plan, json.writeValueAsString(doc));
    CliResult r = h.run("apply", plan.toString(), "--yes", "--exclude", "app@*");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("checksum");
    assertThat(h.writeCalls()).isZero();
    assertThat(changed()).isEmpty();
  }

  @Test
  void aBadExcludePatternIsRefusedBeforeAnyCall() {
    Path plan = plan();
    CliResult r = h.run("apply", plan.toString(), "--yes", "--exclude", "app-2.0.0");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip().lines())
        .containsExactly(
            "caprune: --exclude: 'app-2.0.0' is not [namespace/]package@version (e.g. @types/*@1.*"
                + " or com.acme/core@*-RC*)");
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void applyExcludeWorksOnAPolicyPlanToo() throws Exception {
    Path file =
        policy("  - {name: old, action: delete, package: sdk, version: \"1.*\", keepLatest: 1}\n");
    Path plan = dir.resolve("policy-plan.json");
    CliResult save = h.run("policy", "run", file.toString(), "--save-plan", plan.toString());
    assertThat(save.exitCode()).as(save.toString()).isZero();
    CliResult r = h.run("apply", plan.toString(), "--yes", "--exclude", "sdk@1.0");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("1 of the plan's 5 versions excluded; 4 left to apply");
    assertThat(changed()).isEqualTo(deleted("sdk@1.1", "sdk@1.2", "sdk@1.3rc1", "sdk@1.3.dev1"));
  }
}
