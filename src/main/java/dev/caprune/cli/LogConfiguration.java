package dev.caprune.cli;

import java.net.URI;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * caprune's Log4j configuration, built in code: everything to stderr (stdout is data), at the
 * levels {@link Logging} holds for {@code -v}/{@code -q}. Named in {@code
 * log4j2.component.properties} as the configuration factory, so Log4j neither looks for nor parses
 * a configuration file: an XML one cost a DOM parser and the plugin builders on every run. A file
 * named with {@code -Dlog4j2.configurationFile} still wins.
 */
public final class LogConfiguration extends ConfigurationFactory {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %c{1} - %msg%n";

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
      PatternLayout layout =
          PatternLayout.newBuilder().withPattern(PATTERN).withConfiguration(this).build();
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
}
