package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.report.Schemas;
import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Runs;
import dev.caprune.testing.SandboxHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published schemas: {@code caprune schema NAME} prints each, every golden document validates
 * against its schema, and so does a document of each command.
 */
class SchemaTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TempDir Path dir;

  /** Every golden JSON and ndjson file. */
  static Stream<Path> goldenDocuments() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(GOLDEN)) {
      all.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".ndjson"))
          .sorted()
          .forEach(files::add);
    }
    assertThat(files).hasSizeGreaterThan(5);
    return files.stream();
  }

  /** The schema a golden file is written to, by its name; an unknown name fails the test. */
  static String schemaOf(String file) {
    if (file.startsWith("explain-policy-run") || file.startsWith("policy-run")) {
      return "policy-run";
    }
    if (file.startsWith("usage")) {
      return "usage";
    }
    if (file.startsWith("versions") || file.equals("explain-core.json")) {
      return "versions";
    }
    if (file.startsWith("plan-")) {
      return "plan";
    }
    for (String action : List.of("delete", "archive", "unlist", "restore", "dispose")) {
      if (file.startsWith(action + "-") || file.startsWith("explain-" + action + "-")) {
        return "report";
      }
    }
    throw new AssertionError(
        "golden file " + file + ": say which schema it follows in SchemaTest.schemaOf");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenDocuments")
  void everyGoldenDocumentValidatesAgainstItsSchema(Path file) throws IOException {
    String name = file.getFileName().toString();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(dev.caprune.testing.Schemas.problems(schemaOf(name), text, name.endsWith(".ndjson")))
        .as(name)
        .isEmpty();
  }

  @Test
  void aDocumentThatBreaksTheContractIsCaught() {
    String bad =
        """
        {"schemaVersion": 2, "domain": "acme", "versions": [],
         "summary": {"packages": 0, "versions": 0, "protected": 0, "selected": 0},
         "monthlyCost": 0.09098324184305967}
        """;
    assertThat(dev.caprune.testing.Schemas.problems("versions", bad, false)).isNotEmpty();
    String fractional =
        """
        {"schemaVersion": 2, "domain": "acme", "packages": [{"repository": "r", "format": "npm",
          "namespace": null, "package": "p", "versions": 1, "bytes": 1, "versionsUnsized": 0,
          "oldestPublished": "2025-01-01T00:00:00.5Z", "newestPublished": null,
          "monthlyCost": 0.091}],
         "summary": {"packages": 1, "versions": 1, "bytes": 1, "storedBytes": 1,
          "monthlyCost": 0.0, "pricePerGbMonth": 0.05, "shown": 1}}
        """;
    assertThat(dev.caprune.testing.Schemas.problems("usage", fractional, false))
        .hasSizeGreaterThanOrEqualTo(2); // the fraction of a second, the fraction of a cent
  }

  @Test
  void schemaPrintsEachPublishedSchema() {
    for (String name : Schemas.NAMES.keySet()) {
      CliResult r = Runs.run(Runs.context(), "schema", name);
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(r.out()).contains("\"$schema\"").contains("2020-12");
    }
    assertThat(Runs.run(Runs.context(), "schema", "policy").out())
        .isEqualTo(Runs.run(Runs.context(), "policy", "schema").out());
    CliResult bad = Runs.run(Runs.context(), "schema", "nope");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("no schema 'nope'").contains("report, report-line");
  }

  @Test
  void aDocumentOfEachCommandValidates() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      List<String> scope = List.of("--domain", "acme", "--repository", "releases");
      for (String format : List.of("json", "ndjson")) {
        boolean nd = format.equals("ndjson");
        valid(h, "versions", nd, concat(List.of("versions"), scope, "-o", format));
        valid(h, "versions", nd, concat(List.of("versions"), scope, "--explain", "-o", format));
        valid(h, "usage", nd, concat(List.of("usage"), scope, "-o", format));
        valid(
            h,
            "report",
            nd,
            concat(List.of("archive"), scope, "--all", "--dry-run", "--explain", "-o", format));
        valid(
            h,
            "report",
            nd,
            concat(List.of("unlist"), scope, "--all", "--dry-run", "--sizes", "-o", format));
        valid(
            h,
            "report",
            nd,
            concat(List.of("delete"), scope, "--package", "@acme/icons", "--yes", "-o", format));
      }
      Path plan = dir.resolve("plan.json");
      CliResult saved =
          h.run(
              concat(
                      List.of("archive"),
                      scope,
                      "--all",
                      "--save-plan",
                      plan.toString(),
                      "-o",
                      "json")
                  .toArray(String[]::new));
      assertThat(saved.exitCode()).as(saved::toString).isZero();
      assertThat(dev.caprune.testing.Schemas.problems("plan", saved.out(), false)).isEmpty();
      assertThat(
              dev.caprune.testing.Schemas.problems(
                  "plan", Files.readString(plan, StandardCharsets.UTF_8), false))
          .isEmpty();
      Path policy = dir.resolve("retention.yaml");
      Files.writeString(
          policy,
          """
          version: 1
          targets:
            - name: one
              domain: acme
              endpointUrl: %s
              repositories: [releases]
          rules:
            - name: old
              action: archive
              package: ui-kit
              keepLatest: 1
          """
              .formatted(h.sandbox.endpoint()));
      for (String format : List.of("json", "ndjson")) {
        boolean nd = format.equals("ndjson");
        String p = policy.toString();
        valid(
            h,
            "policy-run",
            nd,
            List.of("policy", "run", p, "--dry-run", "--explain", "-o", format));
        valid(h, "policy-run", nd, List.of("policy", "run", p, "--dry-run", "-o", format));
        valid(h, "policy-run", nd, List.of("policy", "run", p, "--yes", "-o", format));
      }
      CliResult plans =
          h.runRaw(
              "policy",
              "run",
              policy.toString(),
              "--save-plan",
              dir.resolve("plans").toString(),
              "-o",
              "json");
      assertThat(plans.exitCode()).as(plans::toString).isZero();
      assertThat(dev.caprune.testing.Schemas.problems("plans", plans.out(), false)).isEmpty();
    }
  }

  private static void valid(SandboxHarness h, String schema, boolean ndjson, List<String> args) {
    CliResult r =
        args.get(0).equals("policy")
            ? h.runRaw(args.toArray(String[]::new))
            : h.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(dev.caprune.testing.Schemas.problems(schema, r.out(), ndjson))
        .as(String.join(" ", args) + "\n" + r.out())
        .isEmpty();
  }

  private static List<String> concat(List<String> a, List<String> b, String... more) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(List.of(more));
    return all;
  }
}
