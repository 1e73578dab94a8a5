package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.sandbox.SelfSigned;
import dev.caprune.testing.CliResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AWS_CA_BUNDLE} and the profile's {@code ca_bundle}, as in the AWS CLI: caprune trusts the
 * certificates of that PEM file over HTTPS, and still checks the server's certificate against them.
 * Driven through the real SDK against a sandbox behind a self-signed certificate.
 */
class CaBundleTest {
  static {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
  }

  @TempDir static Path dir;
  private static SelfSigned certificate;
  private static SelfSigned another;
  private static Sandbox sandbox;

  @BeforeAll
  static void start() throws Exception {
    certificate = SelfSigned.create(Files.createDirectory(dir.resolve("sandbox")));
    another = SelfSigned.create(Files.createDirectory(dir.resolve("another")));
    sandbox =
        Sandbox.builder().tls(certificate).demo(Instant.parse("2025-07-01T00:00:00Z")).start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** No AWS files of the user's: only what each test names. */
  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
    env.put("HOME", dir.toString());
    return env;
  }

  private static CliResult versions(Map<String, String> env) {
    CliContext context =
        new CliContext(
            Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC),
            (settings, guard) -> SdkGateways.open(settings, env, guard),
            CliContext.Terminal.none(),
            env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Caprune.run(
            context,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "versions",
            "--endpoint-url",
            sandbox.endpoint().toString(),
            "--region",
            "us-east-1",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--max-attempts",
            "1",
            "-o",
            "json");
    return new CliResult(code, out.toString(), err.toString());
  }

  @Test
  void trustsTheCertificatesAwsCaBundleNames() {
    Map<String, String> env = env();
    env.put("AWS_CA_BUNDLE", certificate.caPem().toString());
    long before = sandbox.calls("ListPackages");

    CliResult r = versions(env);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString()).contains("\"versions\"").contains("\"domain\" : \"acme\"");
    assertThat(sandbox.calls("ListPackages")).isGreaterThan(before);
  }

  @Test
  void trustsTheProfilesCaBundle() throws Exception {
    Map<String, String> env = env();
    Path config = dir.resolve("config-with-bundle");
    Files.writeString(config, "[default]\nca_bundle = " + certificate.caPem() + "\n");
    env.put("AWS_CONFIG_FILE", config.toString());

    CliResult r = versions(env);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString()).contains("\"versions\"");
  }

  @Test
  void awsCaBundleBeatsTheProfilesCaBundle() throws Exception {
    Map<String, String> env = env();
    Path config = dir.resolve("config-with-other-bundle");
    Files.writeString(config, "[default]\nca_bundle = " + another.caPem() + "\n");
    env.put("AWS_CONFIG_FILE", config.toString());
    env.put("AWS_CA_BUNDLE", certificate.caPem().toString());

    CliResult r = versions(env);

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void aServerWhoseCertificateTheBundleDoesNotHoldIsRefused() {
    Map<String, String> env = env();
    env.put("AWS_CA_BUNDLE", another.caPem().toString());

    CliResult r = versions(env);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    // The other certificate has the same name: the chain is found, its signature does not match.
    assertThat(r.err())
        .as(r.toString())
        .containsAnyOf("Signature does not match", "unable to find valid certification path");
    assertThat(r.out()).as(r.toString()).isEmpty();
  }

  @Test
  void aBundleThatDoesNotExistIsExit2BeforeAnyCall() {
    Map<String, String> env = env();
    env.put("AWS_CA_BUNDLE", dir.resolve("missing.pem").toString());
    Map<String, Long> before = sandbox.calls();

    CliResult r = versions(env);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .as(r.toString())
        .isEqualTo(
            "caprune: the CA bundle "
                + dir.resolve("missing.pem")
                + " (AWS_CA_BUNDLE) does not exist");
    assertThat(sandbox.calls()).isEqualTo(before);
  }

  @Test
  void aBundleWithoutCertificatesIsExit2() throws Exception {
    Map<String, String> env = env();
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
    env.put("AWS_CA_BUNDLE", empty.toString());

    CliResult r = versions(env);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).as(r.toString()).startsWith("caprune: cannot read the CA bundle " + empty);
    assertThat(r.err().strip().lines()).hasSize(1);
  }
}
