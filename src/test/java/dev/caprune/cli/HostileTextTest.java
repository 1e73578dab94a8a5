package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.SandboxHarness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Strings from the service or a file are data: on a terminal (table, warnings, error lines) every
 * control, escape sequence and bidi character is shown escaped; JSON, ndjson and CSV carry them
 * exactly.
 */
class HostileTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** OSC title set ended by BEL: would retitle the terminal. */
  private static final String OSC = "2.0.0\u001b]0;pwned\u0007";

  /** Right-to-left override: would show "exe.gpj" backwards. */
  private static final String RLO = "3.0.0\u202egpj.exe";

  /** C1 CSI, DEL, a bidi isolate, NUL, a zero-width space. */
  private static final String MIXED = "4.0.0\u009b2J\u007f\u2066x\u2069\u0000\u200b";

  /** Any character a terminal would act on or that reorders text (the line ends aside). */
  private static final Pattern RAW =
      Pattern.compile(
          "[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069]");

  private SandboxHarness h;

  @BeforeEach
  void start() throws Exception {
    String seed =
        "{\"domains\": [{\"name\": \"acme\", \"repositories\": [{\"name\": \"odd\", \"packages\": ["
            + "{\"format\": \"npm\", \"name\": \"evil\", \"versions\": ["
            + version("1.0.0", "2024-01-01")
            + ","
            + version(OSC, "2024-02-01")
            + ","
            + version(RLO, "2024-03-01")
            + ","
            + version(MIXED, "2024-04-01")
            + "]}]}]}]}";
    h = new SandboxHarness(Sandbox.builder().seedJson(seed).start());
  }

  private static String version(String v, String day) throws Exception {
    return "{\"version\": "
        + JSON.writeValueAsString(v)
        + ", \"publishedTime\": \""
        + day
        + "T00:00:00Z\", \"revision\": \"r-"
        + day
        + "\"}";
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private CliResult versions(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("versions", "--domain", "acme", "--repository", "odd", "--no-protect-latest"));
    args.addAll(List.of(more));
    return h.run(args.toArray(String[]::new));
  }

  @Test
  void theTableAndTheWarningsShowHostileVersionsEscaped() {
    CliResult r;
    String logged;
    try (LogCapture log = LogCapture.attach()) {
      r = versions();
      logged = log.text();
    }
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(r.out()).doesNotContainPattern(RAW);
    assertThat(r.out())
        .contains("2.0.0\\u001b]0;pwned\\u0007")
        .contains("3.0.0\\u202egpj.exe")
        .contains("4.0.0\\u009b2J\\u007f\\u2066x\\u2069\\u0000\\u200b");
    // The warnings about versions npm cannot parse name them, escaped alike.
    assertThat(logged).contains("evil 3.0.0\\u202egpj.exe: not a valid npm version");
    assertThat(logged).contains("evil 2.0.0\\u001b]0;pwned\\u0007: not a valid npm version");
    assertThat(logged).doesNotContainPattern(RAW);
    assertThat(r.err()).doesNotContainPattern(RAW);
  }

  @Test
  void jsonNdjsonAndCsvCarryThemExactly() throws Exception {
    CliResult json = versions("-o", "json");
    assertThat(json.exitCode()).as(json::toString).isZero();
    assertThat(JSON.readTree(json.out()).findValuesAsText("version")).contains(OSC, RLO, MIXED);

    CliResult ndjson = versions("-o", "ndjson");
    assertThat(ndjson.exitCode()).as(ndjson::toString).isZero();
    List<String> seen = new ArrayList<>();
    for (String line : ndjson.out().split("\n")) {
      JsonNode n = JSON.readTree(line);
      seen.addAll(n.findValuesAsText("version"));
    }
    assertThat(seen).contains(OSC, RLO, MIXED);

    CliResult csv = versions("-o", "csv");
    assertThat(csv.exitCode()).as(csv::toString).isZero();
    assertThat(csv.out()).contains("," + OSC + ",").contains("," + RLO + ",");
    assertThat(csv.out()).contains("," + MIXED + ",");
  }

  @Test
  void anErrorLineFromTheServiceIsOneEscapedLine() {
    StringWriter err = new StringWriter();
    var cmd =
        Caprune.commandLine(
            h.context(), new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    int code =
        new ExceptionHandler((Caprune) cmd.getCommand())
            .handleExecutionException(
                new GatewayException(
                    GatewayException.Kind.VALIDATION,
                    "Package \u001b[2J\u202eevil\r\nnot found; X-Amz-Security-Token=FwoG1234",
                    null),
                cmd,
                null);
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .hasLineCount(1)
        .doesNotContainPattern(RAW)
        .contains("Package \\u001b[2J\\u202eevil\\r\\nnot found")
        .contains("X-Amz-Security-Token=<redacted>")
        .doesNotContain("FwoG1234");
  }

  @Test
  void aUsageErrorIsOneLineAndTheHint() {
    CliResult typo = h.runRaw("delte", "--domain", "acme");
    assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(typo.err())
        .as(typo::toString)
        .hasLineCount(2)
        .contains("'delte'")
        .contains("(did you mean: delete?)");
    assertThat(typo.err().lines().toList().get(1))
        .isEqualTo("Try 'caprune --help' for more information.");

    CliResult option =
        h.runRaw("versions", "--domain", "acme", "--repository", "odd", "--domian", "x");
    assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(option.err()).as(option::toString).hasLineCount(2).contains("--domian");
    assertThat(option.err().lines().toList().get(1))
        .isEqualTo("Try 'caprune versions --help' for more information.");

    String huge = "--" + "x".repeat(2000) + "\u001b[31m";
    CliResult longOne = h.runRaw("versions", huge);
    assertThat(longOne.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(longOne.err()).as(longOne::toString).hasLineCount(2).doesNotContainPattern(RAW);
    assertThat(longOne.err().length()).isLessThan(600);
    assertThat(h.totalCalls()).isZero();
  }
}
