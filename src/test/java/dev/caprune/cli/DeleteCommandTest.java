package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Golden;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeleteCommandTest {
  private SandboxHarness h;
  private Set<String> seed;

  @BeforeEach
  void start() throws Exception {
    h = SandboxHarness.seeded("basic.json");
    seed = SandboxState.versions(h.state());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private CliResult delete(String... args) {
    List<String> all =
        new ArrayList<>(List.of("delete", "--domain", "acme", "--repository", "releases"));
    all.addAll(List.of(args));
    return h.run(all.toArray(String[]::new));
  }

  private static JsonNode json(CliResult r) throws Exception {
    return new ObjectMapper().readTree(r.out());
  }

  /** The state must be exactly the seed minus the versions the report says were deleted. */
  private void assertStateIsSeedMinusReported(JsonNode report) throws Exception {
    Set<String> deleted = new HashSet<>();
    for (JsonNode p : report.path("packages")) {
      String ns = p.path("namespace").isNull() ? "" : p.path("namespace").asText();
      p.path("successfulVersions")
          .fieldNames()
          .forEachRemaining(
              v ->
                  deleted.add(
                      String.join(
                          "|",
                          p.path("repository").asText(),
                          p.path("format").asText(),
                          ns,
                          p.path("package").asText(),
                          v)));
    }
    Set<String> expected =
        seed.stream()
            .filter(line -> !deleted.contains(SandboxState.key(line)))
            .collect(Collectors.toSet());
    assertThat(SandboxState.versions(h.state())).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void deletesExactlyTheSelectionAndReportsIt() throws Exception {
    CliResult r = delete("--package", "@acme/ui-kit", "--version", "1.*", "--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    JsonNode doc = json(r);
    assertThat(doc.path("action").asText()).isEqualTo("delete");
    assertThat(doc.path("dryRun").asBoolean()).isFalse();
    JsonNode pkg = doc.path("packages").get(0);
    assertThat(pkg.path("selected")).extracting(JsonNode::asText).containsExactly("1.0.0", "1.0.1");
    assertThat(pkg.path("successfulVersions").path("1.0.0").path("status").asText())
        .isEqualTo("Deleted");
    assertThat(pkg.path("successfulVersions").path("1.0.1").path("revision").asText())
        .isEqualTo("r-ui-101");
    assertThat(doc.path("summary").path("succeeded").asInt()).isEqualTo(2);
    assertStateIsSeedMinusReported(doc);
    // Two statuses when listed (Published, Unlisted): one call per status group.
    assertThat(h.calls("DeletePackageVersions")).isEqualTo(2);
  }

  @Test
  void dryRunMakesNoWriteCall() throws Exception {
    CliResult r = delete("--format", "npm", "--dry-run", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(h.writeCalls()).isZero();
    JsonNode doc = json(r);
    assertThat(doc.path("dryRun").asBoolean()).isTrue();
    // 9 npm versions, less the latest of each of the 3 packages.
    assertThat(doc.path("summary").path("selected").asInt()).isEqualTo(6);
    for (JsonNode p : doc.path("packages")) {
      assertThat(p.path("successfulVersions").size()).isZero();
      assertThat(p.path("failedVersions").size()).isZero();
      assertThat(p.path("selected").size()).isPositive();
    }
    assertThat(SandboxState.versions(h.state())).isEqualTo(seed);
  }

  @Test
  void dryRunJsonAndTableArePinned() {
    CliResult json = delete("--namespace", "acme", "--dry-run", "-o", "json");
    assertThat(json.exitCode()).as(json::toString).isZero();
    Golden.assertMatches("delete-dry-run.json", json.out());
    CliResult table = delete("--namespace", "acme", "--dry-run");
    assertThat(table.exitCode()).as(table::toString).isZero();
    Golden.assertMatches("delete-dry-run.txt", table.out());
  }

  @Test
  void partialFailureIsReportedWithExit3AndPinned() throws Exception {
    // Another client archives 1.0 after caprune listed it and before the delete call.
    h.sandbox.beforeNextCall(
        "DeletePackageVersions",
        () ->
            h.sandbox.setStatus(
                "acme", "releases", "maven", "com.acme", "core", "1.0", "Archived"));
    CliResult r =
        delete("--package", "com.acme/core", "--status", "Published", "--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.PARTIAL);
    JsonNode pkg = json(r).path("packages").get(0);
    assertThat(pkg.path("failedVersions").path("1.0").path("errorCode").asText())
        .isEqualTo("MISMATCHED_STATUS");
    assertThat(pkg.path("failedVersions").path("1.0").path("errorMessage").asText())
        .contains("Archived");
    assertThat(pkg.path("successfulVersions").has("1.1")).isTrue();
    Golden.assertMatches("delete-partial.json", r.out());
    // The archived version is still there; only 1.1 is gone.
    Set<String> state = SandboxState.versions(h.state());
    assertThat(state).anyMatch(l -> l.contains("|core|1.0|Archived|"));
    assertThat(state).noneMatch(l -> l.contains("|core|1.1|"));
  }

  @Test
  void partialFailureTableIsPinned() {
    h.sandbox.beforeNextCall(
        "DeletePackageVersions",
        () ->
            h.sandbox.setStatus(
                "acme", "releases", "maven", "com.acme", "core", "1.0", "Archived"));
    CliResult r = delete("--package", "com.acme/core", "--status", "Published", "--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.PARTIAL);
    Golden.assertMatches("delete-partial.txt", r.out());
  }

  @Test
  void expectedStatusOverrideGuardsEveryCall() throws Exception {
    CliResult r =
        delete("--package", "@acme/icons", "--expected-status", "Unlisted", "--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.PARTIAL);
    JsonNode pkg = json(r).path("packages").get(0);
    assertThat(pkg.path("failedVersions").size()).isEqualTo(1);
    assertThat(pkg.path("failedVersions").path("0.1.0").path("errorCode").asText())
        .isEqualTo("MISMATCHED_STATUS");
    assertThat(SandboxState.versions(h.state())).isEqualTo(seed);
  }

  @Test
  void npmScopedNamesAreSplitAndNeverSentWithTheAt() throws Exception {
    CliResult r = delete("--package", "@acme/icons", "--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    JsonNode pkg = json(r).path("packages").get(0);
    assertThat(pkg.path("namespace").asText()).isEqualTo("acme");
    assertThat(pkg.path("package").asText()).isEqualTo("icons");
    assertStateIsSeedMinusReported(json(r));
  }

  @Test
  void aPackageOf250SelectedVersionsTakesExactly3Calls() throws Exception {
    StringBuilder versions = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      versions
          .append(i == 0 ? "" : ",")
          .append("{\"version\": \"1.0.")
          .append(i)
          .append("\", \"publishedTime\": \"2024-01-01T00:00:00Z\"}");
    }
    String seedJson =
        "{\"domains\": [{\"name\": \"big\", \"repositories\": [{\"name\": \"repo\", \"packages\":"
            + " [{\"format\": \"npm\", \"name\": \"many\", \"versions\": ["
            + versions
            + "]}]}]}]}";
    try (SandboxHarness big = new SandboxHarness(Sandbox.builder().seedJson(seedJson).start())) {
      CliResult r =
          big.run(
              "delete",
              "--domain",
              "big",
              "--repository",
              "repo",
              "--package",
              "many",
              "--no-protect-latest",
              "--yes",
              "-o",
              "json");
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(big.calls("DeletePackageVersions")).isEqualTo(3);
      assertThat(json(r).path("summary").path("succeeded").asInt()).isEqualTo(250);
      assertThat(SandboxState.versions(big.state())).isEmpty();
    }
  }

  @Test
  void noFilterIsRefusedWithoutAll() throws Exception {
    CliResult r = delete("--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--all").hasLineCount(1);
    assertThat(h.totalCalls()).isZero();

    CliResult all = delete("--all", "--yes", "-o", "json");
    assertThat(all.exitCode()).as(all::toString).isZero();
    // Everything but the latest version of each of the 5 packages.
    assertThat(json(all).path("summary").path("succeeded").asInt()).isEqualTo(11);
    assertThat(SandboxState.versions(h.state()))
        .hasSize(5)
        .allMatch(
            l ->
                l.contains("|ui-kit|2.1.0|")
                    || l.contains("|icons|0.2.0|")
                    || l.contains("|left-pad|1.3.0|")
                    || l.contains("|core|1.2-RC1|")
                    || l.contains("|requests|2.32.0|"));
    assertStateIsSeedMinusReported(json(all));
  }

  @Test
  void theLatestVersionIsProtectedUnlessAskedOtherwise() throws Exception {
    CliResult r = delete("--package", "@acme/ui-kit", "--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(json(r).path("packages").get(0).path("selected"))
        .extracting(JsonNode::asText)
        .doesNotContain("2.1.0")
        .hasSize(4);
    assertThat(SandboxState.versions(h.state())).anyMatch(l -> l.contains("|ui-kit|2.1.0|"));
    CliResult all = delete("--package", "@acme/ui-kit", "--no-protect-latest", "--yes");
    assertThat(all.exitCode()).as(all::toString).isZero();
    assertThat(SandboxState.versions(h.state())).noneMatch(l -> l.contains("|ui-kit|"));
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(List.of("--format", "rubygems"), "unknown format 'rubygems'"),
        Arguments.of(List.of("--status", "Publishd"), "unknown status 'Publishd'"),
        Arguments.of(List.of("--origin", "upstream"), "unknown origin 'upstream'"),
        Arguments.of(List.of("--package", "@acme"), "@scope/name"),
        Arguments.of(List.of("--version", "1.0\\"), "backslash"),
        Arguments.of(List.of("--package", "x", "--max", "-1"), "--max"),
        Arguments.of(List.of("--package", "x", "--max-attempts", "0"), "--max-attempts"),
        Arguments.of(List.of("--package", "x", "--endpoint-url", "ftp://x"), "--endpoint-url"),
        Arguments.of(List.of("--package", "x", "--domain-owner", "12"), "12-digit"),
        Arguments.of(List.of("--package", "x", "--expected-status", "gone"), "unknown status"),
        Arguments.of(List.of("--package"), "Expected parameter for option '--package'"),
        Arguments.of(List.of("--bogus"), "Unknown option"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputIsExit2WithNoCallAtAll(List<String> args, String message) {
    CliResult r = delete(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains(message);
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
    assertThat(h.totalCalls()).as("calls made after bad input").isZero();
  }

  @Test
  void invalidNamesAreCaughtBeforeAnyCall() {
    CliResult r = h.run("delete", "--domain", "Acme_Corp", "--repository", "releases", "--all");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--domain 'Acme_Corp'");
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void withoutTerminalOrYesNothingIsDeleted() {
    CliResult r = delete("--package", "@acme/icons");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err())
        .contains("--yes")
        .contains("Delete 1 version of 1 package in acme/releases");
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void maxRefusesBeforeAnyWrite() throws Exception {
    CliResult r = delete("--format", "npm", "--max", "3", "--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err()).contains("6 versions").contains("--max 3");
    assertThat(h.writeCalls()).isZero();
    CliResult ok = delete("--format", "npm", "--max", "6", "--yes");
    assertThat(ok.exitCode()).as(ok::toString).isZero();
  }

  @Test
  void promptOnATerminal() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    h.withContext(
        h.context()
            .withTerminal(
                new CliContext.Terminal(
                    true,
                    () -> {
                      asked.incrementAndGet();
                      return "n";
                    })));
    CliResult no = delete("--package", "@acme/icons");
    assertThat(no.exitCode()).as(no::toString).isEqualTo(ExitCodes.REFUSED);
    // The prompt says which account, region, domain, repository and packages the run acts on.
    assertThat(no.err())
        .contains(
            "About to delete 1 version of 1 package:\n"
                + "  account      111122223333\n"
                + "  region       us-east-1\n"
                + "  domain       acme\n"
                + "  repository   releases\n"
                + "  package      1  @acme/icons\n"
                + "Delete this 1 version? [y/N] ");
    assertThat(h.writeCalls()).isZero();

    h.withContext(h.context().withTerminal(new CliContext.Terminal(true, () -> "yes")));
    CliResult yes = delete("--package", "@acme/icons", "-o", "json");
    assertThat(yes.exitCode()).as(yes::toString).isZero();
    assertThat(asked.get()).isEqualTo(1);
    assertStateIsSeedMinusReported(json(yes));
  }
}
