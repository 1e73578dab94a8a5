package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --role-arn}: caprune assumes the role through the sandbox's STS with the real SDK, and
 * every CodeArtifact call is signed with the role's session key (the sandbox counts calls by key).
 */
class AssumeRoleTest {
  static final String ROLE = "arn:aws:iam::111122223333:role/caprune";
  static final String GUARDED = "arn:aws:iam::111122223333:role/guarded";
  static final String BASE_KEY = "AKIDSANDBOX"; // SandboxHarness's keys

  SandboxHarness h;

  @BeforeEach
  void start() throws Exception {
    h =
        new SandboxHarness(
            Sandbox.builder()
                .seed(Path.of("src/test/resources/seeds/basic.json"))
                .role(ROLE, null)
                .role(GUARDED, "ticket-42")
                .start());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private CliResult delete(String... extra) {
    String[] base = {"delete", "--domain", "acme", "--repository", "releases", "--format", "npm"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return h.run(all);
  }

  /** The one session key the sandbox issued for {@code role}. */
  private String sessionKey(String role) {
    var keys =
        h.sandbox.sessions().entrySet().stream()
            .filter(e -> e.getValue().equals(role))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(keys).hasSize(1);
    return keys.get(0);
  }

  @Test
  void dryRunCallsCodeArtifactAsTheRole() {
    CliResult r =
        delete("--role-arn", ROLE, "--role-session-name", "nightly", "--dry-run", "-o", "json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\"account\" : \"111122223333\"");
    String key = sessionKey(ROLE);
    assertThat(key).startsWith("ASIA");
    // The base key made the AssumeRole call alone; every CodeArtifact call used the session's.
    assertThat(h.sandbox.callers()).containsEntry(BASE_KEY, 1L);
    assertThat(h.sandbox.callers().get(key))
        .isEqualTo(h.totalCalls() - h.calls("AssumeRole"))
        .isPositive();
    assertThat(h.calls("AssumeRole")).isEqualTo(1);
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void externalIdIsSent() {
    CliResult r = delete("--role-arn", GUARDED, "--external-id", "ticket-42", "--dry-run");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(h.sandbox.callers().get(sessionKey(GUARDED))).isPositive();
  }

  @Test
  void aDeniedRoleIsOneLineExitOneAndNothingWritten() {
    CliResult r = delete("--role-arn", "arn:aws:iam::111122223333:role/admin", "--yes", "--all");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
    assertThat(r.err())
        .contains(
            "cannot assume role arn:aws:iam::111122223333:role/admin: AccessDenied: User:"
                + " arn:aws:iam::111122223333:user/sandbox is not authorized to perform:"
                + " sts:AssumeRole");
    assertThat(h.writeCalls()).isZero();
    assertThat(h.sandbox.sessions()).isEmpty();
    // No CodeArtifact call went out unsigned by the role, nor with the base keys.
    assertThat(h.totalCalls()).isEqualTo(h.calls("AssumeRole"));
  }

  @Test
  void aWrongExternalIdIsDenied() {
    CliResult r = delete("--role-arn", GUARDED, "--external-id", "ticket-41", "--yes", "--all");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).contains("cannot assume role " + GUARDED + ": AccessDenied");
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void anExpiredSessionStopsTheRunBeforeAnyWrite() {
    // Expired after the first listing, before any version is listed.
    h.sandbox.beforeNextCall("ListPackages", h.sandbox::expireSessions);
    CliResult r = delete("--role-arn", ROLE, "--yes", "--all");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("The security token included in the request is expired");
    assertThat(r.err().strip().lines().filter(l -> l.startsWith("caprune:"))).hasSize(1);
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void aBadArnIsExitTwoBeforeAnyCall() {
    CliResult r = delete("--role-arn", "arn:aws:iam::1111:role/x", "--dry-run");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "caprune: --role-arn 'arn:aws:iam::1111:role/x' is not an IAM role ARN, such as"
                + " arn:aws:iam::222233334444:role/caprune\n");
    assertThat(h.totalCalls()).isZero();
    CliResult orphan = delete("--external-id", "x-1", "--dry-run");
    assertThat(orphan.exitCode()).as(orphan.toString()).isEqualTo(2);
    assertThat(orphan.err()).contains("--external-id goes with --role-arn");
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void theSandboxRefusesAMalformedDeclaredRole() {
    CliResult r = h.runRaw("sandbox", "--role", "arn:aws:iam::1:role/x:ext");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--role 'arn:aws:iam::1:role/x' is not an IAM role ARN");
  }

  @Test
  void stsEndpointFromTheEnvironment() throws Exception {
    // AWS_ENDPOINT_URL_STS names a second sandbox: STS is called there, CodeArtifact here.
    try (Sandbox sts = Sandbox.builder().role(ROLE, null).start()) {
      h.withContext(
          new CliContext(
              Clock.fixed(SandboxHarness.NOW, ZoneOffset.UTC),
              (settings, guard) ->
                  SdkGateways.open(
                      settings, Map.of("AWS_ENDPOINT_URL_STS", sts.endpoint().toString()), guard),
              CliContext.Terminal.none(),
              Map.of()));
      CliResult r = delete("--role-arn", ROLE, "--dry-run");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(sts.calls()).containsEntry("AssumeRole", 1L);
      assertThat(h.calls("AssumeRole")).isZero();
      String key = sts.sessions().keySet().iterator().next();
      // A key issued elsewhere is no session here: this sandbox takes it as any key.
      assertThat(h.sandbox.callers()).containsOnlyKeys(key);
    }
  }

  @Test
  void theRoleDurationIsAskedOfSts() {
    CliResult oneHour = delete("--role-arn", ROLE, "--dry-run");
    assertThat(oneHour.exitCode()).as(oneHour.toString()).isZero();
    String first = sessionKey(ROLE);
    CliResult twoHours = delete("--role-arn", ROLE, "--role-duration", "2h", "--dry-run");
    assertThat(twoHours.exitCode()).as(twoHours.toString()).isZero();
    var expiries = h.sandbox.sessionExpiries();
    assertThat(expiries).hasSize(2);
    String second = expiries.keySet().stream().filter(k -> !k.equals(first)).findFirst().get();
    // Both sessions were issued at (almost) the same time: one lasts an hour more than the other.
    long difference =
        java.time.Duration.between(expiries.get(first), expiries.get(second)).toSeconds();
    assertThat(difference).isBetween(3600L - 60, 3600L + 60);
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void aBadRoleDurationIsExitTwoBeforeAnyCall() {
    for (String[] bad :
        new String[][] {
          {"--role-arn", ROLE, "--role-duration", "5m"},
          {"--role-arn", ROLE, "--role-duration", "13h"},
          {"--role-arn", ROLE, "--role-duration", "1d"},
          {"--role-arn", ROLE, "--role-duration", "-900"},
          {"--role-duration", "1h"}
        }) {
      CliResult r =
          delete(
              java.util.stream.Stream.concat(
                      java.util.Arrays.stream(bad), java.util.stream.Stream.of("--yes", "--all"))
                  .toArray(String[]::new));
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
      assertThat(r.err()).contains("--role-duration");
    }
    assertThat(h.totalCalls()).isZero();
    CliResult orphan = delete("--role-duration", "1h", "--dry-run");
    assertThat(orphan.err()).isEqualTo("caprune: --role-duration goes with --role-arn\n");
  }

  @Test
  void thePromptSaysWhichRoleTheRunActsAs() {
    h.withContext(h.context().withTerminal(new CliContext.Terminal(true, () -> "n")));
    CliResult r = delete("--role-arn", ROLE, "--all");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(dev.caprune.run.ExitCodes.REFUSED);
    assertThat(r.err())
        .contains("  account      111122223333\n  as role      " + ROLE + "\n  region")
        .contains("not confirmed; nothing was changed");
    assertThat(h.writeCalls()).isZero();
  }
}
