package dev.caprune.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding caprune and the AWS SDK log through: SLF4J to Log4j, with Log4j started only by
 * the first message that is actually written. The SDK asks {@code isDebugEnabled()} many times on
 * every call; those questions are answered from caprune's levels ({@link Logging}) without starting
 * Log4j, which a run that logs nothing (most runs) then never pays for: ~100 ms of a one-package
 * listing, measured with the class-data archive. So caprune's own classes hold ordinary {@code
 * private static final Logger LOG = LoggerFactory.getLogger(X.class)}. Registered in {@code
 * META-INF/services/org.slf4j.spi.SLF4JServiceProvider}.
 */
public final class LazySlf4j implements SLF4JServiceProvider {
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();
  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, Forwarding::new);

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99"; // SLF4J 2.0.x
  }

  @Override
  public void initialize() {
    // Nothing: Log4j starts with the first message written.
  }

  /** One SLF4J logger; forwards to the Log4j logger of the same name when enabled. */
  private static final class Forwarding extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    Forwarding(String name) {
      this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
      return Logging.enabled(name, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return Logging.enabled(name, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return Logging.enabled(name, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return Logging.enabled(name, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return Logging.enabled(name, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        org.slf4j.event.Level level,
        Marker marker,
        String pattern,
        Object[] arguments,
        Throwable throwable) {
      // Masked and escaped here too, so that a user's own Log4j configuration gets it clean.
      LogManager.getLogger(name)
          .log(
              log4j(level),
              (org.apache.logging.log4j.message.Message)
                  new SimpleMessage(
                      Redaction.clean(
                          new ParameterizedMessage(pattern, arguments).getFormattedMessage())),
              throwable);
    }

    private static Level log4j(org.slf4j.event.Level level) {
      return switch (level) {
        case ERROR -> Level.ERROR;
        case WARN -> Level.WARN;
        case INFO -> Level.INFO;
        case DEBUG -> Level.DEBUG;
        case TRACE -> Level.TRACE;
      };
    }
  }
}
