package dev.caprune.codeartifact;

/** Opens a gateway; the real one is {@link SdkGateways#open}, tests point it at the sandbox. */
@FunctionalInterface
public interface GatewayFactory {
  CodeArtifactGateway open(AwsSettings settings);
}
