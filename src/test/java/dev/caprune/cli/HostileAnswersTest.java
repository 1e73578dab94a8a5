package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.HostileServer;
import dev.caprune.testing.HostileServer.Reply;
import dev.caprune.testing.Runs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Odd answers to a write (#12): a call was made, so a version its answer does not account for is of
 * unknown outcome (exit 1), never "not attempted" and never a crash; an answer about versions that
 * were not sent changes nothing in the report; a version listed twice is sent once.
 */
class HostileAnswersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
  }

  private HostileServer server;

  @BeforeEach
  void start() throws Exception {
    server = HostileServer.start();
    server.on("ListPackages", Reply.json(200, HostileServer.packages("npm", null, "left-pad")));
    server.on(
        "ListPackageVersions",
        Reply.json(
            200, HostileServer.versions("npm", "left-pad", "2.0.0", "1.0.0", "1.1.0", "2.0.0")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliResult delete(String format) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "delete",
                "--domain",
                "acme",
                "--repository",
                "releases",
                "--version",
                "1.*",
                "--yes",
                "--max-attempts",
                "1",
                "-o",
                format,
                "--region",
                "us-east-1",
                "--endpoint-url",
                server.endpoint().toString()));
    return Runs.run(Runs.context(), args.toArray(String[]::new));
  }

  private JsonNode failed(CliResult r) throws Exception {
    return JSON.readTree(r.out()).path("packages").get(0).path("failedVersions");
  }

  @Test
  void anEmptyAnswerLeavesEveryVersionSentOfUnknownOutcome() throws Exception {
    server.on("DeletePackageVersions", Reply.json(200, "{}"));
    CliResult r = delete("json");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
    JsonNode failed = failed(r);
    assertThat(failed.path("1.0.0").path("errorCode").asText()).isEqualTo("OUTCOME_UNKNOWN");
    assertThat(failed.path("1.1.0").path("errorCode").asText()).isEqualTo("OUTCOME_UNKNOWN");
    assertThat(JSON.readTree(r.out()).path("summary").path("notAttempted").asInt()).isZero();
    assertThat(server.versionsSentToWrites()).containsExactlyInAnyOrder("1.0.0", "1.1.0");
  }

  @Test
  void anErrorBodyWithStatus200IsAnUnknownOutcome() throws Exception {
    server.on(
        "DeletePackageVersions",
        Reply.json(200, "{\"__type\": \"ValidationException\", \"message\": \"no\"}"));
    CliResult r = delete("ndjson");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.out())
        .contains("\"version\":\"1.0.0\"")
        .contains("\"errorCode\":\"OUTCOME_UNKNOWN\"")
        .doesNotContain("\"result\":\"notAttempted\"")
        .doesNotContain("\"result\":\"succeeded\"");
  }

  @Test
  void aNullEntryIsAnUnknownOutcomeNotACrash() throws Exception {
    server.on(
        "DeletePackageVersions",
        Reply.json(
            200,
            "{\"successfulVersions\": {\"1.0.0\": null, \"1.1.0\": {\"revision\": \"r\","
                + " \"status\": \"Deleted\"}}, \"failedVersions\": {}}"));
    CliResult r = delete("json");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.err()).doesNotContain("internal error").doesNotContain("NullPointer");
    JsonNode pkg = JSON.readTree(r.out()).path("packages").get(0);
    assertThat(pkg.path("failedVersions").path("1.0.0").path("errorCode").asText())
        .isEqualTo("OUTCOME_UNKNOWN");
    assertThat(pkg.path("successfulVersions").has("1.1.0")).isTrue();
  }

  @Test
  void successesForVersionsNeverSentAreIgnored() throws Exception {
    server.on(
        "DeletePackageVersions",
        Reply.json(200, HostileServer.writeResult("Deleted", "1.0.0", "1.1.0", "2.0.0", "9.9.9")));
    CliResult r = delete("json");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
    JsonNode doc = JSON.readTree(r.out());
    JsonNode summary = doc.path("summary");
    assertThat(summary.path("succeeded").asInt()).isEqualTo(summary.path("selected").asInt());
    assertThat(summary.path("selected").asInt()).isEqualTo(2);
    JsonNode ok = doc.path("packages").get(0).path("successfulVersions");
    assertThat(ok.has("2.0.0")).isFalse();
    assertThat(ok.has("9.9.9")).isFalse();
    assertThat(server.versionsSentToWrites()).containsExactlyInAnyOrder("1.0.0", "1.1.0");
  }

  @Test
  void aVersionListedTwiceIsSentOnce() throws Exception {
    server.on(
        "ListPackageVersions",
        Reply.json(
            200,
            HostileServer.versions(
                "npm", "left-pad", "2.0.0", "1.0.0", "1.0.0", "1.1.0", "2.0.0")));
    server.on("DeletePackageVersions", HostileServer.echoWrite("Deleted"));
    CliResult r = delete("json");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
    assertThat(server.versionsSentToWrites()).containsExactly("1.0.0", "1.1.0");
    assertThat(JSON.readTree(r.out()).path("summary").path("selected").asInt()).isEqualTo(2);
  }
}
