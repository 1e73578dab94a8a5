package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.HostileServer;
import dev.caprune.testing.HostileServer.Reply;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials as the AWS CLI resolves them, from a temporary {@code AWS_CONFIG_FILE} and {@code
 * AWS_SHARED_CREDENTIALS_FILE}: {@code --profile} beats the environment's keys, which beat {@code
 * AWS_PROFILE}; a profile that does not exist is exit 2 before any call; static, session and {@code
 * credential_process} profiles sign. Which key signed is read from each request's SigV4
 * Authorization header ({@link HostileServer}), and verified for real by the sandbox.
 *
 * <p>In this JVM the test suite's system properties ({@code aws.accessKeyId} = AKIDSANDBOX) stand
 * first in the SDK's default chain; the cases about environment variables run caprune in a child
 * process with exactly the environment they name.
 */
class CredentialsTest {
  /**
   * A bound's test asserts that the bound cut the call: it ended well before the server would have
   * answered (it holds each reply for 20 s or more, or for ever). How fast is for benchmarks.
   */
  private static final String CUT = "cut by the bound, before the server's own delay";

  private static final String SYSPROP_KEY = "AKIDSANDBOX";

  static {
    System.setProperty("aws.accessKeyId", SYSPROP_KEY);
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
  }

  @TempDir Path dir;
  private HostileServer server;
  private Path config;
  private Path credentials;

  @BeforeEach
  void start() throws Exception {
    server = HostileServer.start();
    server.on("ListPackages", Reply.json(200, HostileServer.packages("npm", null)));
    Path process = dir.resolve("creds.sh");
    Files.writeString(
        process,
        "#!/bin/sh\n"
            + "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\","
            + " \"SecretAccessKey\": \"process-secret\", \"SessionToken\": \"process-token\"}'\n");
    Files.setPosixFilePermissions(process, PosixFilePermissions.fromString("rwx------"));
    config = dir.resolve("config");
    Files.writeString(
        config,
        """
        [default]
        region = us-east-1

        [profile staging]
        region = us-east-1

        [profile proc]
        region = us-east-1
        credential_process = %s

        [profile inconfig]
        aws_access_key_id = AKIDINCONFIG
        aws_secret_access_key = inconfig-secret

        [profile europe]
        region = eu-west-3
        aws_access_key_id = AKIDEUROPE
        aws_secret_access_key = europe-secret
        """
            .formatted(process));
    credentials = dir.resolve("credentials");
    Files.writeString(
        credentials,
        """
        [staging]
        aws_access_key_id = AKIDSTAGING
        aws_secret_access_key = staging-secret

        [session]
        aws_access_key_id = ASIASESSION
        aws_secret_access_key = session-secret
        aws_session_token = session-token

        [wrongsecret]
        aws_access_key_id = AKIDSTAGING
        aws_secret_access_key = not-the-secret
        """);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Map<String, String> files() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_CONFIG_FILE", config.toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
    env.put("HOME", dir.toString());
    return env;
  }

  /** caprune in this JVM, the AWS variables read from {@code env}. */
  private CliResult run(Map<String, String> env, String... args) {
    CliContext context =
        new CliContext(
            Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC),
            (settings, guard) -> SdkGateways.open(settings, env, guard),
            CliContext.Terminal.none(),
            env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Caprune.run(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliResult(code, out.toString(), err.toString());
  }

  private String[] versions(String... extra) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "versions",
                "--domain",
                "acme",
                "--repository",
                "releases",
                "--endpoint-url",
                server.endpoint().toString()));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  private HostileServer.Request onlyRequest() {
    assertThat(server.requests()).hasSize(1);
    return server.requests().get(0);
  }

  @Test
  void anExplicitProfileSignsEvenWhenOtherCredentialsStandFirstInTheChain() {
    CliResult r = run(files(), versions("--region", "us-east-1", "--profile", "staging"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(onlyRequest().accessKeyId()).isEqualTo("AKIDSTAGING");
  }

  @Test
  void withoutProfileTheDefaultChainSigns() {
    CliResult r = run(files(), versions("--region", "us-east-1"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(onlyRequest().accessKeyId()).isEqualTo(SYSPROP_KEY);
  }

  @Test
  void aProfileInTheConfigFileAloneSigns() {
    CliResult r = run(files(), versions("--region", "us-east-1", "--profile", "inconfig"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(onlyRequest().accessKeyId()).isEqualTo("AKIDINCONFIG");
  }

  @Test
  void sessionKeysSignWithTheirToken() {
    CliResult r = run(files(), versions("--region", "us-east-1", "--profile", "session"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    HostileServer.Request req = onlyRequest();
    assertThat(req.accessKeyId()).isEqualTo("ASIASESSION");
    assertThat(req.header("x-amz-security-token")).isEqualTo("session-token");
  }

  @Test
  void credentialProcessSigns() {
    CliResult r = run(files(), versions("--region", "us-east-1", "--profile", "proc"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    HostileServer.Request req = onlyRequest();
    assertThat(req.accessKeyId()).isEqualTo("AKIDPROCESS");
    assertThat(req.header("x-amz-security-token")).isEqualTo("process-token");
  }

  /** A credential_process that never ends must not keep the run alive: the call's deadline. */
  @Test
  void aHangingCredentialProcessIsBoundedByTheCallTimeout() throws Exception {
    Path hang = dir.resolve("hang.sh");
    Path pid = dir.resolve("hang.pid");
    Files.writeString(hang, "#!/bin/sh\necho $$ > " + pid + "\nexec sleep 30\n");
    Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(
        config, Files.readString(config) + "\n[profile hang]\ncredential_process = " + hang + "\n");
    long start = System.nanoTime();
    CliResult r =
        run(
            files(),
            versions(
                "--region",
                "us-east-1",
                "--profile",
                "hang",
                "--attempt-timeout",
                "1s",
                "--call-timeout",
                "2s"));
    java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("No AWS credentials within 2 s");
    assertThat(took).as(CUT).isLessThan(java.time.Duration.ofSeconds(15));
    assertThat(server.requests()).isEmpty();
    // The SDK leaves the process running: end it here.
    ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
        .ifPresent(ProcessHandle::destroy);
  }

  @Test
  void aMissingProfileIsAUsageErrorNamingItAndTheFilesBeforeAnyCall() {
    CliResult r = run(files(), versions("--region", "us-east-1", "--profile", "stagign"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .contains("profile 'stagign' (--profile) does not exist")
        .contains(config + " (AWS_CONFIG_FILE)")
        .contains(credentials + " (AWS_SHARED_CREDENTIALS_FILE)")
        .doesNotContainIgnoringCase("credentials provider")
        .doesNotContainIgnoringCase("no AWS credentials");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aMissingProfileBesideKeysInTheEnvironmentStillSaysTheProfileDoesNotExist() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.resolve("nobody").toString());
    env.put("AWS_ACCESS_KEY_ID", "AKIDPRODUCTION");
    env.put("AWS_SECRET_ACCESS_KEY", "production-secret");
    CliResult r = run(env, versions("--region", "us-east-1", "--profile", "prod"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .hasLineCount(1)
        .contains("profile 'prod' (--profile) does not exist: it is in neither ")
        .contains(dir.resolve("nobody/.aws/config") + " (no such file)")
        .contains(dir.resolve("nobody/.aws/credentials") + " (no such file)")
        .doesNotContainIgnoringCase("no AWS credentials");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aMissingProfileWithNoFilesAtAllSaysSo() {
    Map<String, String> env = Map.of("HOME", dir.resolve("nobody").toString());
    CliResult r = run(env, versions("--region", "us-east-1", "--profile", "staging"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains(dir.resolve("nobody/.aws/config").toString() + " (no such file)")
        .contains(dir.resolve("nobody/.aws/credentials").toString() + " (no such file)");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aMissingAwsProfileIsAUsageErrorToo() {
    Map<String, String> env = files();
    env.put("AWS_PROFILE", "nosuch");
    CliResult r = run(env, versions("--region", "us-east-1"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'nosuch'").contains("AWS_PROFILE");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aConfigFileGivenWithATildeIsFoundInHome() throws Exception {
    Files.createDirectories(dir.resolve("home"));
    Files.copy(credentials, dir.resolve("home/creds"));
    Map<String, String> env =
        Map.of("HOME", dir.resolve("home").toString(), "AWS_SHARED_CREDENTIALS_FILE", "~/creds");
    CliResult r = run(env, versions("--region", "us-east-1", "--profile", "staging"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(onlyRequest().accessKeyId()).isEqualTo("AKIDSTAGING");
  }

  /** The sandbox verifies the SigV4 signature for real against the staging key pair. */
  @Test
  void theSandboxAcceptsTheProfilesSignatureAndRefusesAWrongSecret() throws Exception {
    try (Sandbox sandbox =
        Sandbox.builder()
            .seed(Path.of("src/test/resources/seeds/basic.json"))
            .credentials("AKIDSTAGING", "staging-secret")
            .start()) {
      String[] args = {
        "versions",
        "--domain",
        "acme",
        "--repository",
        "releases",
        "--region",
        "us-east-1",
        "--endpoint-url",
        sandbox.endpoint().toString(),
        "--profile",
        "staging"
      };
      CliResult ok = run(files(), args);
      assertThat(ok.exitCode()).as(ok.toString()).isEqualTo(ExitCodes.OK);
      assertThat(ok.out()).isNotBlank();

      args[args.length - 1] = "wrongsecret";
      CliResult refused = run(files(), args);
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.RUNTIME);
      assertThat(refused.err()).contains("credentials");
    }
  }

  // ---- the environment's keys: caprune in a child process with exactly this environment ----

  @Test
  void anExplicitProfileBeatsTheEnvironmentsKeys() throws Exception {
    Map<String, String> env = files();
    env.put("AWS_ACCESS_KEY_ID", "AKIDPRODUCTION");
    env.put("AWS_SECRET_ACCESS_KEY", "production-secret");
    CliResult r = child(env, versions("--region", "us-east-1", "--profile", "staging"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(onlyRequest().accessKeyId()).isEqualTo("AKIDSTAGING");
  }

  @Test
  void theEnvironmentsKeysBeatAwsProfile() throws Exception {
    Map<String, String> env = files();
    env.put("AWS_ACCESS_KEY_ID", "AKIDPRODUCTION");
    env.put("AWS_SECRET_ACCESS_KEY", "production-secret");
    env.put("AWS_PROFILE", "staging");
    CliResult r = child(env, versions("--region", "us-east-1"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(onlyRequest().accessKeyId()).isEqualTo("AKIDPRODUCTION");
  }

  @Test
  void awsProfileSignsWithoutEnvironmentKeysAndGivesItsRegion() throws Exception {
    Map<String, String> env = files();
    env.put("AWS_PROFILE", "europe");
    CliResult r = child(env, versions());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    HostileServer.Request req = onlyRequest();
    assertThat(req.accessKeyId()).isEqualTo("AKIDEUROPE");
    assertThat(req.header("authorization")).contains("/eu-west-3/codeartifact/");
  }

  @Test
  void anExplicitProfileGivesItsRegionAndBeatsAwsProfile() throws Exception {
    Map<String, String> env = files();
    env.put("AWS_PROFILE", "staging");
    CliResult r = child(env, versions("--profile", "europe"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    HostileServer.Request req = onlyRequest();
    assertThat(req.accessKeyId()).isEqualTo("AKIDEUROPE");
    assertThat(req.header("authorization")).contains("/eu-west-3/codeartifact/");
  }

  @Test
  void aMissingProfileInAChildProcessIsExit2WithNoCall() throws Exception {
    Map<String, String> env = files();
    env.put("AWS_ACCESS_KEY_ID", "AKIDPRODUCTION");
    env.put("AWS_SECRET_ACCESS_KEY", "production-secret");
    CliResult r = child(env, versions("--region", "us-east-1", "--profile", "stagign"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'stagign'");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void awsDefaultRegionAloneGivesTheRegionAsInTheAwsCli() throws Exception {
    Map<String, String> env = files();
    env.put("AWS_PROFILE", "inconfig"); // a profile with no region
    env.put("AWS_DEFAULT_REGION", "eu-west-1");
    CliResult r = child(env, versions());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(onlyRequest().header("authorization")).contains("/eu-west-1/codeartifact/");
  }

  @Test
  void awsDefaultRegionBeatsTheProfilesRegionAndIsReadFromTheRunsEnvironment() {
    Map<String, String> env = files();
    env.put("AWS_ACCESS_KEY_ID", "AKIDPRODUCTION");
    env.put("AWS_SECRET_ACCESS_KEY", "production-secret");
    env.put("AWS_DEFAULT_REGION", "ap-south-1"); // the default profile says us-east-1
    CliResult r = run(env, versions());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(onlyRequest().header("authorization")).contains("/ap-south-1/codeartifact/");
  }

  @Test
  void awsRegionBeatsAwsDefaultRegion() {
    Map<String, String> env = files();
    env.put("AWS_ACCESS_KEY_ID", "AKIDPRODUCTION");
    env.put("AWS_SECRET_ACCESS_KEY", "production-secret");
    env.put("AWS_REGION", "eu-central-1");
    env.put("AWS_DEFAULT_REGION", "ap-south-1");
    CliResult r = run(env, versions());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(onlyRequest().header("authorization")).contains("/eu-central-1/codeartifact/");
  }

  @Test
  void noRegionAnywhereNamesBothVariablesAndMakesNoCall() throws Exception {
    Map<String, String> env = files();
    env.put("AWS_PROFILE", "inconfig"); // a profile with no region
    CliResult r = child(env, versions());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo(
            "caprune: no AWS region: pass --region, set AWS_REGION or AWS_DEFAULT_REGION, or set"
                + " a region in your AWS profile");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aMalformedRegionFromTheEnvironmentIsExit2WithNoCall() throws Exception {
    Map<String, String> env = files();
    env.put("AWS_ACCESS_KEY_ID", "AKIDPRODUCTION");
    env.put("AWS_SECRET_ACCESS_KEY", "production-secret");
    env.put("AWS_REGION", "us east 1");
    CliResult r = child(env, versions());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'us east 1'").contains("not a region name");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
    assertThat(server.requests()).isEmpty();
  }

  /** {@code java dev.caprune.cli.Caprune args} with no AWS variable but those of {@code env}. */
  private CliResult child(Map<String, String> env, String... args) throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add("dev.caprune.cli.Caprune");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().putAll(env);
    File out = dir.resolve("child.out").toFile();
    File err = dir.resolve("child.err").toFile();
    pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("caprune did not end within 60 s");
    }
    return new CliResult(
        p.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}
