package dev.caprune.select;

import java.util.Map;

/**
 * The answer to one write call, exactly as the API's two maps said; its two records are also the
 * entries of an action's outcome.
 */
public record WriteResult(Map<String, Success> successful, Map<String, Failure> failed) {

  /** A version the call changed: its revision and new status. */
  public record Success(String revision, String status) {}

  /**
   * A version the call did not change, with the error code and message (the API's or caprune's).
   */
  public record Failure(String errorCode, String errorMessage) {}
}
