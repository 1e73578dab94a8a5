package dev.caprune.codeartifact;

/** Opens a gateway; the real one is {@link SdkGateways#open}, tests point it at the sandbox. */
@FunctionalInterface
public interface GatewayFactory {
  /**
   * @param guard wraps every call (rate limits, retries); {@link CallGuard#DIRECT} for none
   */
  CodeArtifactGateway open(AwsSettings settings, CallGuard guard);
}
