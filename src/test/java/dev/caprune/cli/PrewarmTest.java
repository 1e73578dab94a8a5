package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.codeartifact.AwsSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What main reads from the arguments before picocli does, to start work early: only guesses, which
 * must never change what a run does.
 */
class PrewarmTest {
  @Test
  void guessesTheClientSettingsInBothOptionForms() {
    AwsSettings s =
        AwsOptions.guess(
            "versions", "--region", "eu-west-1", "--profile=ci", "--endpoint-url=http://h:1/");
    assertThat(s.region()).isEqualTo("eu-west-1");
    assertThat(s.profile()).isEqualTo("ci");
    assertThat(s.endpoint()).isEqualTo(URI.create("http://h:1/"));
  }

  @Test
  void guessesNothingItCannotRead() {
    AwsSettings s = AwsOptions.guess("versions", "--endpoint-url", "http://bad url", "--region");
    assertThat(s.endpoint()).isNull();
    assertThat(s.region()).isNull();
    assertThat(AwsOptions.guess("versions", "--", "--region", "x").region()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-o json", "--output ndjson", "--output=json", "-ojson", "-o=JSON"})
  void guessesJsonOutput(String args) {
    assertThat(OutputOptions.guessJson(args.split(" "))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-o table", "--output=csv", "versions", "-- -o json"})
  void guessesOtherOutput(String args) {
    assertThat(OutputOptions.guessJson(args.split(" "))).isFalse();
  }

  /** -vvv logs every SDK message, so nothing of the SDK starts before it is parsed. */
  @Test
  void sdkDebugStartsNothingEarly() {
    String[] quiet = {"versions", "--domain", "acme", "--repository", "r", "-v"};
    assertThat(Caprune.startContext(quiet).gateways())
        .isInstanceOf(dev.caprune.codeartifact.EarlyGateways.class);
    for (String v : List.of("-vvv", "-vv -v", "--verbose -v -v", "-qvvv")) {
      List<String> args = new ArrayList<>(List.of("versions", "--domain", "acme"));
      args.addAll(List.of(v.split(" ")));
      assertThat(Caprune.verbosity(args.toArray(String[]::new))).as(v).isGreaterThanOrEqualTo(3);
      assertThat(Caprune.startContext(args.toArray(String[]::new)).gateways())
          .as(v)
          .isNotInstanceOf(dev.caprune.codeartifact.EarlyGateways.class);
    }
    assertThat(Caprune.verbosity("versions", "--", "-vvv")).isZero();
  }

  /** On main's path too, bad input is exit 2 with no call at all, though a client was built. */
  @Test
  void badInputOnMainsPathMakesNoCall() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      String[] argv = {
        "delete",
        "--domain",
        "acme",
        "--repository",
        "releases",
        "--package",
        "x",
        "--max-attempts",
        "0",
        "--endpoint-url",
        h.sandbox.endpoint().toString()
      };
      CliResult r = h.withContext(Caprune.startContext(argv)).runRaw(argv);
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).contains("--max-attempts");
      assertThat(h.totalCalls()).isZero();
    }
  }

  /** main's path (early client, prewarm thread) prints what the plain path prints. */
  @Test
  void mainsPathListsWhatThePlainPathLists() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "versions",
                  "--domain",
                  "acme",
                  "--repository",
                  "releases",
                  "-o",
                  "json",
                  "--endpoint-url",
                  h.sandbox.endpoint().toString()));
      String[] argv = args.toArray(String[]::new);
      CliResult plain = h.runRaw(argv);
      CliResult early = h.withContext(Caprune.startContext(argv)).runRaw(argv);
      assertThat(plain.exitCode()).as(plain::toString).isZero();
      assertThat(early.exitCode()).as(early::toString).isZero();
      assertThat(early.out()).isEqualTo(plain.out()).contains("\"versions\"");
    }
  }
}
