package dev.caprune.execute;

/**
 * Client-side call rates, per second: the ceilings the adaptive limiters start at and never exceed.
 * The defaults are CodeArtifact's default quotas (800 reads, 200 per list operation, 100 writes per
 * account and Region): a run starts at the quota and backs off on the first throttle.
 *
 * @param reads all read calls together
 * @param listsPerOperation each of ListPackages, ListPackageVersions and ListPackageVersionAssets
 *     on its own (each has a quota of 200 per second)
 * @param writes delete, status update and dispose calls together
 */
public record Limits(double reads, double listsPerOperation, double writes) {
  /** Each list operation's own ceiling: its default quota of 200 per second. */
  public static final double DEFAULT_LIST = 200;

  /** All reads together: the default quota of 800 per second. */
  public static final double DEFAULT_READS = 800;

  /** All writes together: the default quota of 100 per second. */
  public static final double DEFAULT_WRITES = 100;

  /** With the read ceiling given, each list operation stays under both its own and that. */
  public static Limits of(double reads, double writes) {
    return new Limits(reads, Math.min(DEFAULT_LIST, reads), writes);
  }
}
