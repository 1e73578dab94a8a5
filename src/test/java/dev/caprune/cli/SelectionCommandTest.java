package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Golden;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Age, keep-latest, version order, pre-releases, snapshot builds, regexes, protections, explain and
 * repository globs, through {@code caprune versions} against the sandbox (now = 2025-07-01).
 */
class SelectionCommandTest {
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

  private static CliResult versions(String... args) {
    List<String> all = new ArrayList<>(List.of("versions", "--domain", "acme"));
    all.addAll(List.of(args));
    if (!all.contains("--repository")) {
      all.addAll(List.of("--repository", "releases"));
    }
    return h.run(all.toArray(String[]::new));
  }

  /** The selected versions of the JSON output, in output order. */
  private static List<String> selected(CliResult r) throws Exception {
    assertThat(r.exitCode()).as(r::toString).isZero();
    List<String> out = new ArrayList<>();
    for (JsonNode v : new ObjectMapper().readTree(r.out()).path("versions")) {
      // A listing shows protected versions too, marked; they are not selected.
      boolean selected =
          v.has("selected") ? v.path("selected").asBoolean() : v.path("protected").isNull();
      if (selected) {
        out.add(v.path("version").asText());
      }
    }
    return out;
  }

  /** version → reason, from {@code --explain -o json}. */
  private static Map<String, String> reasons(CliResult r) throws Exception {
    assertThat(r.exitCode()).as(r::toString).isZero();
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode v : new ObjectMapper().readTree(r.out()).path("versions")) {
      out.put(v.path("version").asText(), v.path("reason").asText());
    }
    return out;
  }

  @Test
  void keepLatestUsesTheFormatsVersionOrderNotText() throws Exception {
    // Maven: 1.9 < 1.10 < 1.10.1 < 2.0-RC1. Text order would keep 1.9 and delete 1.10.1.
    assertThat(
            selected(
                versions(
                    "--package",
                    "com.acme/core",
                    "--keep-latest",
                    "2",
                    "--no-protect-latest",
                    "-o",
                    "json")))
        .containsExactly("1.9", "1.10");
  }

  @Test
  void keepLatestByPublishTimeKeepsTheLastPublished() throws Exception {
    // 1.10.1 is a backport published after 2.0-RC1.
    assertThat(
            selected(
                versions(
                    "--package",
                    "com.acme/core",
                    "--keep-latest",
                    "1",
                    "--no-protect-latest",
                    "-o",
                    "json")))
        .containsExactly("1.9", "1.10", "1.10.1");
    assertThat(
            selected(
                versions(
                    "--package",
                    "com.acme/core",
                    "--keep-latest",
                    "1",
                    "--order",
                    "published",
                    "--no-protect-latest",
                    "-o",
                    "json")))
        .containsExactly("1.9", "1.10", "2.0-RC1");
    // Two describes, the list's ends: a version without a publish time must not fall out of the
    // keep for sorting last (or push the newest out for sorting first).
    assertThat(h.calls("DescribePackageVersion"))
        .as("published order costs the two ends' describes")
        .isEqualTo(2);
  }

  @Test
  void olderThanSelectsByPublishTime() throws Exception {
    // 180 days before 2025-07-01 is 2025-01-02: 1.0.0 (2024-07) .. 1.6.0 (2025-01-01).
    assertThat(
            selected(
                versions(
                    "--package",
                    "app",
                    "--older-than",
                    "180d",
                    "--no-protect-latest",
                    "-o",
                    "json")))
        .containsExactly("1.0.0", "1.1.0", "1.2.0", "1.3.0", "1.4.0", "1.5.0", "1.6.0");
    // 12 candidates (latest protected): both ends, then at most ceil(log2 13) = 4 probes.
    assertThat(h.calls("DescribePackageVersion")).isBetween(2L, 6L);
  }

  @Test
  void keepLatestThenAgeNarrowsWhatRemains() throws Exception {
    // Keep 8 newest by version (2.0.0-rc.1, 1.11.0 .. 1.5.0); of the rest, older than 300 days
    // (before 2024-09-04): 1.0.0, 1.1.0, 1.2.0.
    CliResult r =
        versions(
            "--package",
            "app",
            "--keep-latest",
            "8",
            "--older-than",
            "300d",
            "--explain",
            "-o",
            "json");
    Map<String, String> why = reasons(r);
    assertThat(selected(r)).containsExactly("1.0.0", "1.1.0", "1.2.0");
    assertThat(why.get("1.5.0")).isEqualTo("kept: newest 8");
    assertThat(why.get("2.0.0-rc.1")).isEqualTo("kept: newest 8");
    assertThat(why.get("1.3.0")).startsWith("too new: published");
    assertThat(why.get("1.4.0")).startsWith("too new: published");
  }

  /**
   * Issue 14, item 5: an --explain reason names the cut-off, the same whichever versions the search
   * happened to describe (before, 1.4.0 read "published 2024-11-01 12:00" or "published after
   * 2024-09-04 00:00" depending on the rest of the list); the publish time, where caprune learnt
   * it, is the version's own field and column, to the second.
   */
  @Test
  void timeReasonsNameTheCutOffWhateverTheSearchDescribed() throws Exception {
    String cutOff = "too new: published at or after the cut-off 2024-09-04T00:00:00Z";
    Map<String, String> alone =
        reasons(versions("--package", "app", "--older-than", "300d", "--explain", "-o", "json"));
    Map<String, String> withKeep =
        reasons(
            versions(
                "--package",
                "app",
                "--keep-latest",
                "8",
                "--older-than",
                "300d",
                "--explain",
                "-o",
                "json"));
    Map<String, String> narrowed =
        reasons(
            versions(
                "--package",
                "app",
                "--version",
                "1.3.0",
                "--version",
                "1.4.0",
                "--older-than",
                "300d",
                "--explain",
                "-o",
                "json"));
    for (Map<String, String> why : List.of(alone, withKeep, narrowed)) {
      assertThat(why.get("1.3.0")).isEqualTo(cutOff);
      assertThat(why.get("1.4.0")).isEqualTo(cutOff);
    }
    CliResult older = versions("--package", "app", "--newer-than", "300d", "--explain");
    assertThat(older.out())
        .contains("too old: published at or before the cut-off 2024-09-04T00:00:00Z");

    // The times the search learnt: in every format, ISO-8601 to the second, never nanoseconds.
    CliResult table = versions("--package", "app", "--older-than", "300d");
    assertThat(table.out().lines().findFirst().orElseThrow()).contains("PUBLISHED");
    assertThat(table.out())
        .containsPattern("1\\.0\\.0 .* 20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    JsonNode doc =
        new ObjectMapper()
            .readTree(versions("--package", "app", "--older-than", "300d", "-o", "json").out());
    List<String> times = new ArrayList<>();
    doc.path("versions")
        .forEach(
            v -> {
              assertThat(v.has("publishedTime")).isTrue();
              if (!v.path("publishedTime").isNull()) {
                times.add(v.path("publishedTime").asText());
              }
            });
    assertThat(times)
        .isNotEmpty()
        .allMatch(t -> t.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    CliResult dry =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "app",
            "--older-than",
            "300d",
            "--dry-run",
            "-o",
            "json");
    JsonNode pkg = new ObjectMapper().readTree(dry.out()).path("packages").get(0);
    assertThat(pkg.path("publishedTimes").size()).isPositive();
    pkg.path("publishedTimes")
        .forEach(t -> assertThat(t.asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    CliResult nd =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "app",
            "--older-than",
            "300d",
            "--dry-run",
            "-o",
            "ndjson");
    assertThat(nd.out())
        .containsPattern("\"publishedTime\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"");
    CliResult dryTable =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "app",
            "--older-than",
            "300d",
            "--dry-run");
    assertThat(dryTable.out().lines().findFirst().orElseThrow()).contains("PUBLISHED");
  }

  @Test
  void newerThanAndPublishedAfterBoundTheOtherSide() throws Exception {
    assertThat(
            selected(
                versions(
                    "--package",
                    "app",
                    "--newer-than",
                    "45d",
                    "--no-protect-latest",
                    "-o",
                    "json")))
        .containsExactly("1.11.0", "2.0.0-rc.1");
    assertThat(
            selected(
                versions(
                    "--package",
                    "app",
                    "--published-after",
                    "2025-03-15",
                    "--published-before",
                    "2025-05-15",
                    "-o",
                    "json")))
        .containsExactly("1.9.0", "1.10.0");
  }

  @Test
  void ageOnAThousandVersionsTakesAtMostTwelveDescribes() throws Exception {
    StringBuilder versions = new StringBuilder();
    Instant start = Instant.parse("2022-01-01T00:00:00Z");
    for (int i = 0; i < 1000; i++) {
      versions
          .append(i == 0 ? "" : ",")
          .append("{\"version\": \"1.0.")
          .append(i)
          .append("\", \"publishedTime\": \"")
          .append(start.plus(i, ChronoUnit.DAYS))
          .append("\"}");
    }
    String seed =
        "{\"domains\": [{\"name\": \"big\", \"repositories\": [{\"name\": \"repo\", \"packages\":"
            + " [{\"format\": \"npm\", \"name\": \"many\", \"versions\": ["
            + versions
            + "]}]}]}]}";
    try (SandboxHarness big = new SandboxHarness(Sandbox.builder().seedJson(seed).start())) {
      // The cut-off falls between day 499 and day 500.
      CliResult r =
          big.run(
              "versions",
              "--domain",
              "big",
              "--repository",
              "repo",
              "--published-before",
              start.plus(500, ChronoUnit.DAYS).toString(),
              "-o",
              "json");
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(new ObjectMapper().readTree(r.out()).path("versions").size()).isEqualTo(500);
      assertThat(big.calls("DescribePackageVersion")).isLessThanOrEqualTo(12);

      big.sandbox.resetStats();
      CliResult none = big.run("versions", "--domain", "big", "--repository", "repo", "-o", "json");
      assertThat(none.exitCode()).as(none::toString).isZero();
      assertThat(big.calls("DescribePackageVersion")).as("no time filter, no describe").isZero();
    }
  }

  @Test
  void missingPublishTimesFallBackAndAreNeverSelected() throws Exception {
    CliResult r =
        versions(
            "--package",
            "notime",
            "--older-than",
            "30d",
            "--no-protect-latest",
            "--explain",
            "-o",
            "json");
    Map<String, String> why = reasons(r);
    assertThat(selected(r)).containsExactly("1.0.0", "1.2.0");
    assertThat(why.get("1.1.0")).startsWith("publish time unknown");
    assertThat(why.get("1.3.0")).startsWith("publish time unknown");
    assertThat(why.get("1.4.0")).startsWith("too new");
    // The fallback describes each candidate once, never more.
    assertThat(h.calls("DescribePackageVersion")).isLessThanOrEqualTo(5);
  }

  @Test
  void onlyPrereleaseFollowsPep440() throws Exception {
    assertThat(
            selected(
                versions(
                    "--package", "lib", "--only-prerelease", "--no-protect-latest", "-o", "json")))
        .containsExactly("1.0a1", "1.0b2", "1.0rc1", "1.1.dev0");
  }

  @Test
  void snapshotBuildsSelectsUnlistedTimestampedBuilds() throws Exception {
    assertThat(selected(versions("--repository", "snapshots", "--snapshot-builds", "-o", "json")))
        .containsExactly("1.0-20250101.120000-1", "1.0-20250201.120000-2");
    CliResult bad = versions("--snapshot-builds", "--format", "npm");
    assertThat(bad.exitCode()).as(bad::toString).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void protectFileHoldsVersionsBackAndNamesTheLine() throws Exception {
    Path file = dir.resolve("protect.txt");
    Files.writeString(file, "# keep the first release\ncom.acme/core@1.9\n@*/nothing@*\n");
    CliResult r =
        versions(
            "--package",
            "com.acme/core",
            "--protect-file",
            file.toString(),
            "--explain",
            "-o",
            "json");
    Map<String, String> why = reasons(r);
    assertThat(why.get("1.9")).isEqualTo("protected: " + file + " line 2");
    // Maven's latest is the most recently published version: the 1.10.1 backport.
    assertThat(why.get("1.10.1")).isEqualTo("protected: latest");
    assertThat(selected(r)).containsExactly("1.10", "2.0-RC1");

    Files.writeString(file, "core\n");
    h.sandbox.resetStats();
    CliResult bad = versions("--protect-file", file.toString());
    assertThat(bad.exitCode()).as(bad::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("line 1").hasLineCount(1);
    CliResult missing = versions("--protect-file", dir.resolve("nope.txt").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void regexesMatchTheWholeString() throws Exception {
    assertThat(
            selected(
                versions("--package", "app", "--version-regex", "1\\.[0-2]\\.0", "-o", "json")))
        .containsExactly("1.0.0", "1.1.0", "1.2.0");
    assertThat(selected(versions("--package-regex", "c.r.", "-o", "json")))
        .containsExactly("1.9", "1.10", "2.0-RC1");
    h.sandbox.resetStats();
    CliResult bad = versions("--version-regex", "1.(0");
    assertThat(bad.exitCode()).as(bad::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("position 4").hasLineCount(1);
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void badAgesAreUsageErrors() {
    for (String age : List.of("6M", "-3d", "P1Y", "soon")) {
      CliResult r = versions("--older-than", age);
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).contains("--older-than");
    }
    CliResult when = versions("--published-before", "2025-13-01");
    assertThat(when.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void repositoryGlobsAreExpanded() throws Exception {
    CliResult r = versions("--repository", "s*", "--no-protect-latest", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    List<String> repos = new ArrayList<>();
    new ObjectMapper()
        .readTree(r.out())
        .path("versions")
        .forEach(v -> repos.add(v.path("repository").asText()));
    assertThat(repos).containsOnly("snapshots", "staging").contains("snapshots", "staging");
    assertThat(h.calls("ListRepositoriesInDomain")).isEqualTo(1);
    CliResult none = versions("--repository", "nothing*");
    assertThat(none.exitCode()).as(none::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("no repository in domain acme matches");
  }

  @Test
  void explainIsPinnedByGoldenFiles() {
    CliResult table =
        versions("--package", "app", "--keep-latest", "8", "--older-than", "300d", "--explain");
    assertThat(table.exitCode()).as(table::toString).isZero();
    Golden.assertMatches("explain-keep-age.txt", table.out());
    CliResult json =
        versions("--package", "com.acme/core", "--keep-latest", "1", "--explain", "-o", "json");
    assertThat(json.exitCode()).as(json::toString).isZero();
    Golden.assertMatches("explain-core.json", json.out());
    CliResult dry =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "lib",
            "--only-prerelease",
            "--dry-run",
            "--explain");
    assertThat(dry.exitCode()).as(dry::toString).isZero();
    Golden.assertMatches("explain-delete-dry-run.txt", dry.out());
    CliResult notDry =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "lib",
            "--explain");
    assertThat(notDry.exitCode()).as(notDry::toString).isEqualTo(ExitCodes.USAGE);
  }
}
