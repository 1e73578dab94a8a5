package dev.caprune.codeartifact;

import dev.caprune.select.Role;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials of a role assumed through STS from the base credentials (the profile's or the
 * default chain's): the SDK's {@link StsAssumeRoleCredentialsProvider}, which assumes it again
 * before each session expires, so a long run never signs with an expired key. STS is called at
 * {@code AWS_ENDPOINT_URL_STS} when set, else at the CodeArtifact endpoint given ({@code
 * --endpoint-url}, a target's {@code endpointUrl}: the sandbox serves both), else at AWS's STS in
 * the run's region. A refusal is one line naming the role ({@link #REFUSED}).
 */
final class AssumedRole implements AwsCredentialsProvider, SdkAutoCloseable {
  /** The message start {@link SdkGateway#translate} recognizes: STS refused the role. */
  static final String REFUSED = "cannot assume role ";

  private final StsAssumeRoleCredentialsProvider provider;
  private final StsClient sts;
  private final SdkHttpClient http;
  private final String arn;
  private volatile boolean closed;

  private AssumedRole(
      StsAssumeRoleCredentialsProvider provider, StsClient sts, SdkHttpClient http, String arn) {
    this.provider = provider;
    this.sts = sts;
    this.http = http;
    this.arn = arn;
  }

  /**
   * Stops renewing and closes the STS client and its HTTP client (given to the STS client, so not
   * closed by it). Called when the gateway closes; closing twice is harmless.
   */
  @Override
  public void close() {
    closed = true;
    provider.close();
    sts.close();
    http.close();
  }

  /** The profile's credentials, or the role's assumed from them when settings name one. */
  static AwsCredentialsProvider over(
      AwsProfiles profiles, AwsSettings settings, Map<String, String> env) {
    AwsCredentialsProvider base = profiles.credentials();
    Role role = settings.role();
    if (role == null) {
      return base;
    }
    URI endpoint = stsEndpoint(settings, env);
    SdkHttpClient http = SdkGateways.httpClient(endpoint);
    StsClientBuilder b =
        StsClient.builder()
            .httpClient(http)
            .credentialsProvider(base)
            .overrideConfiguration(
                o ->
                    o.defaultProfileFileSupplier(profiles.file())
                        .defaultProfileName(profiles.profileName()));
    String region = settings.region() != null ? settings.region() : Regions.fromEnvironment(env);
    if (region != null) {
      b.region(Region.of(region));
    }
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    StsClient sts = b.build();
    String session = role.sessionNameOr(System.getProperty("user.name"));
    StsAssumeRoleCredentialsProvider provider =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .refreshRequest(
                r -> {
                  r.roleArn(role.arn()).roleSessionName(session);
                  if (role.externalId() != null) {
                    r.externalId(role.externalId());
                  }
                  if (role.durationSeconds() != null) {
                    r.durationSeconds(role.durationSeconds());
                  }
                })
            .build();
    return new AssumedRole(provider, sts, http, role.arn());
  }

  /** {@code AWS_ENDPOINT_URL_STS}, else the CodeArtifact endpoint given, else null (AWS's). */
  static URI stsEndpoint(AwsSettings settings, Map<String, String> env) {
    String configured = env.get("AWS_ENDPOINT_URL_STS");
    if (configured != null && !configured.isBlank()) {
      try {
        return URI.create(configured.strip());
      } catch (IllegalArgumentException e) {
        throw new GatewayException(
            GatewayException.Kind.CONFIGURATION,
            "AWS_ENDPOINT_URL_STS '" + configured + "' is not a URL",
            e);
      }
    }
    return settings.endpoint();
  }

  @Override
  public AwsCredentials resolveCredentials() {
    if (closed) {
      throw new IllegalStateException("the session of role " + arn + " was closed with its run");
    }
    try {
      return provider.resolveCredentials();
    } catch (StsException e) {
      String message =
          e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
              ? e.awsErrorDetails().errorMessage()
              : e.getMessage();
      String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
      throw new Refused(
          REFUSED + arn + ": " + (code == null ? "" : code + ": ") + message, e, e.statusCode());
    }
  }

  /** STS's refusal, with its HTTP status: 403 is access denied, 400 a bad request. */
  static final class Refused extends SdkClientException {
    private static final long serialVersionUID = 1L;
    final int status;

    Refused(String message, SdkServiceException cause, int status) {
      super(SdkClientException.builder().message(message).cause(cause));
      this.status = status;
    }
  }
}
