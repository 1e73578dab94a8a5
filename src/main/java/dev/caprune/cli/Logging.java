package dev.caprune.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Maps {@code -v}/{@code -q} to Log4j levels. Log4j writes to stderr only ({@link
 * LogConfiguration}).
 */
final class Logging {
  private Logging() {}

  static void configure(int verbosity, boolean quiet) {
    Level caprune;
    Level sdk;
    if (quiet) {
      caprune = Level.ERROR;
      sdk = Level.ERROR;
    } else {
      caprune =
          switch (verbosity) {
            case 0 -> Level.WARN;
            case 1 -> Level.INFO;
            case 2 -> Level.DEBUG;
            default -> Level.TRACE;
          };
      sdk = verbosity >= 3 ? Level.DEBUG : Level.WARN;
    }
    Configurator.setLevel("dev.caprune", caprune);
    Configurator.setLevel("software.amazon.awssdk", sdk);
    Configurator.setLevel("software.amazon.awssdk.request", verbosity >= 3 ? Level.DEBUG : sdk);
  }
}
