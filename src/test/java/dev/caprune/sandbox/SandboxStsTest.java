package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.CodeartifactException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** The sandbox's STS, through the real SDK: roles assumed, refused, and their keys attributed. */
class SandboxStsTest {
  static final String CLEANUP = "arn:aws:iam::444455556666:role/cleanup";
  static final String ACME_ROLE = "arn:aws:iam::111122223333:role/ops/caprune";

  Sandbox sandbox;
  StsClient sts;

  @BeforeEach
  void start() throws Exception {
    sandbox = Fixtures.seeded().role(CLEANUP, "ext-1").role(ACME_ROLE, null).start();
    sts =
        StsClient.builder()
            .endpointOverride(sandbox.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBASE", "x")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
  }

  @AfterEach
  void stop() {
    sts.close();
    sandbox.close();
  }

  private Credentials assume(String arn, String externalId) {
    AssumeRoleResponse r =
        sts.assumeRole(b -> b.roleArn(arn).roleSessionName("caprune-test").externalId(externalId));
    return r.credentials();
  }

  private CodeartifactClient as(Credentials c) {
    return CodeartifactClient.builder()
        .endpointOverride(sandbox.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create(
                    c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void assumesADeclaredRoleAndSignsAsItsAccount() {
    var r = sts.assumeRole(b -> b.roleArn(CLEANUP).roleSessionName("nightly").externalId("ext-1"));
    assertThat(r.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::444455556666:assumed-role/cleanup/nightly");
    Credentials c = r.credentials();
    assertThat(c.accessKeyId()).startsWith("ASIA");
    assertThat(c.expiration()).isAfter(java.time.Instant.now().plusSeconds(3000));
    try (CodeartifactClient client = as(c)) {
      // Its own account's domain: answered; another account's: refused.
      assertThat(client.listRepositoriesInDomain(b -> b.domain("other")).repositories()).hasSize(1);
      assertThatThrownBy(() -> client.listRepositoriesInDomain(b -> b.domain("acme")))
          .isInstanceOfSatisfying(
              CodeartifactException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorMessage())
                    .contains("assumed-role/cleanup/nightly is not authorized");
              });
      var identity =
          StsClient.builder()
              .endpointOverride(sandbox.endpoint())
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsSessionCredentials.create(
                          c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
              .httpClient(UrlConnectionHttpClient.create())
              .build();
      assertThat(identity.getCallerIdentity().account()).isEqualTo("444455556666");
      identity.close();
    }
    assertThat(sandbox.callers()).containsEntry(c.accessKeyId(), 3L).containsKey("AKIDBASE");
    assertThat(sandbox.sessions()).containsEntry(c.accessKeyId(), CLEANUP);
    assertThat(sandbox.calls()).containsEntry("AssumeRole", 1L);
  }

  @Test
  void refusesUndeclaredRolesAndWrongExternalIds() {
    assertThatThrownBy(() -> assume("arn:aws:iam::444455556666:role/admin", null))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "User: arn:aws:iam::111122223333:user/sandbox is not authorized to perform:"
                          + " sts:AssumeRole on resource: arn:aws:iam::444455556666:role/admin");
            });
    assertThatThrownBy(() -> assume(CLEANUP, "wrong"))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    assertThatThrownBy(() -> assume(CLEANUP, null))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    // Declared without an external id: none needed.
    assertThat(assume(ACME_ROLE, null).accessKeyId()).startsWith("ASIA");
    assertThat(sandbox.sessions()).hasSize(1);
  }

  @Test
  void rejectsMalformedInput() {
    assertThatThrownBy(() -> assume("arn:aws:iam::4444:role/cleanup-role-x", null))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            });
    assertThatThrownBy(
            () ->
                sts.assumeRole(
                    b -> b.roleArn(ACME_ROLE).roleSessionName("caprune").durationSeconds(60)))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("durationSeconds"));
  }

  @Test
  void expiredAndForgedSessionsAreRefused() {
    Credentials c = assume(ACME_ROLE, null);
    try (CodeartifactClient client = as(c)) {
      assertThat(client.listRepositoriesInDomain(b -> b.domain("acme")).repositories())
          .isNotEmpty();
      sandbox.expireSessions();
      assertThatThrownBy(() -> client.listRepositoriesInDomain(b -> b.domain("acme")))
          .isInstanceOfSatisfying(
              CodeartifactException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
              });
    }
    Credentials other = assume(ACME_ROLE, null);
    Credentials forged = other.toBuilder().secretAccessKey("not-the-secret").build();
    try (CodeartifactClient client = as(forged)) {
      assertThatThrownBy(() -> client.listRepositoriesInDomain(b -> b.domain("acme")))
          .isInstanceOfSatisfying(
              CodeartifactException.class,
              e -> assertThat(e.awsErrorDetails().errorMessage()).contains("signature"));
    }
  }

  @Test
  void statsListCallersAndSessions() throws Exception {
    Credentials c = assume(ACME_ROLE, null);
    String stats = Fixtures.http(sandbox, "GET", "/_sandbox/stats", null).body();
    assertThat(stats)
        .contains("\"callers\"")
        .contains("\"AKIDBASE\" : 1")
        .contains("\"" + c.accessKeyId() + "\" : \"" + ACME_ROLE + "\"");
  }
}
