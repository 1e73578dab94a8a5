package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.HostileServer;
import dev.caprune.testing.HostileServer.Reply;
import dev.caprune.testing.Runs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every call and every run is bounded, against a server that misbehaves on purpose: a reply that
 * trickles one byte every 20 s, a server that never answers, listings whose nextToken never ends.
 * The real SDK client calls the {@link HostileServer} through {@code --endpoint-url}.
 */
class BoundedCallsTest {
  /**
   * A bound's test asserts that the bound cut the call: it ended well before the server would have
   * answered (it holds each reply for 20 s or more, or for ever). How fast is for benchmarks.
   */
  private static final String CUT = "cut by the bound, before the server's own delay";

  static {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
  }

  private HostileServer server;

  @BeforeEach
  void start() throws Exception {
    server = HostileServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Runs caprune exactly with {@code args}. */
  private CliResult run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    return Runs.run(Runs.context(), all.toArray(String[]::new));
  }

  /** {@code versions} against the server in us-east-1. */
  private CliResult versions(String... extra) {
    List<String> all =
        new ArrayList<>(List.of("versions", "--domain", "acme", "--repository", "releases"));
    all.addAll(List.of("--region", "us-east-1", "--endpoint-url", server.endpoint().toString()));
    all.addAll(List.of(extra));
    return run(all.toArray(String[]::new));
  }

  /** A complete, valid ListPackages answer trickled one byte every 20 s. */
  @Test
  void aSlowLorisReplyIsCutByTheAttemptTimeout() {
    server.on(
        "ListPackages",
        Reply.slowLoris(
            Reply.json(200, HostileServer.packages("npm", null, "left-pad")),
            Duration.ofSeconds(20)));
    long start = System.nanoTime();
    CliResult r = versions("--attempt-timeout", "1s", "--call-timeout", "3s");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.err()).contains("ListPackages").contains("--call-timeout");
    assertThat(took).as(CUT).isLessThan(Duration.ofSeconds(15));
    // Attempts were retried (reads are safe to retry) until the call's own deadline.
    assertThat(server.requests("ListPackages")).hasSizeGreaterThan(1);
  }

  /** Headers at once, then the body one byte every 20 s: the read of the body is cut too. */
  @Test
  void aTricklingBodyIsCutByTheAttemptTimeout() {
    server.on(
        "ListPackages",
        Reply.slowBody(
            200,
            HostileServer.packages("npm", null, "left-pad").toString(),
            Duration.ofSeconds(20)));
    long start = System.nanoTime();
    CliResult r = versions("--attempt-timeout", "1s", "--call-timeout", "3s");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.err()).contains("ListPackages");
    assertThat(took).as(CUT).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aSilentServerIsCutByTheAttemptTimeout() {
    server.on("ListPackages", Reply.silence());
    long start = System.nanoTime();
    CliResult r = versions("--attempt-timeout", "500ms", "--call-timeout", "2s");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(took).as(CUT).isLessThan(Duration.ofSeconds(15));
  }

  /** A call timeout shorter than the default attempt timeout lowers it: no contradiction. */
  @Test
  void aShortCallTimeoutAloneIsAccepted() {
    server.on("ListPackages", Reply.json(200, HostileServer.packages("npm", null, "left-pad")));
    server.on(
        "ListPackageVersions",
        Reply.json(200, HostileServer.versions("npm", "left-pad", null, "1.0.0")));
    CliResult r = versions("--call-timeout", "5s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("left-pad");
  }

  @Test
  void anAttemptTimeoutGivenLongerThanTheCallTimeoutIsStillAUsageError() {
    CliResult r = versions("--attempt-timeout", "10s", "--call-timeout", "5s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo("caprune: --attempt-timeout (10s) cannot be longer than --call-timeout (5s)");
    assertThat(server.requests()).isEmpty();
  }

  /** The default attempt timeout, lowered to a shorter call timeout, ends at the call's. */
  @Test
  void aSilentServerIsCutByAShortCallTimeoutAlone() {
    server.on("ListPackages", Reply.silence());
    CliResult r = versions("--call-timeout", "2s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.err())
        .contains("ListPackages got no answer within the call timeout of 2 s (--call-timeout)");
  }

  /** With --max-attempts 1 the attempt timeout alone ends the call. */
  @Test
  void oneAttemptEndsAtTheAttemptTimeout() {
    server.on("ListPackages", Reply.silence());
    long start = System.nanoTime();
    CliResult r = versions("--attempt-timeout", "1s", "--max-attempts", "1");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.err()).contains("--attempt-timeout");
    assertThat(took).as(CUT).isLessThan(Duration.ofSeconds(15));
    assertThat(server.requests("ListPackages")).hasSize(1);
  }

  /** One attempt, cut at the call timeout the user gave: the message names that, not another. */
  @Test
  void oneAttemptCutAtAShortCallTimeoutNamesTheCallTimeout() {
    server.on("ListPackages", Reply.silence());
    CliResult r = versions("--max-attempts", "1", "--call-timeout", "2s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.err())
        .contains("within the call timeout of 2 s (--call-timeout)")
        .doesNotContain("--attempt-timeout");
    assertThat(server.requests("ListPackages")).hasSize(1);
  }

  @Test
  void aListPackagesTokenThatNeverChangesIsAnErrorNamingTheOperation() {
    server.on(
        "ListPackages",
        Reply.json(200, HostileServer.packages("npm", null, "left-pad").put("nextToken", "again")));
    CliResult r = versions();

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.err()).contains("ListPackages").contains("nextToken");
    assertThat(r.err().lines().filter(l -> !l.isBlank()).count()).isEqualTo(1);
    // The second page repeated the first's token: no third request.
    assertThat(server.requests("ListPackages")).hasSize(2);
  }

  @Test
  void aListPackageVersionsTokenCycleIsAnErrorNamingTheOperation() {
    server.on("ListPackages", Reply.json(200, HostileServer.packages("npm", null, "left-pad")));
    AtomicInteger page = new AtomicInteger();
    // a, b, a, b, ...: each token is new to the page before it, not to the listing.
    server.on(
        "ListPackageVersions",
        req -> {
          int n = page.getAndIncrement();
          return Reply.json(
              200,
              HostileServer.versions("npm", "left-pad", "1." + n + ".0", "1." + n + ".0")
                  .put("nextToken", n % 2 == 0 ? "a" : "b"));
        });
    CliResult r = versions();

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.err()).contains("ListPackageVersions").contains("left-pad");
    assertThat(server.requests("ListPackageVersions")).hasSize(3);
  }

  @Test
  void aDeleteRunAgainstAPageLoopWritesNothing() {
    server.on("ListPackages", Reply.json(200, HostileServer.packages("npm", null, "left-pad")));
    server.on(
        "ListPackageVersions",
        Reply.json(
            200,
            HostileServer.versions("npm", "left-pad", "2.0.0", "1.0.0", "2.0.0")
                .put("nextToken", "forever")));
    server.on("DeletePackageVersions", HostileServer.echoWrite("Deleted"));
    CliResult r =
        run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--all",
            "--yes",
            "-o",
            "json",
            "--region",
            "us-east-1",
            "--endpoint-url",
            server.endpoint().toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.err()).contains("ListPackageVersions");
    assertThat(server.writes()).isEmpty();
  }

  /**
   * A server that claims to have deleted versions it was never asked to: whatever the report makes
   * of it, only the selected versions were ever sent to a write.
   */
  @Test
  void onlySelectedVersionsAreSentToAWriteWhateverTheAnswerClaims() {
    server.on("ListPackages", Reply.json(200, HostileServer.packages("npm", null, "left-pad")));
    server.on(
        "ListPackageVersions",
        Reply.json(
            200, HostileServer.versions("npm", "left-pad", "2.0.0", "1.0.0", "1.1.0", "2.0.0")));
    server.on(
        "DeletePackageVersions",
        Reply.json(200, HostileServer.writeResult("Deleted", "1.0.0", "1.1.0", "2.0.0")));
    run(
        "delete",
        "--domain",
        "acme",
        "--repository",
        "releases",
        "--version",
        "1.*",
        "--yes",
        "-o",
        "json",
        "--region",
        "us-east-1",
        "--endpoint-url",
        server.endpoint().toString());

    assertThat(server.versionsSentToWrites()).containsExactlyInAnyOrder("1.0.0", "1.1.0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--attempt-timeout=0",
        "--attempt-timeout=abc",
        "--attempt-timeout=-1s",
        "--attempt-timeout=50ms",
        "--call-timeout=25h",
        "--attempt-timeout=5m",
      })
  void badTimeoutsAreUsageErrorsBeforeAnyCall(String option) {
    // The last: an attempt given longer than the call (default 120 s).
    CliResult r = versions(option);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(r.err()).contains(option.substring(0, option.indexOf('=')));
    assertThat(server.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "x y", "US-EAST-1", "us-east-1 ", "us_east_1", "useast1", "-1"})
  void aBadRegionIsAUsageErrorBeforeAnyCall(String region) {
    CliResult r =
        run(
            "versions",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--region",
            region,
            "--endpoint-url",
            server.endpoint().toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("--region");
    assertThat(server.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "us-east-1",
        "eu-central-2",
        "ap-southeast-5",
        "us-gov-west-1",
        "cn-north-1",
        "cn-northwest-1",
        "us-iso-east-1",
        "us-isob-east-1",
        "eu-isoe-west-1",
        "us-isof-south-1",
        "eusc-de-east-1",
        "il-central-1",
        "mx-central-1"
      })
  void everyPartitionsRegionNamesAreAccepted(String region) {
    server.on("ListPackages", Reply.json(200, HostileServer.packages("npm", null)));
    CliResult r =
        run(
            "versions",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--region",
            region,
            "--endpoint-url",
            server.endpoint().toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(server.requests("ListPackages")).hasSize(1);
    // Signed for the region asked for.
    assertThat(server.requests().get(0).header("authorization")).contains("/" + region + "/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://user:secret@127.0.0.1:1",
        "http://127.0.0.1:1/?x=1",
        "http://127.0.0.1:1/#frag",
        "ftp://127.0.0.1:1",
        "127.0.0.1:1"
      })
  void aBadEndpointIsAUsageErrorBeforeAnyCall(String url) {
    CliResult r =
        run("versions", "--domain", "acme", "--repository", "releases", "--endpoint-url", url);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "two words", "tab\there", "[x]"})
  void aMalformedProfileNameIsAUsageErrorBeforeAnyCall(String profile) {
    CliResult r = versions("--profile", profile);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
    assertThat(server.requests()).isEmpty();
  }
}
