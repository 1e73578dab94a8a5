package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.HostileServer;
import dev.caprune.testing.HostileServer.Reply;
import dev.caprune.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code policy run --event} against crafted ListPackageVersions answers over real HTTP, through
 * the real SDK: the one listing an event run makes is believed only when it is about the event's
 * package; otherwise nothing is written. The event names npm {@code app} in acme/releases.
 */
class HostileEventReplyTest {
  static {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
  }

  @TempDir Path dir;
  private HostileServer server;
  private Path policy;

  @BeforeEach
  void start() throws Exception {
    server = HostileServer.start();
    server.on("DeletePackageVersions", HostileServer.echoWrite("Deleted"));
    policy = dir.resolve("retention.yaml");
    Files.writeString(
        policy,
        """
        version: 1
        targets:
          - name: main
            domain: acme
            domainOwner: "111122223333"
            endpointUrl: %s
            repositories: [releases]
        rules:
          - {name: npm-trim, action: delete, format: npm, keepLatest: 2}
        """
            .formatted(server.endpoint()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliResult run() {
    return Runs.run(
        Runs.context(),
        "policy",
        "run",
        policy.toString(),
        "--event",
        "src/test/resources/events/npm-published.json",
        "--max-attempts",
        "1",
        "--region",
        "us-east-1",
        "--yes",
        "-o",
        "ndjson");
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(
            "about another package",
            HostileServer.versions("npm", "right-pad", "1.0.3", "1.0.0", "1.0.1", "1.0.2", "1.0.3")
                .toString()),
        Arguments.of(
            "about another format",
            HostileServer.versions("pypi", "app", "1.0.3", "1.0.0", "1.0.1", "1.0.2", "1.0.3")
                .toString()),
        Arguments.of("no versions key", "{\"format\":\"npm\",\"package\":\"app\"}"),
        Arguments.of("not JSON", "{{{"),
        Arguments.of("an empty body", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void aListingCapruneCannotBelieveWritesNothing(String shape, String body) {
    server.on("ListPackageVersions", Reply.json(200, body));
    CliResult r = run();
    assertThat(r.exitCode()).as(shape + "\n" + r).isNotEqualTo(ExitCodes.OK);
    assertThat(server.writes()).as(shape).isEmpty();
    assertThat(r.out()).as(shape).doesNotContain("\"type\":\"version\"");
  }

  /** The control: a believable listing, and the run deletes the two oldest, only those. */
  @Test
  void aBelievableListingIsActedOnExactly() {
    server.on(
        "ListPackageVersions",
        Reply.json(
            200,
            HostileServer.versions("npm", "app", "1.0.3", "1.0.0", "1.0.1", "1.0.2", "1.0.3")));
    CliResult r = run();
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(server.versionsSentToWrites()).containsExactlyInAnyOrder("1.0.0", "1.0.1");
    assertThat(r.out()).contains("\"version\":\"1.0.0\"").contains("\"version\":\"1.0.1\"");
  }
}
