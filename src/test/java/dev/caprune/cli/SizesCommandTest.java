package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Fixtures;
import dev.caprune.testing.Golden;
import dev.caprune.testing.SandboxHarness;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.PackageFormat;

/**
 * {@code --sizes} and {@code --delete-empty-packages} against the sandbox: the sizes reported are
 * the seeded ones exactly (per version, per package, in total with each stored file once), the
 * calls are one per selected version plus extra pages, and only packages this run emptied go.
 */
class SizesCommandTest {
  /** A file two versions (and the cache repository) hold: stored, and counted, once. */
  private static final String SHARED = "5a".repeat(32);

  private static final int MANY = 1_205;

  private SandboxHarness h;

  private static String seed() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < MANY; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"name\": \"part-")
          .append(i)
          .append("\", \"size\": 2}");
    }
    return """
        {"domains": [{"name": "acme", "repositories": [
          {"name": "releases", "packages": [
            {"format": "npm", "name": "ui", "versions": [
              {"version": "1.0.0", "publishedTime": "2025-01-01T00:00:00Z",
               "assets": [{"name": "ui-1.0.0.tgz", "size": 100}, {"name": "extra", "size": 200}]},
              {"version": "1.1.0", "publishedTime": "2025-02-01T00:00:00Z",
               "assets": [{"name": "ui-1.1.0.tgz", "size": 1000}]},
              {"version": "2.0.0", "publishedTime": "2025-03-01T00:00:00Z",
               "assets": [{"name": "ui-2.0.0.tgz", "size": 5000}]}]},
            {"format": "generic", "namespace": "tools", "name": "bundle", "versions": [
              {"version": "1", "assets": [{"name": "a", "size": 10}, {"name": "b", "size": 20},
                {"name": "shared.bin", "size": 30, "hashes": {"SHA-256": "%1$s"}}]},
              {"version": "2", "assets": [
                {"name": "shared.bin", "size": 30, "hashes": {"SHA-256": "%1$s"}}]},
              {"version": "3", "status": "Disposed"}]},
            {"format": "generic", "namespace": "tools", "name": "many", "versions": [
              {"version": "1.0", "assets": [%2$s]}]},
            {"format": "generic", "namespace": "tools", "name": "gone", "versions": [
              {"version": "0.1", "assets": [{"name": "g", "size": 7}]},
              {"version": "0.2", "status": "Unlisted", "assets": [{"name": "g", "size": 8}]}]},
            {"format": "generic", "namespace": "tools", "name": "race", "versions": [
              {"version": "0.1", "assets": [{"name": "r", "size": 9}]}]}
          ]},
          {"name": "cache", "packages": [
            {"format": "generic", "namespace": "tools", "name": "bundle", "versions": [
              {"version": "2", "assets": [
                {"name": "shared.bin", "size": 30, "hashes": {"SHA-256": "%1$s"}}]}]}]}
        ]}]}
        """
        .formatted(SHARED, many);
  }

  @BeforeEach
  void start() throws Exception {
    h = new SandboxHarness(Sandbox.builder().seedJson(seed()).start());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private CliResult run(String command, String... args) {
    List<String> all =
        new ArrayList<>(List.of(command, "--domain", "acme", "--repository", "releases"));
    all.addAll(List.of(args));
    return h.run(all.toArray(String[]::new));
  }

  private static JsonNode json(CliResult r) throws Exception {
    return new ObjectMapper().readTree(r.out());
  }

  /** version → size, from a versions document. */
  private static Map<String, Long> sizes(JsonNode versions) {
    Map<String, Long> out = new TreeMap<>();
    for (JsonNode v : versions) {
      out.put(
          v.path("package").asText() + " " + v.path("version").asText(), v.path("size").asLong(-1));
    }
    return out;
  }

  @Test
  void versionsShowsTheSeededSizesWithOneCallPerVersionPlusPages() throws Exception {
    CliResult r = run("versions", "--sizes", "--no-protect-latest", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    JsonNode doc = json(r);
    assertThat(sizes(doc.path("versions")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "ui 1.0.0", 300L,
                "ui 1.1.0", 1000L,
                "ui 2.0.0", 5000L,
                "bundle 1", 60L,
                "bundle 2", 30L,
                "bundle 3", 0L,
                "many 1.0", 2L * MANY,
                "gone 0.1", 7L,
                "gone 0.2", 8L,
                "race 0.1", 9L));
    // Each stored file once: bundle 2's file is bundle 1's.
    long total = 300 + 1000 + 5000 + 60 + 0 + 2L * MANY + 7 + 8 + 9;
    assertThat(doc.path("summary").path("bytes").asLong()).isEqualTo(total);
    // One call per version, and two more pages for the version with 1,205 files.
    assertThat(h.calls("ListPackageVersionAssets")).isEqualTo(10 + 1);
  }

  @Test
  void withoutSizesNoFileIsListed() throws Exception {
    assertThat(run("versions", "-o", "json").exitCode()).isZero();
    assertThat(run("delete", "--package", "bundle", "--dry-run", "-o", "json").exitCode()).isZero();
    assertThat(h.calls("ListPackageVersionAssets")).isZero();
    assertThat(run("versions", "-o", "json").out()).doesNotContain("\"size\"", "\"bytes\"");
  }

  @Test
  void aDryRunShowsSizesPerVersionPerPackageAndInTotal() throws Exception {
    CliResult r =
        run(
            "delete",
            "--format",
            "generic",
            "--package",
            "bundle",
            "--no-protect-latest",
            "--dry-run",
            "--sizes",
            "-o",
            "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    JsonNode doc = json(r);
    JsonNode pkg = doc.path("packages").get(0);
    assertThat(pkg.path("sizes").toString()).isEqualTo("{\"1\":60,\"2\":30,\"3\":0}");
    assertThat(pkg.path("size").asLong()).isEqualTo(90);
    JsonNode summary = doc.path("summary");
    assertThat(summary.path("bytes").asLong()).isEqualTo(60); // shared.bin once
    assertThat(summary.path("freedBytes").asLong()).isEqualTo(60);
    assertThat(summary.path("pricePerGbMonth").asDouble()).isEqualTo(0.05);
    // Money to the cent; the exact bytes it comes from are beside it.
    assertThat(summary.path("monthlySaving").asDouble()).isEqualTo(0.0);
    assertThat(h.calls("ListPackageVersionAssets")).isEqualTo(3);
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void theTableShowsASizeColumnAndTheSaving() {
    CliResult r =
        run("delete", "--package", "ui", "--dry-run", "--sizes", "--price-per-gb-month", "0.10");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(r.out())
        .contains("SIZE")
        .contains("300 B")
        .contains("1000 B")
        .contains(
            "Size: 1.3 KiB (1,300 bytes in 2 versions, each stored file counted once); would save"
                + " less than $0.01 a month at $0.1/GB-month.");
  }

  @Test
  void aSizedDryRunsTableAndJsonArePinned() {
    String[] args = {
      "--format",
      "generic",
      "--package",
      "gone",
      "--package",
      "bundle",
      "--version",
      "0.*",
      "--version",
      "1",
      "--version",
      "2",
      "--no-protect-latest",
      "--delete-empty-packages",
      "--dry-run",
      "--sizes"
    };
    CliResult table = run("delete", args);
    assertThat(table.exitCode()).as(table::toString).isZero();
    Golden.assertMatches("delete-sizes-dry-run.txt", table.out());
    List<String> json = new ArrayList<>(List.of(args));
    json.addAll(List.of("-o", "json"));
    CliResult doc = run("delete", json.toArray(String[]::new));
    assertThat(doc.exitCode()).as(doc::toString).isZero();
    Golden.assertMatches("delete-sizes-dry-run.json", doc.out());
  }

  @Test
  void aRealDeleteCountsWhatItDeletedAndTheStateAgrees() throws Exception {
    CliResult r =
        run(
            "delete",
            "--package",
            "bundle",
            "--version",
            "1",
            "--version",
            "2",
            "--sizes",
            "--yes",
            "-o",
            "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    JsonNode doc = json(r);
    assertThat(doc.path("summary").path("succeeded").asInt()).isEqualTo(2);
    assertThat(doc.path("summary").path("bytes").asLong()).isEqualTo(60);
    assertThat(h.sandbox.stateJson()).doesNotContain("\"version\" : \"1\"");
  }

  @Test
  void ndjsonAndCsvCarryTheSize() throws Exception {
    CliResult nd = run("delete", "--package", "ui", "--dry-run", "--sizes", "-o", "ndjson");
    assertThat(nd.exitCode()).as(nd::toString).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String l : nd.out().split("\n")) {
      lines.add(new ObjectMapper().readTree(l));
    }
    assertThat(lines.get(0).path("size").asLong()).isIn(300L, 1000L);
    assertThat(lines.get(lines.size() - 1).path("bytes").asLong()).isEqualTo(1300);
    CliResult csv = run("delete", "--package", "ui", "--dry-run", "--sizes", "-o", "csv");
    assertThat(csv.out().lines().findFirst().orElseThrow()).endsWith(",size");
    assertThat(csv.out().lines())
        .anyMatch(l -> l.endsWith(",300"))
        .anyMatch(l -> l.endsWith(",1000"));
  }

  @Test
  void badPriceOrSizesWithExplainIsExitTwoWithNoCall() {
    CliResult r =
        run("delete", "--package", "ui", "--dry-run", "--sizes", "--price-per-gb-month", "-1");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    CliResult e = run("delete", "--package", "ui", "--dry-run", "--explain", "--sizes");
    assertThat(e.exitCode()).as(e::toString).isEqualTo(2);
    CliResult v = run("versions", "--sizes", "--price-per-gb-month", "NaN");
    assertThat(v.exitCode()).as(v::toString).isEqualTo(2);
    // A price without --sizes would price nothing: a misunderstanding, refused before any call.
    CliResult p = run("delete", "--package", "ui", "--yes", "--price-per-gb-month", "0.10");
    assertThat(p.exitCode()).as(p::toString).isEqualTo(2);
    assertThat(p.err()).contains("--price-per-gb-month prices what --sizes measures");
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void deletesExactlyThePackagesThisRunEmptied() throws Exception {
    CliResult r =
        run(
            "delete",
            "--format",
            "generic",
            "--package",
            "gone",
            "--package",
            "bundle",
            "--version",
            "0.*",
            "--version",
            "1",
            "--no-protect-latest",
            "--delete-empty-packages",
            "--yes",
            "-o",
            "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    JsonNode doc = json(r);
    assertThat(doc.path("emptyPackages").toString())
        .isEqualTo(
            "[{\"repository\":\"releases\",\"format\":\"generic\",\"namespace\":\"tools\","
                + "\"package\":\"gone\",\"result\":\"deleted\"}]");
    String state = h.sandbox.stateJson();
    assertThat(state).doesNotContain("\"gone\"").contains("\"bundle\"");
    assertThat(h.calls("DeletePackage")).isEqualTo(1);
    // Table: the report names it.
  }

  @Test
  void aDryRunNamesThePackagesWhoseEveryVersionIsSelected() throws Exception {
    CliResult r =
        run(
            "delete",
            "--format",
            "generic",
            "--package",
            "gone",
            "--package",
            "bundle",
            "--version",
            "0.*",
            "--version",
            "1",
            "--no-protect-latest",
            "--delete-empty-packages",
            "--dry-run");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(r.out()).contains("Would delete 1 empty package: tools/gone (releases).");
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void aPolicyWithDeleteEmptyPackagesDeletesThePackagesItsDeleteRulesEmptied(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("retention.yaml");
    java.nio.file.Files.writeString(
        file,
        """
        version: 1
        protectLatest: false
        deleteEmptyPackages: true
        targets:
          - name: one
            domain: acme
            endpointUrl: %s
            repositories: [releases]
        rules:
          - name: gone
            action: delete
            format: generic
            package: gone
          - name: old-bundles
            action: delete
            format: generic
            package: bundle
            version: "1"
        """
            .formatted(h.sandbox.endpoint()));
    CliResult dry = h.runRaw("policy", "run", file.toString(), "--dry-run");
    assertThat(dry.exitCode()).as(dry::toString).isZero();
    assertThat(dry.out()).contains("Would delete 1 empty package: tools/gone (releases).");
    assertThat(h.writeCalls()).isZero();
    CliResult r = h.runRaw("policy", "run", file.toString(), "--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(json(r).at("/targets/0/emptyPackages/0/package").asText()).isEqualTo("gone");
    assertThat(json(r).at("/targets/0/emptyPackages").size()).isEqualTo(1);
    assertThat(h.sandbox.stateJson()).doesNotContain("\"gone\"").contains("\"bundle\"");
    assertThat(h.calls("DeletePackage")).isEqualTo(1);
  }

  @Test
  void aPolicyRunShowsSizesPerVersionAndPerTarget(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("retention.yaml");
    java.nio.file.Files.writeString(
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
          - name: old-ui
            action: delete
            format: npm
            package: ui
            version: "1.*"
          - name: hide-bundles
            action: unlist
            format: generic
            package: bundle
            version: "2"
        """
            .formatted(h.sandbox.endpoint()));
    CliResult json =
        h.runRaw("policy", "run", file.toString(), "--dry-run", "--sizes", "-o", "json");
    assertThat(json.exitCode()).as(json::toString).isZero();
    JsonNode doc = json(json);
    JsonNode packages = doc.at("/targets/0/packages");
    Map<String, String> sizes = new TreeMap<>();
    for (JsonNode p : packages) {
      sizes.put(p.path("package").asText(), p.path("sizes").toString());
    }
    assertThat(sizes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("ui", "{\"1.0.0\":300,\"1.1.0\":1000}", "bundle", "{\"2\":30}"));
    // Unlisting keeps the files: only the delete frees.
    assertThat(doc.at("/targets/0/summary/bytes").asLong()).isEqualTo(1330);
    assertThat(doc.at("/targets/0/summary/freedBytes").asLong()).isEqualTo(1300);
    assertThat(doc.at("/summary/bytes").asLong()).isEqualTo(1330);
    assertThat(h.calls("ListPackageVersionAssets")).isEqualTo(3);

    CliResult table = h.runRaw("policy", "run", file.toString(), "--dry-run", "--sizes");
    assertThat(table.exitCode()).as(table::toString).isZero();
    assertThat(table.out())
        .contains("SIZE")
        .contains("1000 B")
        .contains("  Size: 1.3 KiB (1,330 bytes in 3 versions, each stored file counted once)");
    CliResult csv = h.runRaw("policy", "run", file.toString(), "--dry-run", "--sizes", "-o", "csv");
    assertThat(csv.out().lines().findFirst().orElseThrow()).endsWith(",size");
    CliResult nd =
        h.runRaw("policy", "run", file.toString(), "--dry-run", "--sizes", "-o", "ndjson");
    assertThat(nd.out()).contains("\"size\":300").contains("\"bytes\":1330");
    assertThat(h.writeCalls()).isZero();

    CliResult refused =
        h.runRaw("policy", "run", file.toString(), "--dry-run", "--explain", "--sizes");
    assertThat(refused.exitCode()).as(refused::toString).isEqualTo(2);
  }

  @Test
  void aVersionPublishedBetweenTheDeleteAndTheCheckKeepsThePackage() throws Exception {
    try (CodeartifactClient client = Fixtures.client(h.sandbox)) {
      byte[] bytes = "new".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      Runnable publish =
          () ->
              client.publishPackageVersion(
                  b ->
                      b.domain("acme")
                          .repository("releases")
                          .format(PackageFormat.GENERIC)
                          .namespace("tools")
                          .packageValue("race")
                          .packageVersion("0.2")
                          .assetName("r2")
                          .assetSHA256(sha),
                  RequestBody.fromBytes(bytes));
      // Once the delete is sent, the next listing (the emptiness check) sees a new version.
      h.sandbox.beforeNextCall(
          "DeletePackageVersions", () -> h.sandbox.beforeNextCall("ListPackageVersions", publish));
      CliResult r =
          run(
              "delete",
              "--format",
              "generic",
              "--package",
              "race",
              "--no-protect-latest",
              "--delete-empty-packages",
              "--yes",
              "-o",
              "json");
      assertThat(r.exitCode()).as(r::toString).isZero();
      JsonNode doc = json(r);
      assertThat(doc.path("summary").path("succeeded").asInt()).isEqualTo(1);
      assertThat(doc.has("emptyPackages")).isFalse();
      assertThat(h.calls("DeletePackage")).isZero();
      assertThat(h.sandbox.stateJson()).contains("\"race\"").contains("\"0.2\"");
    }
  }
}
