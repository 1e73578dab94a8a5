package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.cli.Caprune;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code caprune sandbox} option checking: bad values end with one line and exit code 2. */
class SandboxCommandTest {
  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Caprune.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "--throttle-rate, 1.5, '--throttle-rate must be between 0 and 1'",
    "--fail-rate, -0.1, '--fail-rate must be between 0 and 1'",
    "--lost-reply-rate, 2, '--lost-reply-rate must be between 0 and 1'",
    "--conflict-rate, 1.01, '--conflict-rate must be between 0 and 1'",
    "--partial-rate, -1, '--partial-rate must be between 0 and 1'",
    "--generate, 10y5, '--generate wants PxV'",
    "--generate, 0x5, '--generate wants PxV'",
    "--quotas, some, '--quotas must be aws or none'",
    "--access-key, AKID, '--access-key and --secret-key go together'",
    "--secret-key, KEY, '--access-key and --secret-key go together'",
    "--port, 70000, '--port must be 0..65535'",
    "--latency-ms, -5, '--latency-ms must be >= 0'",
    "--throttle-rate, lots, 'Invalid value for option '",
    "--generate-dependencies, 3, '--generate-dependencies needs --generate'",
  })
  void badValuesAreUsageErrors(String option, String value, String message) {
    Run r = run("sandbox", option, value);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("caprune: ").contains(message);
  }

  @Test
  void generatedDependenciesAreBounded() {
    Run r = run("sandbox", "--generate", "2x2", "--generate-dependencies", "101");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("caprune: ").contains("--generate-dependencies must be 0..100");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "published=90,unlisted=8; '--generate-statuses the percentages add up to 98, not 100'",
        "published=90,gone=10; --generate-statuses unknown status",
        "published=90; '--generate-statuses the percentages add up to 90'",
        "90,10; '--generate-statuses wants status=percent'",
        "published=100,published=0; 'given twice'",
      })
  void badStatusMixesAreUsageErrors(String mix, String message) {
    Run r = run("sandbox", "--generate", "2x2", "--generate-statuses", mix);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("caprune: ").contains(message);
    assertThat(r.err().strip()).doesNotContain("\n");
  }

  @Test
  void aStatusMixNeedsGenerate() {
    Run r = run("sandbox", "--generate-statuses", "published=100");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("caprune: ").contains("--generate-statuses needs --generate");
  }

  @Test
  void aBadSeedFileIsAUsageErrorNamingTheField(@TempDir Path dir) throws Exception {
    Path seed = dir.resolve("acme.json");
    Files.writeString(seed, "{\"domains\": [{\"name\": \"acme\", \"owner\": \"12\"}]}");
    Run r = run("sandbox", "--data", seed.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip())
        .startsWith("caprune: " + seed + ": domains[0].owner: invalid value \"12\"")
        .doesNotContain("\n");
  }

  @Test
  void helpListsTheOptionsAndAdminRoutes() {
    Run r = run("sandbox", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--generate=PxV", "--demo", "--lost-reply-rate=F", "--quotas=aws|none")
        .contains("--conflict-rate=F", "--partial-rate=F", "--generate-dependencies=N")
        .contains("--generate-statuses=STATUS=PCT,...")
        .contains("--access-key=ID", "--secret-key=KEY", "--random-seed=N", "--bind=ADDRESS")
        .contains("GET  /_sandbox/stats");
  }
}
