package dev.caprune.select;

/**
 * One version as the listing shows it (no publish time: that takes a describe call).
 *
 * @param version the version string
 * @param revision the revision the API reported, or null
 * @param status the status when listed
 * @param origin INTERNAL, EXTERNAL or UNKNOWN
 */
public record VersionSummary(
    String version, String revision, VersionStatus status, Origin origin) {}
