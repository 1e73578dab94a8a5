package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy's targets are checked together before any call: two spellings of one repository are one
 * repository, a target's local set-up mistake stops the whole run before any target calls, and
 * {@code --save-plan} treats targets as independently as a run does. Two sandboxes stand for two
 * accounts ({@link PolicyRunTest#SEED}).
 */
class PolicyTargetsTest {
  @TempDir Path dir;
  SandboxHarness a;
  Sandbox b;

  @BeforeEach
  void start() throws Exception {
    a =
        new SandboxHarness(
            Sandbox.builder().seedJson(PolicyRunTest.SEED.formatted("111111111111")).start());
    b = Sandbox.builder().seedJson(PolicyRunTest.SEED.formatted("222222222222")).start();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
  }

  private Path policy(String targets) throws Exception {
    Path file = dir.resolve("retention.yaml");
    Files.writeString(
        file,
        "version: 1\ntargets:\n"
            + targets
            + "rules:\n  - {name: old, action: archive, olderThan: 10d}\n");
    return file;
  }

  private long calls(Sandbox s) {
    return s.calls().values().stream().mapToLong(Long::longValue).sum();
  }

  private void assertRefusedBeforeAnyWrite(CliResult r, Map<String, String> beforeA)
      throws Exception {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).as(r.toString()).isEmpty();
    assertThat(r.err().strip()).as(r.toString()).doesNotContain("\n");
    assertThat(a.writeCalls()).isZero();
    assertThat(PolicyRunTest.state(a.sandbox)).isEqualTo(beforeA);
  }

  // ---- 6. one repository, two spellings ---------------------------------------------------

  @Test
  void anEndpointWithATrailingSlashIsTheSameEndpoint() throws Exception {
    String u = a.sandbox.endpoint().toString().replaceAll("/+$", "");
    Path file =
        policy(
            "  - {name: one, domain: acme, endpointUrl: '"
                + u
                + "', repositories: [releases]}\n"
                + "  - {name: two, domain: acme, endpointUrl: '"
                + u
                + "/', repositories: ['*']}\n");
    Map<String, String> before = PolicyRunTest.state(a.sandbox);
    CliResult r = a.runRaw("policy", "run", file.toString(), "--yes");
    assertRefusedBeforeAnyWrite(r, before);
    assertThat(a.totalCalls()).isZero();
    assertThat(r.err())
        .startsWith("caprune: " + file + ":4:")
        .contains("targets 'one' and 'two' both name acme/releases")
        .contains("one at " + file + ":3:5")
        .contains("two at " + file + ":4:5");
  }

  @Test
  void oneExplicitEndpointWithTwoRegionsIsOneServer() throws Exception {
    String u = a.sandbox.endpoint().toString();
    Path file =
        policy(
            "  - {name: one, domain: acme, region: us-east-1, endpointUrl: '"
                + u
                + "', repositories: [releases]}\n"
                + "  - {name: two, domain: acme, region: eu-west-1, endpointUrl: '"
                + u
                + "', repositories: [releases]}\n");
    Map<String, String> before = PolicyRunTest.state(a.sandbox);
    CliResult r = a.runRaw("policy", "run", file.toString(), "--yes");
    assertRefusedBeforeAnyWrite(r, before);
    assertThat(a.totalCalls()).isZero();
    assertThat(r.err()).contains("targets 'one' and 'two' both name acme/releases");
    CliResult check = a.runRaw("policy", "check", file.toString());
    assertThat(check.exitCode()).as(check.toString()).isEqualTo(2);
  }

  @Test
  void aDomainOwnerOnOneTargetOnlyIsResolvedBeforeAnyWrite() throws Exception {
    String u = a.sandbox.endpoint().toString();
    Path file =
        policy(
            "  - {name: one, domain: acme, domainOwner: '111111111111', endpointUrl: '"
                + u
                + "', repositories: [releases]}\n"
                + "  - {name: two, domain: acme, endpointUrl: '"
                + u
                + "', repositories: [releases, snapshots]}\n");
    Map<String, String> before = PolicyRunTest.state(a.sandbox);
    CliResult r = a.runRaw("policy", "run", file.toString(), "--yes");
    assertRefusedBeforeAnyWrite(r, before);
    assertThat(r.err())
        .startsWith("caprune: " + file + ":4:")
        .contains("targets 'one' and 'two' both name acme/releases in account 111111111111");
  }

  /** More of the config file (profiles routed nowhere). */
  private String extraConfig = "";

  /** Profiles routed to sandboxes: the same endpoint as far as the file tells (none given). */
  private CliResult runWithProfiles(Map<String, Sandbox> byProfile, String... args)
      throws Exception {
    Path config = dir.resolve("config");
    StringBuilder text = new StringBuilder();
    for (String p : byProfile.keySet()) {
      text.append("[profile ")
          .append(p)
          .append("]\nregion = us-east-1\naws_access_key_id = AKIDSANDBOX\n")
          .append("aws_secret_access_key = sandbox-secret\n\n");
    }
    Files.writeString(config, text + extraConfig);
    Map<String, String> env =
        Map.of(
            "AWS_CONFIG_FILE",
            config.toString(),
            "AWS_SHARED_CREDENTIALS_FILE",
            dir.resolve("none").toString(),
            "HOME",
            dir.toString());
    CliContext context =
        a.context()
            .withGateways(
                (settings, guard) -> {
                  Sandbox to = byProfile.get(settings.profile());
                  AwsSettings routed =
                      to == null
                          ? settings
                          : new AwsSettings(
                              settings.region(),
                              settings.profile(),
                              to.endpoint(),
                              settings.maxAttempts(),
                              settings.attemptTimeout(),
                              settings.callTimeout());
                  return SdkGateways.open(routed, env, guard);
                });
    context = new CliContext(context.clock(), context.gateways(), context.terminal(), env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Caprune.run(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliResult(code, out.toString(), err.toString());
  }

  private static final String TWO_PROFILES =
      "  - {name: one, domain: acme, profile: alpha, repositories: [releases]}\n"
          + "  - {name: two, domain: acme, profile: beta, repositories: [releases]}\n";

  @Test
  void twoProfilesOfTwoAccountsOnOneDomainNameStillRun() throws Exception {
    Path file = policy(TWO_PROFILES);
    CliResult r =
        runWithProfiles(
            Map.of("alpha", a.sandbox, "beta", b), "policy", "run", file.toString(), "--yes");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(a.writeCalls()).isPositive();
    assertThat(b.calls("UpdatePackageVersionsStatus")).isPositive();
  }

  @Test
  void twoProfilesOfOneAccountOnOneDomainAreRefusedBeforeAnyWrite() throws Exception {
    Path file = policy(TWO_PROFILES);
    Map<String, String> before = PolicyRunTest.state(a.sandbox);
    CliResult r =
        runWithProfiles(
            Map.of("alpha", a.sandbox, "beta", a.sandbox),
            "policy",
            "run",
            file.toString(),
            "--yes");
    assertRefusedBeforeAnyWrite(r, before);
    assertThat(r.err())
        .contains("targets 'one' and 'two' both name acme/releases in account 111111111111");
  }

  // ---- 7. a target's local set-up, checked for every target before any call ---------------

  @Test
  void aTargetsMissingProfileStopsEveryTargetBeforeAnyCall() throws Exception {
    Path file =
        policy(
            "  - {name: one, domain: acme, profile: alpha, repositories: [releases]}\n"
                + "  - name: two\n    domain: acme\n    profile: nosuch\n"
                + "    repositories: [releases]\n");
    CliResult r =
        runWithProfiles(
            Map.of("alpha", a.sandbox, "beta", b), "policy", "run", file.toString(), "--yes");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().strip())
        .as(r.toString())
        .startsWith("caprune: " + file + ":6:14: targets[1].profile: no profile 'nosuch' in " + dir)
        .doesNotContain("--profile")
        .doesNotContain("\n");
    assertThat(a.totalCalls()).isZero();
    assertThat(calls(b)).isZero();
  }

  @Test
  void aTargetsProfileWithoutCredentialsStopsEveryTargetBeforeAnyCall() throws Exception {
    Path file =
        policy(
            "  - {name: one, domain: acme, profile: alpha, repositories: [releases]}\n"
                + "  - {name: two, domain: acme, profile: empty, repositories: [snapshots]}\n");
    extraConfig = "[profile empty]\nregion = us-east-1\n";
    CliResult r =
        runWithProfiles(Map.of("alpha", a.sandbox), "policy", "run", file.toString(), "--yes");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().strip())
        .as(r.toString())
        .startsWith("caprune: " + file + ":4:40: ")
        .contains("targets[1].profile: profile 'empty' names no credentials");
    assertThat(a.totalCalls()).isZero();
  }

  // ---- 8 and 10. --save-plan: independent targets, one JSON document ----------------------

  @Test
  void aFailingTargetListedFirstDoesNotStopTheOthersPlan() throws Exception {
    Path file =
        policy(
            "  - {name: down, domain: acme, endpointUrl: 'http://127.0.0.1:9',"
                + " repositories: [releases]}\n"
                + "  - {name: up, domain: acme, endpointUrl: '"
                + a.sandbox.endpoint()
                + "', repositories: [releases]}\n");
    Path plan = dir.resolve("plan.json");
    CliResult r =
        a.runRaw(
            "policy",
            "run",
            file.toString(),
            "--save-plan",
            plan.toString(),
            "--max-attempts",
            "1",
            "-o",
            "json");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(Files.exists(dir.resolve("plan.up.json"))).isTrue();
    assertThat(Files.exists(dir.resolve("plan.down.json"))).isFalse();
    assertThat(r.err()).contains("target down failed").contains("plan.up.json");
    JsonNode doc = PolicyRunTest.JSON.readTree(r.out());
    assertThat(doc.path("plans")).hasSize(2);
    assertThat(doc.path("plans").get(0).path("target").asText()).isEqualTo("down");
    assertThat(doc.path("plans").get(0).path("error").asText()).isNotEmpty();
    assertThat(doc.path("plans").get(1).path("file").asText())
        .isEqualTo(dir.resolve("plan.up.json").toString());
    assertThat(doc.path("plans").get(1).path("plan").path("target").asText()).isEqualTo("up");
    assertThat(a.writeCalls()).isZero();
  }

  @Test
  void saveplanWithJsonWritesOneDocumentWhateverTheNumberOfTargets() throws Exception {
    Path file =
        policy(
            "  - {name: one, domain: acme, endpointUrl: '"
                + a.sandbox.endpoint()
                + "', repositories: [releases]}\n"
                + "  - {name: two, domain: acme, endpointUrl: '"
                + b.endpoint()
                + "', repositories: [releases]}\n");
    Path plan = dir.resolve("plan.json");
    CliResult r =
        a.runRaw("policy", "run", file.toString(), "--save-plan", plan.toString(), "-o", "json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    // One document: the parser reads it whole, and nothing follows it.
    com.fasterxml.jackson.core.JsonParser p = PolicyRunTest.JSON.createParser(r.out());
    JsonNode doc = PolicyRunTest.JSON.readTree(p);
    assertThat(p.nextToken()).isNull();
    assertThat(doc.path("plans")).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode entry = doc.path("plans").get(i);
      assertThat(entry.path("target").asText()).isEqualTo(i == 0 ? "one" : "two");
      JsonNode saved =
          PolicyRunTest.JSON.readTree(Files.readString(Path.of(entry.path("file").asText())));
      assertThat(entry.path("plan")).isEqualTo(saved);
    }
  }
}
