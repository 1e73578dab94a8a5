package dev.caprune.codeartifact;

import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/** The region a run acts on, resolved as the SDK's client resolves it, for recording in a plan. */
public final class Regions {
  private Regions() {}

  /**
   * The explicit region, else {@code aws.region}/{@code AWS_REGION}, else the profile's region;
   * null when none is set. Instance metadata is not asked: that would be a network call, and a plan
   * made on an EC2 instance can be given {@code --region}.
   */
  public static String resolve(AwsSettings settings) {
    if (settings.region() != null) {
      return settings.region();
    }
    try {
      return new AwsRegionProviderChain(
              new SystemSettingsRegionProvider(),
              new AwsProfileRegionProvider(null, settings.profile()))
          .getRegion()
          .id();
    } catch (RuntimeException e) {
      return null; // none set, or an unreadable profile file: the caller says so
    }
  }
}
