package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed files: strict loading, one-line errors naming the field, merging, state round trips. */
class SeedsTest {
  private static final String ONE_VERSION =
      "{\"domains\": [{\"name\": \"acme\", \"repositories\": [{\"name\": \"releases\","
          + " \"packages\": [{\"format\": \"npm\", \"name\": \"x\", \"versions\": [%s]}]}]}]}";

  private static String version(String fields) {
    return ONE_VERSION.formatted("{\"version\": \"1.0.0\"" + fields + "}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad status|"
            + "{\"domains\": [{\"name\": \"acme\", \"repositories\": [{\"name\": \"releases\","
            + " \"packages\": [{\"format\": \"npm\", \"name\": \"x\", \"versions\": [{\"version\":"
            + " \"1\"}, {\"version\": \"2\", \"status\": \"Publised\"}]}]}]}]}"
            + "|seed JSON: domains[0].repositories[0].packages[0].versions[1].status:"
            + " unknown status \"Publised\"",
        "unknown field|{\"domains\": [{\"name\": \"acme\", \"repos\": []}]}"
            + "|seed JSON: domains[0].repos: unknown field \"repos\"",
        "unknown top-level field|{\"domain\": []}|seed JSON: domain: unknown field",
        "bad domain name|{\"domains\": [{\"name\": \"Acme\"}]}"
            + "|seed JSON: domains[0].name: invalid value \"Acme\"",
        "bad owner|{\"domains\": [{\"name\": \"acme\", \"owner\": \"1234\"}]}"
            + "|seed JSON: domains[0].owner: invalid value",
        "missing name|{\"domains\": [{\"owner\": \"111122223333\"}]}"
            + "|seed JSON: domains[0].name: missing",
        "not JSON|{\"domains\": [|seed JSON: invalid JSON at line 1",
        "array at top|[]|seed JSON: (top level): expected a JSON object",
        "wrong type|{\"domains\": {}}|seed JSON: domains: expected a JSON array",
      })
  void rejectsBadSeedsWithTheFieldPath(String what, String json, String message) {
    assertThatThrownBy(() -> Sandbox.builder().seedJson(json).start())
        .isInstanceOf(SeedException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        ", \"status\": \"Deleted\"|status: unknown status \"Deleted\"",
        ", \"origin\": \"LOCAL\"|origin: unknown value \"LOCAL\"",
        ", \"publishedTime\": \"2025-06-01\"|publishedTime: not an ISO-8601 date-time",
        ", \"revision\": \"has space\"|revision: invalid value",
        ", \"assets\": [{\"name\": \"a.tgz\", \"size\": -1}]|assets[0].size: expected a whole number",
        ", \"assets\": [{\"name\": \"a.tgz\", \"sha\": \"x\"}]|assets[0].sha: unknown field",
        ", \"extra\": 1|extra: unknown field \"extra\"",
      })
  void rejectsBadVersionFields(String fields, String message) {
    assertThatThrownBy(() -> Sandbox.builder().seedJson(version(fields)).start())
        .isInstanceOf(SeedException.class)
        .hasMessageContaining("packages[0].versions[0]." + message);
  }

  @Test
  void rejectsPackagesThatCannotExist() {
    String base =
        "{\"domains\": [{\"name\": \"acme\", \"repositories\": [{\"name\": \"releases\","
            + " \"packages\": [%s]}]}]}";
    assertThatThrownBy(
            () ->
                Sandbox.builder()
                    .seedJson(base.formatted("{\"format\": \"maven\", \"name\": \"core\"}"))
                    .start())
        .hasMessageContaining("packages[0].namespace: required for maven packages");
    assertThatThrownBy(
            () ->
                Sandbox.builder()
                    .seedJson(
                        base.formatted(
                            "{\"format\": \"pypi\", \"namespace\": \"x\", \"name\": \"core\"}"))
                    .start())
        .hasMessageContaining("pypi packages have no namespace");
    assertThatThrownBy(
            () ->
                Sandbox.builder()
                    .seedJson(
                        base.formatted(
                            "{\"format\": \"npm\", \"namespace\": \"@types\", \"name\": \"react\"}"))
                    .start())
        .hasMessageContaining("without the @");
    assertThatThrownBy(
            () ->
                Sandbox.builder()
                    .seedJson(
                        base.formatted(
                            "{\"format\": \"npm\", \"name\": \"x\", \"latestTag\": \"9.0.0\","
                                + " \"versions\": [{\"version\": \"1.0.0\"}]}"))
                    .start())
        .hasMessageContaining("latestTag: no version \"9.0.0\"");
    assertThatThrownBy(
            () ->
                Sandbox.builder()
                    .seedJson(base.formatted("{\"format\": \"docker\", \"name\": \"x\"}"))
                    .start())
        .hasMessageContaining("packages[0].format: unknown value \"docker\"");
  }

  @Test
  void filesAreNamedInErrorsAndMerged(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Files.writeString(a, version(""));
    Files.writeString(
        b, ONE_VERSION.formatted("{\"version\": \"2.0.0\"}").replace("releases", "releases"));
    try (Sandbox s = Sandbox.builder().seed(a).seed(b).start()) {
      assertThat(s.versionCount()).isEqualTo(2);
    }
    assertThatThrownBy(() -> Sandbox.builder().seed(a).seed(a).start())
        .hasMessageStartingWith(a + ": domains[0].repositories[0].packages[0].versions[0].version:")
        .hasMessageContaining("duplicate version \"1.0.0\"");
    Path typo = dir.resolve("acme.json");
    Files.writeString(typo, version(", \"status\": \"Publised\""));
    assertThatThrownBy(() -> Sandbox.builder().seed(typo).start())
        .hasMessage(
            typo
                + ": domains[0].repositories[0].packages[0].versions[0].status:"
                + " unknown status \"Publised\" (expected one of Archived, Disposed, Published,"
                + " Unfinished, Unlisted)");
    assertThatThrownBy(() -> Sandbox.builder().seed(dir.resolve("missing.json")).start())
        .isInstanceOf(SeedException.class)
        .hasMessageContaining("missing.json: no such file");
  }

  @Test
  void aDomainCannotHaveTwoOwners() {
    assertThatThrownBy(
            () ->
                Sandbox.builder()
                    .seedJson("{\"domains\": [{\"name\": \"acme\"}]}")
                    .seedJson("{\"domains\": [{\"name\": \"acme\", \"owner\": \"999999999999\"}]}")
                    .start())
        .hasMessageContaining("domains[0].owner: domain \"acme\" already has owner 111122223333");
  }

  @Test
  void defaultsFillOptionalFields() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(version("")).start()) {
      String state = s.stateJson();
      assertThat(state)
          .contains("\"owner\" : \"111122223333\"")
          .contains("\"status\" : \"Published\"")
          .contains("\"origin\" : \"INTERNAL\"")
          .contains("\"revision\" : \"")
          .doesNotContain("publishedTime");
      // revisions are generated deterministically
      try (Sandbox again = Sandbox.builder().seedJson(version("")).start()) {
        assertThat(again.stateJson()).isEqualTo(state);
      }
    }
  }

  @Test
  void generatedDataIsDeterministicPerSeedAndValid() throws Exception {
    Instant now = Instant.parse("2025-06-01T00:00:00Z");
    String a;
    try (Sandbox s = Sandbox.builder().generate(40, 12).randomSeed(5).now(now).start()) {
      a = s.stateJson();
      assertThat(s.versionCount()).isEqualTo(480);
    }
    try (Sandbox s = Sandbox.builder().generate(40, 12).randomSeed(5).now(now).start()) {
      assertThat(s.stateJson()).isEqualTo(a);
    }
    try (Sandbox s = Sandbox.builder().generate(40, 12).randomSeed(6).now(now).start()) {
      assertThat(s.stateJson()).isNotEqualTo(a);
    }
    // The state is itself a valid seed (every generated value passes the seed checks).
    try (Sandbox s = Sandbox.builder().seedJson(a).start()) {
      assertThat(s.stateJson()).isEqualTo(a);
    }
    assertThat(a)
        .contains("\"format\" : \"maven\"")
        .contains("\"format\" : \"npm\"")
        .contains("\"format\" : \"pypi\"")
        .contains("-SNAPSHOT")
        .contains("\"Unlisted\"")
        .contains("\"Archived\"")
        .contains("\"EXTERNAL\"")
        .contains("\"publishedTime\" : \"2023-");
  }

  /** How long generating takes is for a benchmark to measure, not for a test to assert. */
  @Test
  void generating2000x50MakesEveryVersion() throws Exception {
    try (Sandbox s = Sandbox.builder().generate(2000, 50).start()) {
      assertThat(s.versionCount()).isEqualTo(100_000);
    }
  }

  @Test
  void demoDataIsSmallRealisticAndRelativeToNow() throws Exception {
    Instant now = Instant.parse("2025-06-01T12:00:00Z");
    try (Sandbox s = Sandbox.builder().demo(now).start()) {
      assertThat(s.versionCount()).isBetween(60, 120);
      String state = s.stateJson();
      assertThat(state)
          .contains("\"name\" : \"releases\"")
          .contains("\"name\" : \"snapshots\"")
          .contains("\"name\" : \"npm-cache\"")
          .contains("2.0.0-beta.1")
          .contains("1.0.0rc1")
          .contains("1.1.0.dev1")
          .contains("\"2.1.0-SNAPSHOT\"")
          .contains("\"Archived\"")
          .contains("\"EXTERNAL\"")
          // the newest snapshot build, five days... ago: named after its own publish time
          .containsPattern("2\\.1\\.0-20250\\d{3}\\.\\d{6}-5")
          .contains("\"publishedTime\" : \"2025-05-31T12:00:00Z\"");
      try (Sandbox copy = Sandbox.builder().seedJson(state).start()) {
        assertThat(copy.stateJson()).isEqualTo(state);
      }
    }
  }
}
