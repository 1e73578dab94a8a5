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
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report contract: {@code --explain} adds to the action's document in every format, one summary
 * shape, account and region everywhere, {@code --query}, {@code -o markdown}, times to the second.
 */
class ReportContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private SandboxHarness h;

  @BeforeEach
  void start() throws Exception {
    h = SandboxHarness.seeded("basic.json");
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

  private static List<JsonNode> lines(CliResult r) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : r.out().split("\n")) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  @Test
  void explainAddsReasonsAndKeptVersionsToTheActionsJsonDocument() throws Exception {
    CliResult r = delete("--namespace", "acme", "--dry-run", "--explain", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    Golden.assertMatches("explain-delete-dry-run.json", r.out());
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("action").asText()).isEqualTo("delete");
    assertThat(doc.path("dryRun").asBoolean()).isTrue();
    assertThat(doc.path("account").asText()).isEqualTo("111122223333");
    assertThat(doc.path("region").asText()).isEqualTo("us-east-1");
    JsonNode ui = doc.path("packages").get(1);
    assertThat(ui.path("package").asText()).isEqualTo("ui-kit");
    // The same selection as the dry run without --explain, each with why.
    CliResult plain = delete("--namespace", "acme", "--dry-run", "-o", "json");
    JsonNode plainUi = JSON.readTree(plain.out()).path("packages").get(1);
    assertThat(ui.path("selected")).isEqualTo(plainUi.path("selected"));
    assertThat(ui.path("reasons").size()).isEqualTo(ui.path("selected").size());
    assertThat(ui.path("reasons").path("1.0.0").path("reason").asText()).isEqualTo("selected");
    assertThat(ui.path("reasons").path("1.0.0").has("protectedBy")).isTrue();
    JsonNode kept = ui.path("kept").get(0);
    assertThat(kept.path("protected").asText()).isEqualTo("latest");
    assertThat(kept.path("reason").asText()).isEqualTo("protected: latest");
    assertThat(doc.path("summary").path("kept").asInt()).isPositive();
    assertThat(doc.path("summary").path("selected").asInt())
        .isEqualTo(JSON.readTree(plain.out()).path("summary").path("selected").asInt());
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void explainInNdjsonAndCsvAddsColumnsAndKeptLines() throws Exception {
    CliResult nd = delete("--namespace", "acme", "--dry-run", "--explain", "-o", "ndjson");
    assertThat(nd.exitCode()).as(nd::toString).isZero();
    Golden.assertMatches("explain-delete-dry-run.ndjson", nd.out());
    List<JsonNode> lines = lines(nd);
    assertThat(lines.stream().filter(l -> l.path("result").asText().equals("kept")))
        .allSatisfy(l -> assertThat(l.path("reason").asText()).isNotEmpty())
        .isNotEmpty();
    JsonNode summary = lines.get(lines.size() - 1);
    assertThat(summary.path("type").asText()).isEqualTo("summary");
    assertThat(summary.path("selected").asInt()).isEqualTo(5);
    assertThat(summary.path("kept").asInt())
        .isEqualTo(lines.stream().filter(l -> l.path("result").asText().equals("kept")).count());
    CliResult csv = delete("--namespace", "acme", "--dry-run", "--explain", "-o", "csv");
    assertThat(csv.exitCode()).as(csv::toString).isZero();
    Golden.assertMatches("explain-delete-dry-run.csv", csv.out());
    assertThat(csv.out().lines().findFirst().orElseThrow())
        .endsWith(",protected,reason,protectedBy,rule");
  }

  @Test
  void everyActionsNdjsonSummaryCarriesTheJsonSummarysFields() throws Exception {
    JsonNode doc = JSON.readTree(delete("--format", "npm", "--dry-run", "-o", "json").out());
    List<JsonNode> lines = lines(delete("--format", "npm", "--dry-run", "-o", "ndjson"));
    JsonNode last = lines.get(lines.size() - 1);
    doc.path("summary")
        .fields()
        .forEachRemaining(f -> assertThat(last.path(f.getKey())).isEqualTo(f.getValue()));
    for (String header : List.of("schemaVersion", "action", "dryRun", "domain", "account")) {
      assertThat(last.path(header)).as(header).isEqualTo(doc.path(header));
    }
  }

  @Test
  void versionsAndUsageSayWhereTheyWereMade() throws Exception {
    CliResult json =
        h.run(
            "versions",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--format",
            "npm",
            "-o",
            "json");
    JsonNode doc = JSON.readTree(json.out());
    assertThat(doc.path("account").asText()).isEqualTo("111122223333");
    assertThat(doc.path("region").asText()).isEqualTo("us-east-1");
    assertThat(doc.path("summary").path("versions").asInt()).isEqualTo(9);
    List<JsonNode> lines =
        lines(
            h.run(
                "versions",
                "--domain",
                "acme",
                "--repository",
                "releases",
                "--format",
                "npm",
                "-o",
                "ndjson"));
    JsonNode last = lines.get(lines.size() - 1);
    assertThat(last.path("type").asText()).isEqualTo("summary");
    assertThat(last.path("account").asText()).isEqualTo("111122223333");
    doc.path("summary")
        .fields()
        .forEachRemaining(f -> assertThat(last.path(f.getKey())).isEqualTo(f.getValue()));
  }

  @Test
  void queryPrintsWhatTheExpressionSelects() throws Exception {
    CliResult n =
        delete("--namespace", "acme", "--dry-run", "-o", "json", "--query", "summary.selected");
    assertThat(n.exitCode()).as(n::toString).isZero();
    assertThat(n.out()).isEqualTo("5\n");
    CliResult names =
        delete("--namespace", "acme", "--dry-run", "-o", "json", "--query", "packages[].package");
    assertThat(JSON.readTree(names.out()).toString()).isEqualTo("[\"icons\",\"ui-kit\"]");
    CliResult nd =
        delete("--namespace", "acme", "--dry-run", "-o", "ndjson", "--query", "version || type");
    // Lines come as packages finish: the summary last.
    assertThat(nd.out()).endsWith("\"summary\"\n");
    assertThat(nd.out().split("\n"))
        .containsExactlyInAnyOrder(
            "\"0.1.0\"", "\"1.0.0\"", "\"1.0.1\"", "\"2.0.0-beta.1\"", "\"2.0.0\"", "\"summary\"");
    CliResult versions =
        h.run(
            "versions",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "-o",
            "json",
            "--query",
            "summary.protected");
    assertThat(versions.out().trim()).matches("\\d+");
  }

  @Test
  void aBadQueryOrAQueryOnTableIsRefusedBeforeAnyCall() {
    CliResult bad = delete("--all", "--dry-run", "-o", "json", "--query", "summary.[");
    assertThat(bad.exitCode()).as(bad::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err().strip()).startsWith("caprune: --query 'summary.[' is not a JMESPath");
    assertThat(bad.err().strip().lines()).hasSize(1);
    CliResult table = delete("--all", "--dry-run", "--query", "summary");
    assertThat(table.exitCode()).as(table::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(table.err()).contains("--query goes with -o json or -o ndjson");
    CliResult versions =
        h.run(
            "versions",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "-o",
            "csv",
            "--query",
            "x");
    assertThat(versions.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void markdownSumsADryRunUpPerPackage() {
    CliResult md = delete("--namespace", "acme", "--dry-run", "-o", "markdown");
    assertThat(md.exitCode()).as(md::toString).isZero();
    Golden.assertMatches("delete-dry-run.md", md.out());
    assertThat(md.out())
        .startsWith("### caprune delete (dry run): 5 versions in 2 packages")
        .contains("| **total** |");
  }

  @Test
  void markdownSumsAListingAndUsageUpPerPackage() {
    CliResult versions =
        h.run("versions", "--domain", "acme", "--repository", "releases", "-o", "markdown");
    assertThat(versions.exitCode()).as(versions::toString).isZero();
    Golden.assertMatches("versions-all.md", versions.out());
    CliResult usage =
        h.run("usage", "--domain", "acme", "--repository", "releases", "-o", "markdown");
    assertThat(usage.exitCode()).as(usage::toString).isZero();
    assertThat(usage.out())
        .startsWith("### caprune usage: 5 packages")
        .contains("| releases | npm | @acme/ui-kit | 5 |")
        .contains("| **total** |  |  | 16 |");
  }

  @Test
  void markdownIsCappedWithAndNMore() throws Exception {
    StringBuilder packages = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      packages
          .append(i == 0 ? "" : ",")
          .append(
              "{\"format\": \"npm\", \"name\": \"p%02d\", \"versions\": [{\"version\": \"1.0.0\"},"
                      .formatted(i)
                  + " {\"version\": \"2.0.0\"}]}");
    }
    String seed =
        "{\"domains\": [{\"name\": \"acme\", \"owner\": \"111122223333\", \"repositories\": ["
            + "{\"name\": \"releases\", \"packages\": ["
            + packages
            + "]}]}]}";
    try (SandboxHarness many = new SandboxHarness(Sandbox.builder().seedJson(seed).start())) {
      CliResult md =
          many.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--version",
              "1.0.0",
              "--dry-run",
              "-o",
              "markdown");
      assertThat(md.exitCode()).as(md::toString).isZero();
      assertThat(md.out())
          .contains("p19")
          .doesNotContain("p20")
          .contains("| …and 5 more |")
          .endsWith("| **total** |  |  | 25 | 0 | 0 | 0 | 25 |\n");
    }
  }

  @Test
  void policyRunExplainsInEveryFormat() throws Exception {
    Path file = dir.resolve("retention.yaml");
    Files.writeString(
        file,
        """
        version: 1
        targets:
          - name: one
            domain: acme
            endpointUrl: %s
            repositories: [releases]
        rules:
          - name: pinned
            action: keep
            version: "1.0.0"
          - name: old
            action: delete
            package: ui-kit
            keepLatest: 1
        """
            .formatted(h.sandbox.endpoint()));
    CliResult json =
        h.runRaw("policy", "run", file.toString(), "--dry-run", "--explain", "-o", "json");
    assertThat(json.exitCode()).as(json::toString).isZero();
    String doc = json.out().replace(file.toString(), "retention.yaml");
    Golden.assertMatches("explain-policy-run.json", doc);
    JsonNode d = JSON.readTree(doc);
    assertThat(d.path("dryRun").asBoolean()).isTrue();
    JsonNode target = d.path("targets").get(0);
    assertThat(target.path("account").asText()).isEqualTo("111122223333");
    JsonNode ui = null;
    for (JsonNode p : target.path("packages")) {
      if (p.path("package").asText().equals("ui-kit")) {
        ui = p;
      }
    }
    assertThat(ui).isNotNull();
    assertThat(ui.path("reasons").elements().next().path("rule").asText()).isEqualTo("old");
    assertThat(ui.path("reasons").elements().next().path("action").asText()).isEqualTo("delete");
    boolean keptByPinned = false;
    for (JsonNode k : ui.path("kept")) {
      keptByPinned |=
          k.path("version").asText().equals("1.0.0") && k.path("rule").asText().equals("pinned");
    }
    assertThat(keptByPinned).as(doc).isTrue();

    CliResult nd =
        h.runRaw("policy", "run", file.toString(), "--dry-run", "--explain", "-o", "ndjson");
    assertThat(nd.exitCode()).as(nd::toString).isZero();
    Golden.assertMatches(
        "explain-policy-run.ndjson", nd.out().replace(file.toString(), "retention.yaml"));
    List<JsonNode> lines = lines(nd);
    JsonNode last = lines.get(lines.size() - 1);
    assertThat(last.path("type").asText()).isEqualTo("summary");
    assertThat(last.path("selected")).isEqualTo(d.path("summary").path("selected"));
    assertThat(last.path("kept")).isEqualTo(d.path("summary").path("kept"));

    CliResult csv =
        h.runRaw("policy", "run", file.toString(), "--dry-run", "--explain", "-o", "csv");
    assertThat(csv.exitCode()).as(csv::toString).isZero();
    assertThat(csv.out().lines().findFirst().orElseThrow())
        .startsWith("target,rule,action,")
        .endsWith(",protected,reason,protectedBy");
    assertThat(csv.out()).contains(",kept,").contains(",selected,");

    CliResult md =
        h.runRaw("policy", "run", file.toString(), "--dry-run", "--explain", "-o", "markdown");
    assertThat(md.exitCode()).as(md::toString).isZero();
    assertThat(md.out())
        .startsWith("### caprune policy run ")
        .contains("(dry run, explained): 3 versions in 1 target")
        .contains("| one | acme | 3 | ");

    CliResult table = h.runRaw("policy", "run", file.toString(), "--dry-run", "--explain");
    assertThat(table.out()).contains("Target one:").contains("kept by rule pinned");
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void aPlanFromTheFutureIsNamedToTheSecond() throws Exception {
    Path plan = dir.resolve("plan.json");
    h.withContext(
        h.context()
            .withClock(
                Clock.fixed(
                    SandboxHarness.NOW.plus(Duration.ofHours(1)).plusNanos(123_456_789),
                    ZoneOffset.UTC)));
    CliResult saved = delete("--package", "@acme/icons", "--save-plan", plan.toString());
    assertThat(saved.exitCode()).as(saved::toString).isZero();
    h.withContext(h.context().withClock(Clock.fixed(SandboxHarness.NOW, ZoneOffset.UTC)));
    CliResult r = h.run("apply", plan.toString(), "--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("(2025-07-01T01:00:00Z)").doesNotContain(".123");
  }
}
