package dev.caprune.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

/**
 * caprune's Log4j configuration, built in code: everything to stderr (stdout is data), at the
 * levels {@link Logging} holds for {@code -v}/{@code -q}. Named in {@code
 * log4j2.component.properties} as the configuration factory, so Log4j neither looks for nor parses
 * a configuration file: an XML one cost a DOM parser and the plugin builders on every run. A file
 * named with {@code -Dlog4j2.configurationFile} still wins.
 */
public final class LogConfiguration extends ConfigurationFactory {
  /**
   * What {@link SafeLayout} writes at {@code -v} and above, as a PatternLayout pattern: the date
   * and time in UTC to the millisecond, the level and the full logger name. At the default level a
   * line is a message for people: {@code caprune: warning: ...}, {@code caprune: error: ...}.
   */
  static final String VERBOSE_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}{UTC} %-5level %c - %msg%n";

  @Override
  protected String[] getSupportedTypes() {
    return new String[] {"*"}; // any: Log4j asks this factory first
  }

  @Override
  public Configuration getConfiguration(LoggerContext context, ConfigurationSource source) {
    // A named file (-Dlog4j2.configurationFile) is for the factories that can read it.
    return source == null || source.getLocation() == null ? new Stderr(context) : null;
  }

  @Override
  public Configuration getConfiguration(LoggerContext context, String name, URI location) {
    return new Stderr(context);
  }

  private static final class Stderr extends AbstractConfiguration {
    Stderr(LoggerContext context) {
      super(context, ConfigurationSource.NULL_SOURCE);
      setName("caprune");
    }

    @Override
    protected void doConfigure() {
      SafeLayout layout = new SafeLayout();
      ConsoleAppender stderr =
          ConsoleAppender.newBuilder()
              .setName("stderr")
              .setTarget(ConsoleAppender.Target.SYSTEM_ERR)
              .setLayout(layout)
              .setConfiguration(this)
              .build();
      stderr.start();
      addAppender(stderr);
      LoggerConfig root = getRootLogger();
      root.setLevel(Level.WARN);
      root.addAppender(stderr, null, null);
      for (String name :
          new String[] {
            "dev.caprune", "software.amazon.awssdk", "software.amazon.awssdk.request"
          }) {
        addLogger(name, new LoggerConfig(name, Logging.level(name), true));
      }
      Logging.started();
    }
  }

  /**
   * {@code caprune: warning: MESSAGE} at the default level, {@link #VERBOSE_PATTERN} at {@code -v}
   * and above; either way with every message and stack trace line passed through {@link
   * Redaction#clean}: credentials masked, controls and bidi characters escaped. A log line is one
   * line, whatever a service's message holds.
   */
  static final class SafeLayout extends AbstractStringLayout {
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    SafeLayout() {
      super(StandardCharsets.UTF_8);
    }

    @Override
    public String toSerializable(LogEvent event) {
      StringBuilder b = getStringBuilder();
      if (Logging.verbose()) {
        TIME.formatTo(Instant.ofEpochMilli(event.getTimeMillis()), b);
        String level = event.getLevel().name();
        b.append(' ').append(level);
        for (int i = level.length(); i < 5; i++) {
          b.append(' ');
        }
        String logger = event.getLoggerName() == null ? "" : event.getLoggerName();
        b.append(' ').append(logger).append(" - ");
      } else {
        b.append("caprune: ").append(label(event.getLevel())).append(": ");
      }
      b.append(Redaction.clean(event.getMessage().getFormattedMessage()));
      b.append(System.lineSeparator());
      Throwable thrown = event.getThrown();
      if (thrown != null) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        trace
            .toString()
            .lines()
            .forEach(
                line -> b.append(Redaction.cleanTraceLine(line)).append(System.lineSeparator()));
      }
      return b.toString();
    }

    /** A level as people read it: {@code warning}, {@code error}, {@code note}. */
    private static String label(Level level) {
      if (level.isMoreSpecificThan(Level.ERROR)) {
        return "error";
      }
      if (level.isMoreSpecificThan(Level.WARN)) {
        return "warning";
      }
      return level.isMoreSpecificThan(Level.INFO) ? "note" : "debug";
    }
  }
}
