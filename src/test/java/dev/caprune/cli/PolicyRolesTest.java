package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy over two accounts, each target with its {@code roleArn}: each target's calls are signed
 * with its own role's session key (the sandbox refuses a session key on another account's domain,
 * and counts calls by key).
 */
class PolicyRolesTest {
  static final String PROD_ROLE = "arn:aws:iam::111122223333:role/cleanup";
  static final String STAGING_ROLE = "arn:aws:iam::444455556666:role/cleanup";
  static final String SEED =
      """
      {"domains": [
        {"name": "acme", "owner": "111122223333", "repositories": [{"name": "releases",
          "packages": [{"format": "npm", "name": "app", "versions": [
            {"version": "1.0.0"}, {"version": "2.0.0"}]}]}]},
        {"name": "acme-staging", "owner": "444455556666", "repositories": [{"name": "releases",
          "packages": [{"format": "npm", "name": "app", "versions": [
            {"version": "1.0.0"}, {"version": "2.0.0"}, {"version": "3.0.0"}]}]}]}]}
      """;

  @TempDir Path dir;
  SandboxHarness h;

  @BeforeEach
  void start() throws Exception {
    h =
        new SandboxHarness(
            Sandbox.builder()
                .seedJson(SEED)
                .role(PROD_ROLE, "prod-ext")
                .role(STAGING_ROLE, null)
                .start());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private Path policy(String prodRole, String extra) throws Exception {
    Path file = dir.resolve("retention.yaml");
    Files.writeString(
        file,
        """
        version: 1
        targets:
          - name: prod
            domain: acme
            repositories: [releases]
            roleArn: "%s"
            externalId: prod-ext
            sessionName: nightly-prod%s
          - name: staging
            domain: acme-staging
            repositories: [releases]
            roleArn: "%s"
            durationSeconds: 900
        rules:
          - name: old
            action: delete
            version: ["1.*"]
        """
            .formatted(prodRole, extra, STAGING_ROLE));
    return file;
  }

  private String key(String role) {
    var keys =
        h.sandbox.sessions().entrySet().stream()
            .filter(e -> e.getValue().equals(role))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(keys).hasSize(1);
    return keys.get(0);
  }

  @Test
  void eachTargetCallsAsItsOwnRole() throws Exception {
    Path file = policy(PROD_ROLE, "");
    CliResult r = h.run("policy", "run", file.toString(), "--yes", "-o", "json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String prod = key(PROD_ROLE);
    String staging = key(STAGING_ROLE);
    assertThat(prod).isNotEqualTo(staging);
    Map<String, Long> callers = h.sandbox.callers();
    // The base keys assumed the two roles, and made no other call.
    assertThat(callers).containsEntry("AKIDSANDBOX", 2L);
    assertThat(callers.get(prod) + callers.get(staging))
        .isEqualTo(h.totalCalls() - h.calls("AssumeRole"));
    assertThat(callers.get(prod)).isPositive();
    assertThat(callers.get(staging)).isPositive();
    // Each account's 1.0.0 is gone: the writes went through, each with its own role.
    assertThat(h.calls("DeletePackageVersions")).isEqualTo(2);
    assertThat(h.sandbox.stateJson()).doesNotContain("\"1.0.0\"").contains("\"3.0.0\"");
  }

  @Test
  void aDryRunShowsEachAccount() throws Exception {
    CliResult r = h.run("policy", "run", policy(PROD_ROLE, "").toString(), "--dry-run");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(h.writeCalls()).isZero();
    assertThat(h.sandbox.sessions()).hasSize(2);
  }

  @Test
  void aDeniedRoleFailsItsTargetAlone() throws Exception {
    Path file = policy("arn:aws:iam::111122223333:role/nobody", "");
    CliResult r = h.run("policy", "run", file.toString(), "--yes");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err().lines().filter(l -> l.contains("cannot assume role")))
        .as(r.toString())
        .hasSize(1);
    assertThat(r.err()).contains("arn:aws:iam::111122223333:role/nobody: AccessDenied");
    // Nothing was written in prod; staging, another account, went on.
    assertThat(h.sandbox.stateJson()).contains("\"acme\"");
    assertThat(h.sandbox.sessions()).containsOnlyKeys(key(STAGING_ROLE));
  }

  @Test
  void aBadRoleArnIsExitTwoNamingTheFieldAndNoCall() throws Exception {
    Path file = policy("arn:aws:iam::111122223333:user/cleanup", "");
    CliResult r = h.run("policy", "run", file.toString(), "--yes");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .matches(
            "caprune: .*retention.yaml:6:14: targets\\[0\\].roleArn: 'arn:aws:iam::111122223333:user/cleanup'"
                + " is not an IAM role ARN, such as arn:aws:iam::222233334444:role/caprune\\n");
    assertThat(h.totalCalls()).isZero();
    CliResult check = h.runRaw("policy", "check", file.toString());
    assertThat(check.exitCode()).isEqualTo(2);
  }

  @Test
  void roleArnOnTheCommandLineServesTargetsWithoutOne() throws Exception {
    Path file = dir.resolve("one.yaml");
    Files.writeString(
        file,
        """
        version: 1
        targets:
          - name: staging
            domain: acme-staging
            repositories: [releases]
        rules:
          - name: old
            action: delete
            version: ["1.*"]
        """);
    CliResult r = h.run("policy", "run", file.toString(), "--dry-run", "--role-arn", STAGING_ROLE);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String key = key(STAGING_ROLE);
    assertThat(h.sandbox.callers().get(key))
        .isEqualTo(h.totalCalls() - h.calls("AssumeRole"))
        .isPositive();
  }

  @Test
  void roleKeysNeedARoleArn() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file,
        """
        version: 1
        targets:
          - name: prod
            domain: acme
            repositories: [releases]
            externalId: prod-ext
        rules:
          - name: old
            action: delete
            version: ["1.*"]
        """);
    CliResult r = h.runRaw("policy", "check", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("targets[0].externalId: goes with roleArn");
  }
}
