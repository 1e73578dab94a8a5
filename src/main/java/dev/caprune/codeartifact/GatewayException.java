package dev.caprune.codeartifact;

import java.time.Duration;

/** A CodeArtifact or transport failure, translated from the SDK into caprune's terms. */
public final class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, in the terms the CLI maps to exit codes and the executor retries on. */
  public enum Kind {
    /** Unknown domain, repository or package. */
    NOT_FOUND,
    /** The caller may not do this (or its credentials were refused). */
    ACCESS_DENIED,
    /** The service rejected an input value. */
    VALIDATION,
    /** No region, no credentials, a malformed endpoint: fix the set-up. */
    CONFIGURATION,
    /** Throttled (HTTP 429): the call did not take effect. */
    THROTTLED,
    /** 5xx or another unexpected service answer. */
    SERVICE,
    /** The request never reached the service (connection refused, unknown host). */
    NETWORK,
    /**
     * The server's TLS certificate is not trusted (no chain to a trusted authority, expired, or not
     * for the host name): caprune refused the connection before sending anything, and every call
     * would be refused the same way, so it is not retried.
     */
    UNTRUSTED,
    /** A write whose answer was lost: it may or may not have taken effect. */
    UNKNOWN_OUTCOME,
    /** Conflict or service quota exceeded. */
    CONFLICT,
    /** The call's time ({@code --call-timeout}) ran out before a next attempt: not retried. */
    TIMEOUT
  }

  private final Kind kind;
  private final Duration retryAfter;
  private final String resourceType;

  public GatewayException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, null, null);
  }

  public GatewayException(Kind kind, String message, Throwable cause, Duration retryAfter) {
    this(kind, message, cause, retryAfter, null);
  }

  /**
   * @param resourceType for NOT_FOUND, what is missing as the API says it ({@code domain}, {@code
   *     repository}, {@code package}, {@code package-version}), or null
   */
  public GatewayException(
      Kind kind, String message, Throwable cause, Duration retryAfter, String resourceType) {
    super(message, cause);
    this.kind = kind;
    this.retryAfter = retryAfter;
    this.resourceType = resourceType;
  }

  /** Whether this says a package (not its domain or repository) does not exist. */
  public boolean packageNotFound() {
    return kind == Kind.NOT_FOUND && "package".equals(resourceType);
  }

  /**
   * Whether this says the domain or the repository does not exist: bad input, found before any
   * write.
   */
  public boolean scopeNotFound() {
    return kind == Kind.NOT_FOUND
        && ("domain".equals(resourceType) || "repository".equals(resourceType));
  }

  /** What is missing, for NOT_FOUND, as the API says it; or null. */
  public String resourceType() {
    return resourceType;
  }

  public Kind kind() {
    return kind;
  }

  /** The server's Retry-After on a throttle, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
