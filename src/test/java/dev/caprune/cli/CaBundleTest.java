package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.codeartifact.CallGuard;
import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.CodeArtifactGateway.VersionQuery;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.sandbox.SelfSigned;
import dev.caprune.select.Format;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import dev.caprune.testing.CliResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
  private static final RepositoryRef RELEASES = new RepositoryRef("acme", null, "releases");
  private static final PackageId UI_KIT = new PackageId(Format.NPM, "acme", "ui-kit");

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

  private static CliResult versions(Map<String, String> env, String... more) {
    CliContext context =
        new CliContext(
            Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC),
            (settings, guard) -> SdkGateways.open(settings, env, guard),
            CliContext.Terminal.none(),
            env);
    List<String> args =
        new ArrayList<>(
            List.of(
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
                "json"));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Caprune.run(
            context,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            args.toArray(String[]::new));
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
  void aCertificateNoTrustedAuthorityVouchesForIsOneLineThatSaysWhatToDo() {
    // No bundle: the JDK's own authorities, which never signed the sandbox's certificate (as for
    // a corporate proxy that re-signs HTTPS). Refused before anything is sent, and not retried.
    Map<String, String> env = env();
    Map<String, Long> before = sandbox.calls();

    CliResult r = versions(env);

    assertRefusedInOneLine(r);
    assertThat(r.err())
        .as(r.toString())
        .contains("the server's TLS certificate is not trusted")
        .contains("unable to find valid certification path")
        .contains("AWS_CA_BUNDLE or the profile's ca_bundle");
    assertThat(sandbox.calls()).isEqualTo(before);
  }

  /** Exit 1, no output, one line on stderr. */
  private static void assertRefusedInOneLine(CliResult r) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.out()).as(r.toString()).isEmpty();
    assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).as(r.toString()).startsWith("caprune: ");
  }

  @Test
  void writesTheTrustCheckRefusedChangeNothingAndAreReportedForWhatTheyMayHaveDone() {
    AwsSettings settings =
        new AwsSettings(
            "us-east-1",
            null,
            sandbox.endpoint(),
            1,
            Duration.ofSeconds(10),
            Duration.ofSeconds(30));
    Map<String, String> trusting = env();
    trusting.put("AWS_CA_BUNDLE", certificate.caPem().toString());
    List<String> versions;
    try (CodeArtifactGateway trusted = SdkGateways.open(settings, trusting, CallGuard.DIRECT)) {
      versions =
          trusted
              .listVersions(RELEASES, UI_KIT, new VersionQuery(null, null, false))
              .versions()
              .stream()
              .map(VersionSummary::version)
              .toList();
    }
    assertThat(versions).isNotEmpty();
    String state = sandbox.stateJson();

    // The JDK's own authorities: the sandbox's certificate is refused in the handshake.
    try (CodeArtifactGateway untrusted = SdkGateways.open(settings, env(), CallGuard.DIRECT)) {
      assertThatThrownBy(
              () -> untrusted.deleteVersions(RELEASES, UI_KIT, versions, VersionStatus.PUBLISHED))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                // Not UNKNOWN_OUTCOME, as a lost answer would be: nothing was written.
                assertThat(e.kind()).isEqualTo(GatewayException.Kind.UNTRUSTED);
                assertThat(e.getMessage())
                    .contains("the server's TLS certificate is not trusted")
                    .contains("AWS_CA_BUNDLE");
              });
      // A DeletePackage has no body: the JDK may send it twice, and the refused handshake may be
      // the second sending's, so its outcome is unknown (the empty-package step re-checks).
      assertThatThrownBy(() -> untrusted.deletePackage(RELEASES, UI_KIT))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(GatewayException.Kind.UNKNOWN_OUTCOME);
                assertThat(e.getMessage()).contains("the server's TLS certificate is not trusted");
              });
    }
    assertThat(sandbox.calls("DeletePackageVersions")).isZero();
    assertThat(sandbox.calls("DeletePackage")).isZero();
    assertThat(sandbox.stateJson()).isEqualTo(state);
  }

  @Test
  void anUntrustedCredentialsEndpointIsNamedWithWhereItsTrustComesFrom() throws Exception {
    // A role assumed through STS, whose endpoint here is the sandbox: the handshake is refused
    // before any request, as a proxy's certificate would be. Those calls do not use the bundle.
    Map<String, String> env = env();
    env.put("AWS_CA_BUNDLE", certificate.caPem().toString());
    Path config = dir.resolve("config-with-role");
    Files.writeString(
        config,
        "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n"
            + "[profile cleanup]\nrole_arn = arn:aws:iam::111122223333:role/cleanup\n"
            + "source_profile = base\nregion = us-east-1\n");
    env.put("AWS_CONFIG_FILE", config.toString());
    Map<String, Long> before = sandbox.calls();

    CliResult r;
    // The SDK's STS client reads its endpoint from the process, not from caprune's files.
    System.setProperty("aws.endpointUrlSts", sandbox.endpoint().toString());
    try {
      r = versions(env, "--profile", "cleanup");
    } finally {
      System.clearProperty("aws.endpointUrlSts");
    }

    assertRefusedInOneLine(r);
    assertThat(r.err())
        .as(r.toString())
        .contains("the TLS certificate of the credentials endpoint")
        .contains("not AWS_CA_BUNDLE")
        .contains("-Djavax.net.ssl.trustStore");
    assertThat(sandbox.calls()).isEqualTo(before);
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
