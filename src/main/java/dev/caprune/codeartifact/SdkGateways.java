package dev.caprune.codeartifact;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.CodeartifactClientBuilder;

/** Builds the AWS SDK clients behind {@link SdkGateway} from caprune's {@link AwsSettings}. */
public final class SdkGateways {
  private SdkGateways() {}

  /**
   * The SDK never retries: a write whose answer was lost may already have taken effect, and
   * throttling is better handled by one adaptive limiter for the whole run. The {@code guard}
   * (caprune's execute layer) owns retries and rate limits.
   */
  public static CodeArtifactGateway open(AwsSettings settings, CallGuard guard) {
    var http = httpClient();
    try {
      return new SdkGateway(build(settings, http), http, guard);
    } catch (SdkClientException e) {
      http.close();
      throw SdkGateway.translate(e, "connecting to CodeArtifact");
    }
  }

  /**
   * Initializes what building the first client needs whatever the settings (the TLS context, the
   * SDK's service and region tables), so that another thread can do it ahead of {@link #open}.
   */
  public static void preload() {
    httpClient().close();
    ServiceMetadata.of(CodeartifactClient.SERVICE_METADATA_ID);
  }

  private static software.amazon.awssdk.http.SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(10))
        .socketTimeout(Duration.ofSeconds(60))
        .tlsTrustManagersProvider(new LazyTrustManagers())
        .build();
  }

  private static CodeartifactClient build(
      AwsSettings settings, software.amazon.awssdk.http.SdkHttpClient http) {
    CodeartifactClientBuilder b =
        CodeartifactClient.builder()
            .httpClient(http)
            .overrideConfiguration(
                o -> {
                  o.retryStrategy(AwsRetryStrategy.doNotRetry());
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
