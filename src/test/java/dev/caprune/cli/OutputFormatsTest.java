package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ndjson, csv and the table's handling of hostile names. */
class OutputFormatsTest {
  private SandboxHarness h;

  @BeforeEach
  void start() throws Exception {
    // Versions may hold commas, quotes and control characters: [^#/\s]+ allows them.
    String seed =
        "{\"domains\": [{\"name\": \"acme\", \"repositories\": [{\"name\": \"odd\", \"packages\": ["
            + "{\"format\": \"generic\", \"namespace\": \"ns\", \"name\": \"tool\", \"versions\": ["
            + "{\"version\": \"1,0\\\"x\\\"\", \"publishedTime\": \"2024-01-01T00:00:00Z\", \"revision\": \"r1\"},"
            + "{\"version\": \"2.0\\u001b[31mRED\", \"publishedTime\": \"2024-02-01T00:00:00Z\", \"revision\": \"r2\"},"
            + "{\"version\": \"3.0\", \"publishedTime\": \"2024-03-01T00:00:00Z\", \"revision\": \"r3\"}]}]}]}]}";
    h = new SandboxHarness(Sandbox.builder().seedJson(seed).start());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void tableEscapesControlCharacters() {
    CliResult r = h.run("versions", "--domain", "acme", "--repository", "odd");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(r.out()).doesNotContain("\u001b").contains("2.0\\u001b[31mRED");
  }

  @Test
  void csvQuotesPerRfc4180() {
    CliResult r =
        h.run(
            "versions",
            "--domain",
            "acme",
            "--repository",
            "odd",
            "--no-protect-latest",
            "-o",
            "csv");
    assertThat(r.exitCode()).as(r::toString).isZero();
    List<String> lines = List.of(r.out().split("\r\n"));
    assertThat(lines.get(0))
        .isEqualTo(
            "repository,format,namespace,package,version,status,revision,origin,protected,"
                + "publishedTime");
    assertThat(lines).contains("odd,generic,ns,tool,\"1,0\"\"x\"\"\",Published,r1,INTERNAL,,");
    assertThat(r.out()).endsWith("\r\n");
  }

  @Test
  void ndjsonIsOneObjectPerLineThenASummary() throws Exception {
    CliResult r =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "odd",
            "--version",
            "3.0",
            "--no-protect-latest",
            "--dry-run",
            "-o",
            "ndjson");
    assertThat(r.exitCode()).as(r::toString).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper m = new ObjectMapper();
    JsonNode version = m.readTree(lines.get(0));
    assertThat(version.path("type").asText()).isEqualTo("version");
    assertThat(version.path("version").asText()).isEqualTo("3.0");
    assertThat(version.path("result").asText()).isEqualTo("selected");
    JsonNode summary = m.readTree(lines.get(1));
    assertThat(summary.path("type").asText()).isEqualTo("summary");
    assertThat(summary.path("selected").asInt()).isEqualTo(1);
    assertThat(summary.path("dryRun").asBoolean()).isTrue();
  }

  @Test
  void csvOfARealDeleteHasOneRowPerVersion() {
    CliResult r =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "odd",
            "--version",
            "1,*",
            "--yes",
            "-o",
            "csv");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(r.out())
        .isEqualTo(
            "repository,format,namespace,package,version,status,result,revision,errorCode,errorMessage"
                + ",publishedTime\r\n"
                + "odd,generic,ns,tool,\"1,0\"\"x\"\"\",Deleted,succeeded,r1,,,\r\n");
  }

  @Test
  void colourOnlyOnATerminalAndNeverWhenAskedNot() {
    String[] args = {"versions", "--domain", "acme", "--repository", "odd", "--explain"};
    CliResult plain = h.run(args);
    assertThat(plain.out()).doesNotContain("\u001b[");
    CliContext terminal = h.context().withTerminal(new CliContext.Terminal(true, () -> null));
    h.withContext(terminal);
    assertThat(h.run(args).out()).contains("\u001b[32myes\u001b[0m");
    CliResult noColor =
        h.run("versions", "--domain", "acme", "--repository", "odd", "--explain", "--no-color");
    assertThat(noColor.out()).doesNotContain("\u001b[");
    h.withContext(
        new CliContext(
            terminal.clock(),
            terminal.gateways(),
            terminal.terminal(),
            java.util.Map.of("NO_COLOR", "1")));
    assertThat(h.run(args).out()).doesNotContain("\u001b[");
  }
}
