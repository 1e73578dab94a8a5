package dev.caprune.codeartifact;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.CodeartifactClientBuilder;

/** Builds the AWS SDK clients behind {@link SdkGateway} from caprune's {@link AwsSettings}. */
public final class SdkGateways {
  private SdkGateways() {}

  /**
   * Two clients share one HTTP client: reads retry throttling, 5xx and transport errors inside the
   * SDK (adaptive mode); writes are never retried by the SDK, because a write whose answer was lost
   * may already have taken effect. The executor decides what to do with those.
   */
  public static CodeArtifactGateway open(AwsSettings settings) {
    var http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
    RetryStrategy reads =
        AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
            .maxAttempts(Math.max(1, settings.maxAttempts()))
            .build();
    try {
      CodeartifactClient readClient = build(settings, http, reads);
      CodeartifactClient writeClient = build(settings, http, AwsRetryStrategy.doNotRetry());
      return new SdkGateway(readClient, writeClient, http);
    } catch (SdkClientException e) {
      http.close();
      throw SdkGateway.translate(e, "connecting to CodeArtifact");
    }
  }

  private static CodeartifactClient build(
      AwsSettings settings,
      software.amazon.awssdk.http.SdkHttpClient http,
      RetryStrategy retryStrategy) {
    CodeartifactClientBuilder b =
        CodeartifactClient.builder()
            .httpClient(http)
            .overrideConfiguration(
                o -> {
                  o.retryStrategy(retryStrategy);
                  if (settings.profile() != null) {
                    o.defaultProfileName(settings.profile());
                  }
                });
    if (settings.profile() != null) {
      b.credentialsProvider(
          DefaultCredentialsProvider.builder().profileName(settings.profile()).build());
    }
    if (settings.region() != null) {
      b.region(Region.of(settings.region()));
    }
    if (settings.endpoint() != null) {
      b.endpointOverride(settings.endpoint());
    }
    return b.build();
  }
}
