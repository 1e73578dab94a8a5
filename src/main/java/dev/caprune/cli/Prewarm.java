package dev.caprune.cli;

import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.report.VersionsRenderer;

/**
 * Start-up work every command that calls CodeArtifact needs whatever its options, done on a second
 * thread while the main thread builds and parses the command line: the TLS context and the SDK's
 * static tables, and the JSON writer. Class initialization is thread-safe, so the main thread
 * either finds the work done or waits for it; nothing is done twice. A failure here is ignored: the
 * same work then fails, or succeeds, where it is really needed.
 */
final class Prewarm {
  private Prewarm() {}

  static void start() {
    Thread t = new Thread(Prewarm::run, "caprune-prewarm");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    try {
      SdkGateways.preload();
      VersionsRenderer.preload();
    } catch (Throwable ignored) {
      // Only an optimisation: see the class comment.
    }
  }
}
