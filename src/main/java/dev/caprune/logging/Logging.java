package dev.caprune.logging;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Maps {@code -v}/{@code -q} to log levels, and starts Log4j only when something is logged.
 *
 * <p>Most runs log nothing, and starting Log4j cost ~100 ms of every run. So the levels are kept
 * here: {@link LazySlf4j} answers the {@code isDebugEnabled()} questions of caprune's and the AWS
 * SDK's SLF4J loggers from them, and {@link LogConfiguration} applies them when the first enabled
 * message starts Log4j. Log4j writes to stderr only. With {@code -Dlog4j2.configurationFile} (the
 * user's own configuration, whose levels caprune cannot know) Log4j starts with the command, as it
 * always did.
 *
 * <p>The levels are process-wide because logging is: Log4j's configuration is one per process.
 */
public final class Logging {
  private static volatile Level caprune = Level.WARN;
  private static volatile Level sdk = Level.WARN;
  private static volatile Level sdkWire = Level.WARN;

  /** {@code -v} or more (and not {@code -q}): log lines carry date, time, level and logger. */
  private static volatile boolean verbose;

  /** Set once Log4j runs: from then on it is told of level changes directly. */
  private static volatile boolean started;

  private Logging() {}

  /** Sets the levels for {@code -v} (counted) and {@code -q}; called once a command is parsed. */
  public static void configure(int verbosity, boolean quiet) {
    verbose = !quiet && verbosity > 0;
    if (quiet) {
      caprune = Level.ERROR;
      sdk = Level.ERROR;
      sdkWire = Level.ERROR;
    } else {
      caprune =
          switch (verbosity) {
            case 0 -> Level.WARN;
            case 1 -> Level.INFO;
            case 2 -> Level.DEBUG;
            default -> Level.TRACE;
          };
      sdk = verbosity >= 3 ? Level.DEBUG : Level.WARN;
      sdkWire = sdk;
    }
    if (started || userConfiguration()) {
      apply();
    }
  }

  /** Whether {@code -v} (or more) was given: the full log format, not people's messages. */
  static boolean verbose() {
    return verbose;
  }

  /** The level set for a logger name; the most specific of caprune's three prefixes wins. */
  static Level level(String logger) {
    if (logger.startsWith("dev.caprune")) {
      return caprune;
    }
    if (logger.startsWith("software.amazon.awssdk.request")) {
      return sdkWire;
    }
    return logger.startsWith("software.amazon.awssdk") ? sdk : Level.WARN;
  }

  /**
   * True if a message at {@code level} to {@code logger} would be written. Without a user
   * configuration, answered without starting Log4j.
   */
  static boolean enabled(String logger, Level level) {
    if (started || userConfiguration()) {
      return org.apache.logging.log4j.LogManager.getLogger(logger).isEnabled(level);
    }
    return level.isMoreSpecificThan(level(logger));
  }

  /** Called by {@link LogConfiguration} as Log4j starts with caprune's configuration. */
  static void started() {
    started = true;
  }

  /** A configuration file of the user's, named by property or environment (Log4j's own names). */
  static boolean userConfiguration() {
    return UserConfiguration.PRESENT;
  }

  /** Read once: the SDK asks {@link #enabled} many times per call. */
  private static final class UserConfiguration {
    static final boolean PRESENT =
        System.getProperty("log4j2.configurationFile") != null
            || System.getProperty("log4j.configurationFile") != null
            || System.getenv("LOG4J_CONFIGURATION_FILE") != null;
  }

  private static void apply() {
    Configurator.setLevel("dev.caprune", caprune);
    Configurator.setLevel("software.amazon.awssdk", sdk);
    Configurator.setLevel("software.amazon.awssdk.request", sdkWire);
  }
}
