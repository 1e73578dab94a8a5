package dev.caprune.cli;

import dev.caprune.codeartifact.EarlyGateways;
import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.report.VersionsRenderer;

/**
 * Start-up work of a command that calls CodeArtifact, done on a second thread while the main thread
 * builds and parses the command line: the SDK client for the settings the arguments name ({@link
 * EarlyGateways}, used only if the parsed settings agree), then what the first call needs whatever
 * the options, and the JSON writer if the output is JSON. Class initialization is thread-safe, so
 * the main thread either finds this work done or waits for it. A failure here is ignored: the same
 * work then fails, or succeeds, where it is really needed.
 */
final class Prewarm {
  private Prewarm() {}

  /** Starts the work for a run with {@code args}; returns {@code context} with the early client. */
  static CliContext start(CliContext context, String... args) {
    EarlyGateways early = new EarlyGateways(AwsOptions.guess(args));
    boolean json = OutputOptions.guessJson(args);
    Thread t = new Thread(() -> run(early, json), "caprune-prewarm");
    t.setDaemon(true);
    t.start();
    return context.withGateways(early);
  }

  static void run(EarlyGateways early, boolean json) {
    try {
      early.build();
      SdkGateways.preload();
      if (json) {
        VersionsRenderer.preload();
      }
    } catch (Exception | LinkageError ignored) {
      // Only an optimisation: see the class comment.
    }
  }
}
