package dev.caprune.run;

import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.execute.Limits;

/**
 * Where and as whom a run calls CodeArtifact, checked, and how hard.
 *
 * @param settings region, profile, endpoint and timeouts
 * @param limits calls per second
 * @param concurrency packages worked on at once
 * @param maxConcurrency how many a run that writes may grow to while its writes wait for a worker
 *     rather than for the write rate ({@code concurrency}: it does not grow)
 */
public record Connection(AwsSettings settings, Limits limits, int concurrency, int maxConcurrency) {
  /** A concurrency that does not grow. */
  public Connection(AwsSettings settings, Limits limits, int concurrency) {
    this(settings, limits, concurrency, concurrency);
  }
}
