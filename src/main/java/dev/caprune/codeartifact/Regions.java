package dev.caprune.codeartifact;

import java.util.Map;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/** The region a run acts on, resolved as the SDK's client resolves it, for recording in a plan. */
public final class Regions {
  private Regions() {}

  /**
   * The explicit region, else {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION} (both from {@code
   * env}), else {@code aws.region}, else the profile's region; null when none is set. Instance
   * metadata is not asked: that would be a network call, and a plan made on an EC2 instance can be
   * given {@code --region}.
   */
  public static String resolve(AwsSettings settings, Map<String, String> env) {
    if (settings.region() != null) {
      return settings.region();
    }
    String fromEnv = fromEnvironment(env);
    if (fromEnv != null) {
      return fromEnv;
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

  /**
   * {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, as the AWS CLI reads them; null when
   * neither is set (an empty value counts as unset).
   */
  static String fromEnvironment(Map<String, String> env) {
    for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String v = env.get(variable);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
