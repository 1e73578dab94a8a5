package dev.caprune.codeartifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.CodeartifactClientBuilder;

/** Builds the AWS SDK clients behind {@link SdkGateway} from caprune's {@link AwsSettings}. */
public final class SdkGateways {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

  private SdkGateways() {}

  /**
   * The SDK never retries: a write whose answer was lost may already have taken effect, and
   * throttling is better handled by one adaptive limiter for the whole run. The {@code guard}
   * (caprune's execute layer) owns retries and rate limits.
   */
  public static CodeArtifactGateway open(AwsSettings settings, CallGuard guard) {
    return open(settings, System.getenv(), guard);
  }

  /**
   * As {@link #open(AwsSettings, CallGuard)}, with the AWS variables ({@code AWS_CONFIG_FILE},
   * {@code AWS_PROFILE}, ...) read from {@code env}. A named profile that neither file holds is a
   * CONFIGURATION failure here, before any call.
   */
  public static CodeArtifactGateway open(
      AwsSettings settings, Map<String, String> env, CallGuard guard) {
    SdkGatewayCalls calls = SdkGatewayCalls.get();
    long start = calls == null ? 0 : SdkGatewayCalls.now();
    CodeArtifactGateway gateway = openGateway(settings, env, guard);
    if (calls != null) {
      calls.record(start, "open", "ok", settings.endpoint() == null ? "aws" : settings.endpoint());
    }
    return gateway;
  }

  private static CodeArtifactGateway openGateway(
      AwsSettings settings, Map<String, String> env, CallGuard guard) {
    AwsProfiles profiles = AwsProfiles.resolve(settings.profile(), env);
    profiles.requireNamedProfile();
    URI endpoint = settings.endpoint();
    boolean tls = endpoint == null || "https".equalsIgnoreCase(endpoint.getScheme());
    CaBundle caBundle = tls ? profiles.caBundle() : null;
    if (tls) {
      Preload.tls(caBundle == null); // on a daemon thread, while the client is built
    }
    var http = httpClient(endpoint, caBundle);
    try {
      return new SdkGateway(build(settings, profiles, env, http), http, guard, settings);
    } catch (SdkClientException e) {
      http.close();
      throw SdkGateway.translate(e, "connecting to CodeArtifact");
    }
  }

  /**
   * Why the named {@code profile} cannot give credentials, found in the shared files {@code env}
   * names alone (no call, no process run), or null: no file holds it, it names no source of
   * credentials. The message does not say where the profile was chosen.
   */
  public static String profileProblem(String profile, Map<String, String> env) {
    try {
      return AwsProfiles.resolve(profile, env).localProblem();
    } catch (GatewayException e) {
      return e.getMessage(); // a file that cannot be read
    }
  }

  /**
   * The HTTP client for {@code endpoint} (null: AWS's). A plain-HTTP endpoint on this machine (the
   * sandbox) needs neither TLS nor a proxy, so it gets plain connections and skips the TLS context
   * the SDK's builder always creates (~50 ms of a short run). Every other endpoint gets the SDK's
   * client: TLS with the JDK's trust store, and the proxy from the {@code https.proxyHost}
   * properties or the {@code HTTPS_PROXY}/{@code NO_PROXY} environment.
   */
  static SdkHttpClient httpClient(URI endpoint) {
    return httpClient(endpoint, null);
  }

  /**
   * As {@link #httpClient(URI)}; over TLS, trusting the certificates of {@code caBundle} instead of
   * the JDK's when one is given (null: the JDK's trust store, or {@code javax.net.ssl.trustStore}).
   */
  static SdkHttpClient httpClient(URI endpoint, CaBundle caBundle) {
    if (isLoopbackHttp(endpoint)) {
      return new AbortableHttpClient(
          UrlConnectionHttpClient.create(SdkGateways::loopbackConnection));
    }
    UrlConnectionHttpClient.Builder b =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT);
    if (caBundle != null) {
      b.tlsTrustManagersProvider(caBundle::trustManagers);
      caBundle.makeDefault();
    }
    return new AbortableHttpClient(b.build());
  }

  static boolean isLoopbackHttp(URI endpoint) {
    if (endpoint == null || !"http".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
      return false;
    }
    String host = endpoint.getHost();
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  private static HttpURLConnection loopbackConnection(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      c.setReadTimeout((int) SOCKET_TIMEOUT.toMillis());
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The client for {@code settings}, with the files and variables of the process. */
  static CodeartifactClient build(AwsSettings settings, SdkHttpClient http) {
    Map<String, String> env = System.getenv();
    return build(settings, AwsProfiles.resolve(settings.profile(), env), env, http);
  }

  /**
   * The HTTP timeouts are set per request ({@link SdkGateway}), not here. Resolving credentials is
   * bounded here, by the call timeout. Without {@code --region}, {@code AWS_REGION} and then {@code
   * AWS_DEFAULT_REGION} are read from {@code env}, as the AWS CLI reads them; then the SDK's chain
   * (the profile's region).
   */
  static CodeartifactClient build(
      AwsSettings settings, AwsProfiles profiles, Map<String, String> env, SdkHttpClient http) {
    CodeartifactClientBuilder b =
        CodeartifactClient.builder()
            .httpClient(http)
            .credentialsProvider(
                new BoundedCredentials(
                    AssumedRole.over(profiles, settings, env), settings.callTimeout()))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        // The region and other settings come from the same profile and files.
                        .defaultProfileFileSupplier(profiles.file())
                        .defaultProfileName(profiles.profileName()));
    String region = settings.region() != null ? settings.region() : Regions.fromEnvironment(env);
    if (region != null) {
      b.region(Region.of(region));
    }
    if (settings.endpoint() != null) {
      b.endpointOverride(settings.endpoint());
    }
    CodeartifactClient client = b.build();
    if (settings.region() == null) {
      // --region is checked as it is parsed; one from the environment or a profile is checked here,
      // before any call: a typo must not send calls to a host nobody meant.
      Region resolved = client.serviceClientConfiguration().region();
      if (resolved != null && !REGION_NAME.matcher(resolved.id()).matches()) {
        client.close();
        throw new GatewayException(
            GatewayException.Kind.CONFIGURATION,
            "the region '"
                // Region.of keeps the name URL-encoded ("us%20east%201"): shown as written
                + java.net.URLDecoder.decode(resolved.id(), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceAll("\\p{Cntrl}", "?")
                + "' (from AWS_REGION, AWS_DEFAULT_REGION or the profile) is not a region name,"
                + " e.g. us-east-1",
            null);
      }
    }
    return client;
  }

  /** The shape of every partition's region names (us-east-1, us-gov-west-1, eu-isoe-west-1). */
  private static final java.util.regex.Pattern REGION_NAME =
      java.util.regex.Pattern.compile("[a-z]{2,8}(-[a-z]{1,16}){1,4}-[0-9]{1,3}");
}
