package dev.caprune.codeartifact;

/** A CodeArtifact or transport failure, translated from the SDK into caprune's terms. */
public final class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, in the terms the CLI maps to exit codes. */
  public enum Kind {
    /** Unknown domain, repository or package. */
    NOT_FOUND,
    /** The caller may not do this. */
    ACCESS_DENIED,
    /** The service rejected an input value. */
    VALIDATION,
    /** No region, no credentials, a malformed endpoint: fix the set-up. */
    CONFIGURATION,
    /** Still throttled after every attempt. */
    THROTTLED,
    /** 5xx or an unexpected service answer after every attempt. */
    SERVICE,
    /** Connection refused, reset or timed out after every attempt. */
    NETWORK,
    /** The request's outcome is unknown: it may or may not have taken effect. */
    UNKNOWN_OUTCOME,
    /** Conflict or quota errors. */
    CONFLICT
  }

  private final Kind kind;

  public GatewayException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
