package dev.caprune.cli;

import dev.caprune.report.Text;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
final class Logging {
  private static volatile Level caprune = Level.WARN;
  private static volatile Level sdk = Level.WARN;
  private static volatile Level sdkWire = Level.WARN;

  /** Set once Log4j runs: from then on it is told of level changes directly. */
  private static volatile boolean started;

  private Logging() {}

  static void configure(int verbosity, boolean quiet) {
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

  /**
   * Masking and escaping of what is shown, apart from {@link Logging} so that using it (error lines
   * of usage errors) loads nothing of Log4j.
   */
  static final class Redaction {
    private Redaction() {}

    /**
     * Secrets a message may carry as {@code name: value} or {@code name=value} (headers, canonical
     * requests, query strings, JSON, properties): the value is masked. A value ends at a backslash
     * too, so that a message already escaped (a {@code \\n} in it) is masked alike.
     */
    private static final Pattern SECRET =
        Pattern.compile(
            "(?i)((?:x-amz-)?(?:security|session)[-_.]?token|secret[-_.]?(?:access[-_.]?)?key"
                + "|x-amz-signature|\\bsignature)(\"?'?\\s*[:=]\\s*\"?'?)[^\\s\\\\\"'&,;)\\]}]+");

    /** An {@code Authorization} header's value: the scheme stays, the rest is masked. */
    private static final Pattern AUTHORIZATION =
        Pattern.compile(
            "(?i)(\\bauthorization\"?'?\\s*[:=]\\s*\"?'?)(?:([A-Za-z0-9][A-Za-z0-9-]*) +)?[^\\r\\n\\\\\"']+");

    static final String REDACTED = "<redacted>";

    /** The environment variables and system properties that hold credential values. */
    private static final String[] SECRET_VARIABLES = {
      "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"
    };

    private static final String[] SECRET_PROPERTIES = {"aws.secretAccessKey", "aws.sessionToken"};

    /**
     * A message as it may be shown: credentials masked, and every control, escape and bidi
     * character made visible ({@link Text#safe}), so a service's message stays data. The one path
     * every log line takes ({@link LogConfiguration}'s layout, and {@link LazySlf4j} for every
     * SLF4J message, so that a user's own Log4j configuration gets them clean too).
     */
    static String clean(String message) {
      return Text.safe(redact(message));
    }

    /** A stack trace's line, cleaned as a message is; its leading tab (a frame) kept. */
    static String cleanTraceLine(String line) {
      int tabs = 0;
      while (tabs < line.length() && line.charAt(tabs) == '\t') {
        tabs++;
      }
      return line.substring(0, tabs) + clean(line.substring(tabs));
    }

    /** Masks credential values: known ones wherever they appear, and any named as a secret. */
    static String redact(String message) {
      if (message == null) {
        return null;
      }
      String s = message;
      for (String v : SECRET_VARIABLES) {
        s = mask(s, System.getenv(v));
      }
      for (String p : SECRET_PROPERTIES) {
        s = mask(s, System.getProperty(p));
      }
      if (s.isEmpty()) {
        return s;
      }
      Matcher auth = AUTHORIZATION.matcher(s);
      if (auth.find()) {
        StringBuilder b = new StringBuilder();
        do {
          String scheme = auth.group(2);
          auth.appendReplacement(
              b,
              Matcher.quoteReplacement(
                  auth.group(1) + (scheme == null ? "" : scheme + " ") + REDACTED));
        } while (auth.find());
        s = auth.appendTail(b).toString();
      }
      Matcher secret = SECRET.matcher(s);
      if (secret.find()) {
        StringBuilder b = new StringBuilder();
        do {
          secret.appendReplacement(
              b, Matcher.quoteReplacement(secret.group(1) + secret.group(2) + REDACTED));
        } while (secret.find());
        s = secret.appendTail(b).toString();
      }
      return s;
    }

    private static String mask(String s, String secret) {
      return secret == null || secret.length() < 8 ? s : s.replace(secret, REDACTED);
    }
  }

  /** {@link Redaction#clean}. */
  static String clean(String message) {
    return Redaction.clean(message);
  }
}
