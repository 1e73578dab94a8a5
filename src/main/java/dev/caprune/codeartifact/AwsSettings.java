package dev.caprune.codeartifact;

import dev.caprune.select.Role;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach CodeArtifact. Null members fall back to the SDK's default chains.
 *
 * @param region the region, or null for the default chain
 * @param profile the named profile ({@code --profile}), or null
 * @param endpoint an endpoint URL used as given (the sandbox), or null
 * @param maxAttempts total attempts per call for throttling and 5xx answers (1 = no retry)
 * @param attemptTimeout how long one HTTP request and its answer may take
 * @param callTimeout how long one call may take, its retries and the pauses between them included
 * @param role the role to assume from the credentials the profile or the default chain gives, or
 *     null to call with those credentials
 */
public record AwsSettings(
    String region,
    String profile,
    URI endpoint,
    int maxAttempts,
    Duration attemptTimeout,
    Duration callTimeout,
    Role role) {

  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);

  public AwsSettings {
    if (attemptTimeout == null) {
      attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
    }
    if (callTimeout == null) {
      callTimeout = DEFAULT_CALL_TIMEOUT;
    }
  }

  /** Without a role to assume. */
  public AwsSettings(
      String region,
      String profile,
      URI endpoint,
      int maxAttempts,
      Duration attemptTimeout,
      Duration callTimeout) {
    this(region, profile, endpoint, maxAttempts, attemptTimeout, callTimeout, null);
  }

  /** With the default timeouts. */
  public AwsSettings(String region, String profile, URI endpoint, int maxAttempts) {
    this(region, profile, endpoint, maxAttempts, null, null);
  }
}
