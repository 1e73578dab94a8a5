package dev.caprune.policy;

/**
 * A policy file that cannot be used: a usage error whose message already names the file, the line
 * and column and the field ({@code retention.yaml:14:17: rules[2].olderThan: invalid age '1y'
 * ...}). Nothing was called when it is thrown.
 */
public final class PolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PolicyException(String message) {
    super(message);
  }
}
