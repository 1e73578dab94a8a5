package dev.caprune.run;

import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.execute.Limits;

/**
 * Where and as whom a run calls CodeArtifact, checked, and how hard.
 *
 * @param settings region, profile, endpoint and timeouts
 * @param limits calls per second
 * @param concurrency packages worked on at once
 */
public record Connection(AwsSettings settings, Limits limits, int concurrency) {}
