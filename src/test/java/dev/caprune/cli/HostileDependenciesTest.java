package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.HostileServer;
import dev.caprune.testing.HostileServer.Reply;
import dev.caprune.testing.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A crafted ListPackageVersionDependencies answer over real HTTP, through the real SDK: an answer
 * caprune cannot believe about a version that remains never reads as "needs nothing". left-pad
 * 1.1.0 is kept (the newest 1); 1.0.0 may be deleted only once 1.1.0's needs are known.
 */
class HostileDependenciesTest {
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
        Reply.json(200, HostileServer.versions("npm", "left-pad", "1.1.0", "1.0.0", "1.1.0")));
    server.on("DeletePackageVersions", HostileServer.echoWrite("Deleted"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(
            "about another version",
            "{\"format\":\"npm\",\"package\":\"left-pad\",\"version\":\"9.9.9\",\"dependencies\":[]}"),
        Arguments.of(
            "about another package",
            "{\"format\":\"npm\",\"package\":\"right-pad\",\"version\":\"1.1.0\",\"dependencies\":[]}"),
        Arguments.of(
            "no dependencies key",
            "{\"format\":\"npm\",\"package\":\"left-pad\",\"version\":\"1.1.0\"}"),
        Arguments.of(
            "dependencies null",
            "{\"format\":\"npm\",\"package\":\"left-pad\",\"version\":\"1.1.0\",\"dependencies\":null}"),
        Arguments.of(
            "a dependency without a package",
            "{\"format\":\"npm\",\"package\":\"left-pad\",\"version\":\"1.1.0\","
                + "\"dependencies\":[{\"versionRequirement\":\"^1.0.0\"}]}"),
        Arguments.of("not JSON", "{{{"),
        Arguments.of("an empty body", ""));
  }

  private CliResult delete() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "delete",
                "--domain",
                "acme",
                "--repository",
                "releases",
                "--all",
                "--keep-latest",
                "1",
                "--protect-dependencies",
                "--max-attempts",
                "1",
                "--yes",
                "-o",
                "json",
                "--region",
                "us-east-1",
                "--endpoint-url",
                server.endpoint().toString()));
    return Runs.run(Runs.context(), args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void anAnswerCapruneCannotBelieveDeletesNothing(String shape, String body) {
    server.on("ListPackageVersionDependencies", Reply.json(200, body));
    CliResult r = delete();
    assertThat(r.exitCode()).as(shape + "\n" + r).isEqualTo(ExitCodes.RUNTIME);
    assertThat(server.writes()).as(shape).isEmpty();
    assertThat(r.err()).as(shape).contains("left-pad 1.1.0");
  }

  /** The control: the same run with a believable answer deletes 1.0.0, and only that. */
  @Test
  void aBelievableAnswerLetsTheRunDeleteWhatNothingNeeds() {
    server.on(
        "ListPackageVersionDependencies",
        Reply.json(
            200,
            "{\"format\":\"npm\",\"package\":\"left-pad\",\"version\":\"1.1.0\",\"dependencies\":[]}"));
    CliResult r = delete();
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(server.versionsSentToWrites()).containsExactly("1.0.0");
  }
}
