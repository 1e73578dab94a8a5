package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Golden;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VersionsCommandTest {
  private static SandboxHarness h;
  private static final String[] SCOPE = {"--domain", "acme", "--repository", "releases"};

  @BeforeAll
  static void start() throws Exception {
    h = SandboxHarness.seeded("basic.json");
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @BeforeEach
  void resetStats() {
    h.sandbox.resetStats();
  }

  private static CliResult versions(String... args) {
    List<String> all = new ArrayList<>(List.of("versions"));
    all.addAll(List.of(SCOPE));
    all.addAll(List.of(args));
    return h.run(all.toArray(String[]::new));
  }

  private static Set<String> listed(CliResult r) throws Exception {
    assertThat(r.exitCode()).as(r::toString).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    Set<String> found = new TreeSet<>();
    for (JsonNode v : doc.path("versions")) {
      String ns = v.path("namespace").isNull() ? "" : v.path("namespace").asText() + "/";
      found.add(ns + v.path("package").asText() + "@" + v.path("version").asText());
    }
    return found;
  }

  static Stream<Arguments> filters() {
    return Stream.of(
        Arguments.of(
            List.of("--format", "pypi"),
            Set.of("requests@2.31.0", "requests@2.32.0rc1", "requests@2.32.0")),
        Arguments.of(
            List.of("--namespace", "acme"),
            Set.of(
                "acme/ui-kit@1.0.0",
                "acme/ui-kit@1.0.1",
                "acme/ui-kit@2.0.0-beta.1",
                "acme/ui-kit@2.0.0",
                "acme/ui-kit@2.1.0",
                "acme/icons@0.1.0",
                "acme/icons@0.2.0")),
        Arguments.of(
            List.of("--namespace", "com.*"),
            Set.of(
                "com.acme/core@1.0",
                "com.acme/core@1.1-SNAPSHOT",
                "com.acme/core@1.1",
                "com.acme/core@1.2-RC1")),
        Arguments.of(
            List.of("--package", "@acme/icons"), Set.of("acme/icons@0.1.0", "acme/icons@0.2.0")),
        Arguments.of(List.of("--package", "left-*"), Set.of("left-pad@1.0.0", "left-pad@1.3.0")),
        Arguments.of(
            List.of("--package", "icons", "--package", "left-pad"),
            Set.of("acme/icons@0.1.0", "acme/icons@0.2.0", "left-pad@1.0.0", "left-pad@1.3.0")),
        Arguments.of(
            List.of("--package", "@acme/*", "--exclude-package", "ui-kit"),
            Set.of("acme/icons@0.1.0", "acme/icons@0.2.0")),
        Arguments.of(
            List.of("--version", "2.*", "--format", "npm"),
            Set.of("acme/ui-kit@2.0.0-beta.1", "acme/ui-kit@2.0.0", "acme/ui-kit@2.1.0")),
        Arguments.of(
            List.of("--version", "1.?", "--version", "0.1.0"),
            Set.of("com.acme/core@1.0", "com.acme/core@1.1", "acme/icons@0.1.0")),
        Arguments.of(
            List.of("--package", "@acme/ui-kit", "--exclude-version", "*-*"),
            Set.of(
                "acme/ui-kit@1.0.0",
                "acme/ui-kit@1.0.1",
                "acme/ui-kit@2.0.0",
                "acme/ui-kit@2.1.0")),
        Arguments.of(
            List.of("--status", "Unlisted"),
            Set.of("acme/ui-kit@1.0.1", "com.acme/core@1.1-SNAPSHOT")),
        Arguments.of(
            List.of("--status", "unlisted", "--status", "ARCHIVED"),
            Set.of("acme/ui-kit@1.0.1", "com.acme/core@1.1-SNAPSHOT", "com.acme/core@1.2-RC1")),
        Arguments.of(
            List.of("--origin", "external"),
            Set.of(
                "left-pad@1.0.0",
                "left-pad@1.3.0",
                "requests@2.31.0",
                "requests@2.32.0rc1",
                "requests@2.32.0")),
        Arguments.of(
            List.of("--format", "npm", "--origin", "external", "--version", "1.3*"),
            Set.of("left-pad@1.3.0")),
        Arguments.of(
            List.of("--namespace", "acme", "--status", "Published", "--exclude-version", "1.*"),
            Set.of(
                "acme/ui-kit@2.0.0-beta.1",
                "acme/ui-kit@2.0.0",
                "acme/ui-kit@2.1.0",
                "acme/icons@0.1.0",
                "acme/icons@0.2.0")),
        Arguments.of(List.of("--package", "nothing-like-this"), Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void filtersSelectExactlyTheMatchingVersions(List<String> filterArgs, Set<String> expected)
      throws Exception {
    List<String> args = new ArrayList<>(filterArgs);
    args.addAll(List.of("--no-protect-latest", "-o", "json"));
    assertThat(listed(versions(args.toArray(String[]::new))))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyVersionWithoutFiltersOrProtection() throws Exception {
    assertThat(listed(versions("--no-protect-latest", "-o", "json"))).hasSize(16);
  }

  /** Issue 14, item 1: a listing hides nothing; the protected versions are listed and marked. */
  @Test
  void theLatestVersionOfEachPackageIsListedAndMarkedProtected() throws Exception {
    CliResult json = versions("-o", "json");
    assertThat(listed(json)).hasSize(16);
    Map<String, String> marks = protectedMarks(json);
    // defaultDisplayVersion: npm latest tag (ui-kit), else the most recently published.
    assertThat(marks)
        .containsOnly(
            Map.entry("acme/ui-kit@2.1.0", "latest"),
            Map.entry("acme/icons@0.2.0", "latest"),
            Map.entry("left-pad@1.3.0", "latest"),
            Map.entry("com.acme/core@1.2-RC1", "latest"),
            Map.entry("requests@2.32.0", "latest"));
    for (JsonNode v : new ObjectMapper().readTree(json.out()).path("versions")) {
      assertThat(v.has("protected")).as("every entry has the field: %s", v).isTrue();
    }
    CliResult table = versions();
    assertThat(table.out())
        .contains("PROTECTED")
        .containsPattern("left-pad +npm +1\\.3\\.0 .* latest\\n")
        .contains(
            "16 versions in 5 packages; 5 protected (latest, keep, protect file, lockfile or dependency):"
                + " no action selects them.")
        .doesNotContain("not shown");
    CliResult ndjson = versions("-o", "ndjson");
    List<String> lines = ndjson.out().lines().toList();
    JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(summary.path("versions").asInt()).isEqualTo(16);
    assertThat(summary.path("protected").asInt()).isEqualTo(5);
    assertThat(lines.stream().filter(l -> l.contains("\"protected\":\"latest\"")).count())
        .isEqualTo(5);
    CliResult csv = versions("-o", "csv");
    assertThat(csv.out().lines().filter(l -> l.endsWith(",latest,")).count()).isEqualTo(5);
  }

  /** The mark names the protection: the protect file's line, or --keep-latest. */
  @Test
  void aProtectFileLineAndKeepLatestAreMarkedToo(@TempDir Path dir) throws Exception {
    Path protect = dir.resolve("protect.txt");
    Files.writeString(protect, "# keep\nleft-pad@1.0.*\n");
    Map<String, String> marks =
        protectedMarks(
            versions(
                "--package",
                "left-pad",
                "--protect-file",
                protect.toString(),
                "--no-protect-latest",
                "-o",
                "json"));
    assertThat(marks)
        .isNotEmpty()
        .allSatisfy((v, m) -> assertThat(m).isEqualTo("protect-file line 2"));
    assertThat(marks.keySet()).allMatch(v -> v.startsWith("left-pad@1.0."));
    Map<String, String> kept =
        protectedMarks(
            versions(
                "--package",
                "left-pad",
                "--keep-latest",
                "1",
                "--no-protect-latest",
                "-o",
                "json"));
    assertThat(kept).containsOnly(Map.entry("left-pad@1.3.0", "keep-latest"));
  }

  /**
   * A protected version is listed only when it matches the time filters too: ui-kit's latest
   * (2025-06-01) is newer than the cut-off, the others' latest versions are older.
   */
  @Test
  void aProtectedVersionIsListedOnlyWhenItMatchesTheTimeFilters() throws Exception {
    CliResult r = versions("--published-before", "2025-01-01T00:00:00Z", "-o", "json");
    Map<String, String> marks = protectedMarks(r);
    assertThat(marks)
        .containsOnly(
            Map.entry("acme/icons@0.2.0", "latest"),
            Map.entry("left-pad@1.3.0", "latest"),
            Map.entry("com.acme/core@1.2-RC1", "latest"),
            Map.entry("requests@2.32.0", "latest"));
    assertThat(listed(r)).doesNotContain("acme/ui-kit@2.1.0").contains("acme/ui-kit@2.0.0");
    // An action never touches them, whatever the listing shows.
    CliResult dry =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "*",
            "--published-before",
            "2025-01-01T00:00:00Z",
            "--dry-run",
            "-o",
            "json");
    assertThat(dry.exitCode()).as(dry::toString).isZero();
    JsonNode doc = new ObjectMapper().readTree(dry.out());
    List<String> selected = new ArrayList<>();
    for (JsonNode p : doc.path("packages")) {
      p.path("selected").forEach(v -> selected.add(p.path("package").asText() + "@" + v.asText()));
    }
    assertThat(selected)
        .hasSize(listed(r).size() - 4)
        .doesNotContain("icons@0.2.0", "left-pad@1.3.0", "core@1.2-RC1", "requests@2.32.0");
  }

  /** version -> its protected mark, for the marked ones. */
  private static Map<String, String> protectedMarks(CliResult r) throws Exception {
    assertThat(r.exitCode()).as(r::toString).isZero();
    Map<String, String> out = new java.util.TreeMap<>();
    for (JsonNode v : new ObjectMapper().readTree(r.out()).path("versions")) {
      if (!v.path("protected").isNull()) {
        String ns = v.path("namespace").isNull() ? "" : v.path("namespace").asText() + "/";
        out.put(
            ns + v.path("package").asText() + "@" + v.path("version").asText(),
            v.path("protected").asText());
      }
    }
    return out;
  }

  @Test
  void filtersArePushedToTheServer() {
    CliResult r = versions("--package", "@acme/ui-kit", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    // Only the one package's versions are listed, and no describe call is made.
    assertThat(h.calls("ListPackageVersions")).isEqualTo(1);
    assertThat(h.calls("DescribePackageVersion")).isZero();
  }

  @Test
  void anExactlyNamedPackageNeedsNoPackageListing() throws Exception {
    CliResult r = versions("--format", "npm", "--package", "@acme/ui-kit", "-o", "json");
    assertThat(listed(r)).hasSize(5); // latest included, marked protected
    assertThat(h.calls("ListPackages")).isZero();
    assertThat(h.calls("ListPackageVersions")).isEqualTo(1);

    CliResult missing = versions("--format", "pypi", "--package", "no-such-lib");
    assertThat(missing.exitCode()).as(missing::toString).isZero();
    assertThat(missing.out()).isEqualTo("No versions match.\n");

    // A missing repository is still an error, not an empty package.
    CliResult typo =
        h.run(
            "versions",
            "--domain",
            "acme",
            "--repository",
            "relases",
            "--format",
            "npm",
            "--package",
            "@acme/ui-kit");
    assertThat(typo.exitCode()).as(typo::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(typo.err()).contains("relases");
  }

  @Test
  void jsonIsPinnedByAGoldenFile() {
    CliResult r = versions("--format", "npm", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(r.err()).isEmpty();
    Golden.assertMatches("versions-npm.json", r.out());
  }

  @Test
  void tableIsPinnedByAGoldenFile() {
    CliResult r = versions();
    assertThat(r.exitCode()).as(r::toString).isZero();
    Golden.assertMatches("versions-all.txt", r.out());
  }

  @Test
  void emptySelectionSaysSoAndSucceeds() throws Exception {
    CliResult table = versions("--package", "no-such-package");
    assertThat(table.exitCode()).as(table::toString).isZero();
    assertThat(table.out()).isEqualTo("No versions match.\n");
    CliResult json = versions("--package", "no-such-package", "-o", "json");
    assertThat(new ObjectMapper().readTree(json.out()).path("versions").size()).isZero();
  }

  @Test
  void unknownRepositoryIsOneLineAndExit2() {
    CliResult r = h.run("versions", "--domain", "acme", "--repository", "nope");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("nope").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void unknownDomainIsOneLineAndExit2() {
    CliResult r = h.run("versions", "--domain", "nowhere", "--repository", "releases");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("nowhere");
  }

  @Test
  void stackTraceOnlyWithVerbose() {
    CliResult r = h.run("versions", "--domain", "acme", "--repository", "nope", "-v");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("\tat ");
  }
}
