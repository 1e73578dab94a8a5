package dev.caprune.codeartifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.sandbox.Sandbox;
import dev.caprune.select.Role;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;

/**
 * An assumed role's STS client belongs to the gateway: the CodeArtifact client does not close a
 * credentials provider it was given, so the gateway closes it, and after that the role is assumed
 * no more.
 */
class AssumedRoleCloseTest {
  static final String ROLE = "arn:aws:iam::111122223333:role/caprune";

  static {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
  }

  @Test
  void closingTheGatewayClosesTheRolesStsClient() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().role(ROLE, null).start()) {
      AwsSettings settings =
          new AwsSettings(
              "us-east-1",
              null,
              sandbox.endpoint(),
              1,
              Duration.ofSeconds(5),
              Duration.ofSeconds(10),
              new Role(ROLE, null, "close-test", null));
      Map<String, String> env = Map.of();
      var http = SdkGateways.httpClient(sandbox.endpoint());
      CodeartifactClient client =
          SdkGateways.build(settings, AwsProfiles.resolve(null, env), env, http);
      // The provider the gateway's close() looks for is the one the client was built with.
      var provider = client.serviceClientConfiguration().credentialsProvider();
      assertThat(provider).isInstanceOf(BoundedCredentials.class);
      var bounded = (BoundedCredentials) provider;
      assertThat(bounded.resolveCredentials().accessKeyId()).startsWith("ASIA");
      assertThat(sandbox.calls()).containsEntry("AssumeRole", 1L);

      new SdkGateway(client, http, null, settings).close();

      // Closed: the role gives no credentials, cached or new, and STS is not called again.
      assertThatThrownBy(() -> bounded.delegate().resolveCredentials())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      assertThat(sandbox.calls()).containsEntry("AssumeRole", 1L);
    }
  }
}
