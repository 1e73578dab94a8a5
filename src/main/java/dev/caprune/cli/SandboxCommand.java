package dev.caprune.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code caprune sandbox}: a local CodeArtifact-compatible endpoint. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = "Serve a local CodeArtifact-compatible endpoint (no AWS account needed).")
final class SandboxCommand implements Callable<Integer> {
  @Mixin LoggingOptions logging;

  @Override
  public Integer call() {
    throw new CapruneException(ExitCodes.RUNTIME, "sandbox: not yet implemented");
  }
}
