package dev.caprune.codeartifact;

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
 */
public record AwsSettings(
    String region,
    String profile,
    URI endpoint,
    int maxAttempts,
    Duration attemptTimeout,
    Duration callTimeout) {

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

  /** With the default timeouts. */
  public AwsSettings(String region, String profile, URI endpoint, int maxAttempts) {
    this(region, profile, endpoint, maxAttempts, null, null);
  }
}
