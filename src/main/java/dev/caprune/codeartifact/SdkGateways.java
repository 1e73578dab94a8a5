package dev.caprune.codeartifact;

/** Opens the AWS SDK backed gateway. */
public final class SdkGateways {
  private SdkGateways() {}

  public static CodeArtifactGateway open(AwsSettings settings) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
