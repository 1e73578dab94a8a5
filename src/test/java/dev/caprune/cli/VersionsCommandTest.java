package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Golden;
import dev.caprune.testing.SandboxHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

  @Test
  void theLatestVersionOfEachPackageIsProtectedAndTheTableSaysSo() throws Exception {
    Set<String> shown = listed(versions("-o", "json"));
    // defaultDisplayVersion: npm latest tag (ui-kit), else the most recently published.
    assertThat(shown)
        .hasSize(11)
        .doesNotContain(
            "acme/ui-kit@2.1.0",
            "acme/icons@0.2.0",
            "left-pad@1.3.0",
            "com.acme/core@1.2-RC1",
            "requests@2.32.0");
    CliResult table = versions();
    assertThat(table.out())
        .contains(
            "5 protected versions not shown (latest or --protect-file): --explain shows them.");
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
    assertThat(listed(r)).hasSize(4);
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
