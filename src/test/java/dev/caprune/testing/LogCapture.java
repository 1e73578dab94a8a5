package dev.caprune.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * What caprune's stderr appender writes, byte for byte: each event formatted by that appender's own
 * layout (Log4j's console appender holds the process's real stderr, which tests do not swap).
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
  private final List<String> lines = new ArrayList<>();

  private LogCapture(Layout<?> layout) {
    super("test-capture", null, layout, true, Property.EMPTY_ARRAY);
  }

  public static LogCapture attach() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Layout<?> layout = context.getConfiguration().getAppender("stderr").getLayout();
    assertThat(layout.getClass().getName()).endsWith("LogConfiguration$SafeLayout");
    LogCapture c = new LogCapture(layout);
    c.start();
    context.getConfiguration().getRootLogger().addAppender(c, null, null);
    context.updateLoggers();
    return c;
  }

  public synchronized String text() {
    return String.join("", lines);
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(getName());
    context.updateLoggers();
    stop();
  }

  @Override
  public synchronized void append(LogEvent event) {
    lines.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8));
  }
}
