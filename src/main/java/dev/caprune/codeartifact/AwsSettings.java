package dev.caprune.codeartifact;

import java.net.URI;

/**
 * How to reach CodeArtifact. Null members fall back to the SDK's default chains.
 *
 * @param region the region, or null for the default chain
 * @param profile the named profile, or null
 * @param endpoint an endpoint URL used as given (the sandbox), or null
 * @param maxAttempts total attempts per call for throttling and 5xx answers (1 = no retry)
 */
public record AwsSettings(String region, String profile, URI endpoint, int maxAttempts) {}
