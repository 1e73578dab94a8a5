package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caprune policy init}'s example, run against {@code caprune sandbox --demo}, cleans exactly
 * what its comments say. The expectation is computed here from the demo data, by the comments'
 * words, with none of caprune's selection code: a release is a version of digits and dots, the
 * newest are by those numbers, a snapshot build is {@code BASE-yyyyMMdd.HHmmss-N}.
 */
class PolicyInitDemoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RELEASE = Pattern.compile("\\d+(\\.\\d+)*");
  private static final Pattern SNAPSHOT_BUILD = Pattern.compile(".+-\\d{8}\\.\\d{6}-\\d+");
  private static final Instant NOW = SandboxHarness.NOW;

  @TempDir Path dir;
  SandboxHarness h;
  Path policy;
  String example;

  @BeforeEach
  void start() throws Exception {
    h = new SandboxHarness(Sandbox.builder().demo(NOW).start());
    CliResult init = h.runRaw("policy", "init");
    assertThat(init.exitCode()).as(init.toString()).isZero();
    example = init.out();
    policy = dir.resolve("retention.yaml");
    Files.writeString(policy, example);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void theCommentsSayWhatTheExpectationBelowAssumes() {
    assertThat(example)
        .contains("In releases, every 1.0.0 and 2.x release (not their pre-releases) is kept")
        .contains("In releases, delete releases published more than 180 days ago, but never one")
        .contains("newest 5 releases of its package")
        .contains("In snapshots, delete the Maven snapshot builds")
        .contains("Unlisted and were published more than 30 days ago")
        .contains("In releases, archive the pre-releases")
        .contains("published more than 90 days ago that are still Published or Unlisted")
        .doesNotContain("\"*-*\"");
  }

  @Test
  void aDryRunSelectsExactlyWhatTheCommentsSay() throws Exception {
    Map<String, String> expected = expected();
    CliResult r = h.run("policy", "run", policy.toString(), "--dry-run", "-o", "json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, String> selected = new TreeMap<>();
    for (JsonNode p : JSON.readTree(r.out()).path("targets").get(0).path("packages")) {
      for (JsonNode v : p.path("selected")) {
        String key = p.path("repository").asText() + "/" + p.path("package").asText() + "@";
        selected.put(key + v.asText(), p.path("rule").asText() + " " + p.path("action").asText());
      }
    }
    Map<String, String> want = new TreeMap<>();
    expected.forEach((k, v) -> want.put(k, v.substring(v.indexOf(' ') + 1)));
    assertThat(selected).isEqualTo(want);
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void aRealRunCleansExactlyThat() throws Exception {
    Map<String, String> expected = expected();
    Map<String, String> before = PolicyRunTest.state(h.sandbox);
    CliResult r = h.run("policy", "run", policy.toString(), "--yes");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, String> want = new TreeMap<>();
    expected.forEach((k, v) -> want.put(k, v.substring(0, v.indexOf(' '))));
    assertThat(PolicyRunTest.diff(before, PolicyRunTest.state(h.sandbox))).isEqualTo(want);
    // Each rule of the example has work to do in the demo data.
    assertThat(expected.values().stream().map(v -> v.substring(v.indexOf(' ') + 1)).distinct())
        .containsExactlyInAnyOrder(
            "releases delete", "old-snapshots delete", "stale-prereleases archive");
    // And a second run finds nothing left to do: the policy converges.
    CliResult again = h.run("policy", "run", policy.toString(), "--dry-run", "-o", "json");
    assertThat(JSON.readTree(again.out()).path("summary").path("selected").asInt())
        .as(again.toString())
        .isZero();
  }

  /** repository/package@version → "NEWSTATUS rule action", from the comments' words alone. */
  Map<String, String> expected() throws Exception {
    Map<String, String> out = new TreeMap<>();
    JsonNode state = h.state();
    for (JsonNode r : state.path("domains").get(0).path("repositories")) {
      String repo = r.path("name").asText();
      for (JsonNode p : r.path("packages")) {
        List<JsonNode> versions = new ArrayList<>();
        p.path("versions").forEach(versions::add);
        String latest = latest(p, versions);
        String prefix = repo + "/" + p.path("name").asText() + "@";
        if (repo.equals("releases")) {
          List<String> releases =
              versions.stream()
                  .map(v -> v.path("version").asText())
                  .filter(v -> RELEASE.matcher(v).matches())
                  .sorted(Comparator.comparing(PolicyInitDemoTest::numbers, NUMBERS).reversed())
                  .toList();
          List<String> newest5 = releases.subList(0, Math.min(5, releases.size()));
          for (JsonNode v : versions) {
            String version = v.path("version").asText();
            if (version.equals(latest)) {
              continue; // protectLatest
            }
            boolean release = RELEASE.matcher(version).matches();
            boolean pinned = release && (version.equals("1.0.0") || version.startsWith("2."));
            if (release
                && !pinned
                && !newest5.contains(version)
                && publishedBefore(v, Duration.ofDays(180))) {
              out.put(prefix + version, "Deleted releases delete");
            }
            String status = v.path("status").asText();
            if (!release
                && (status.equals("Published") || status.equals("Unlisted"))
                && publishedBefore(v, Duration.ofDays(90))) {
              out.put(prefix + version, "Archived stale-prereleases archive");
            }
          }
        } else if (repo.equals("snapshots")) {
          for (JsonNode v : versions) {
            String version = v.path("version").asText();
            if (!version.equals(latest)
                && SNAPSHOT_BUILD.matcher(version).matches()
                && v.path("status").asText().equals("Unlisted")
                && publishedBefore(v, Duration.ofDays(30))) {
              out.put(prefix + version, "Deleted old-snapshots delete");
            }
          }
        }
      }
    }
    return out;
  }

  /** What 'latest' resolves to: npm's latest tag, else the most recently published version. */
  private static String latest(JsonNode p, List<JsonNode> versions) {
    if (p.hasNonNull("latestTag")) {
      return p.path("latestTag").asText();
    }
    Map<String, Instant> times = new HashMap<>();
    versions.forEach(
        v ->
            times.put(v.path("version").asText(), Instant.parse(v.path("publishedTime").asText())));
    return times.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static boolean publishedBefore(JsonNode v, Duration age) {
    return Instant.parse(v.path("publishedTime").asText()).isBefore(NOW.minus(age));
  }

  private static List<Long> numbers(String release) {
    return Arrays.stream(release.split("\\.")).map(Long::valueOf).toList();
  }

  /** Numbers compared left to right, a missing one as 0. */
  private static final Comparator<List<Long>> NUMBERS =
      (a, b) -> {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
          int c = Long.compare(i < a.size() ? a.get(i) : 0L, i < b.size() ? b.get(i) : 0L);
          if (c != 0) {
            return c;
          }
        }
        return 0;
      };
}
