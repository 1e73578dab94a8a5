package dev.caprune.select;

import java.time.Instant;

/**
 * One version as the listing shows it.
 *
 * @param version the version string
 * @param revision the revision the API reported, or null
 * @param status the status when listed
 * @param origin INTERNAL, EXTERNAL or UNKNOWN
 * @param publishedTime when it was published, where caprune learnt it (a describe call made by a
 *     time filter's search); null otherwise: the listing itself carries no time
 */
public record VersionSummary(
    String version, String revision, VersionStatus status, Origin origin, Instant publishedTime) {

  /** As listed: no publish time. */
  public VersionSummary(String version, String revision, VersionStatus status, Origin origin) {
    this(version, revision, status, origin, null);
  }

  /** This version with its publish time, now known. */
  public VersionSummary withPublishedTime(Instant time) {
    return new VersionSummary(version, revision, status, origin, time);
  }
}
