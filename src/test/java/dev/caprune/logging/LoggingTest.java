package dev.caprune.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** -v/-q levels, answered without Log4j, and what the SDK logs through SLF4J reaching Log4j. */
class LoggingTest {
  @AfterEach
  void defaults() {
    Logging.configure(0, false);
  }

  @Test
  void levelsFollowVerbosity() {
    Logging.configure(0, false);
    assertThat(Logging.level("dev.caprune.execute.VersionScan")).isEqualTo(Level.WARN);
    assertThat(Logging.level("software.amazon.awssdk.request")).isEqualTo(Level.WARN);
    Logging.configure(1, false);
    assertThat(Logging.level("dev.caprune.execute.VersionScan")).isEqualTo(Level.INFO);
    Logging.configure(2, false);
    assertThat(Logging.level("dev.caprune.x")).isEqualTo(Level.DEBUG);
    assertThat(Logging.level("software.amazon.awssdk.core")).isEqualTo(Level.WARN);
    Logging.configure(3, false);
    assertThat(Logging.level("software.amazon.awssdk.request")).isEqualTo(Level.DEBUG);
    assertThat(Logging.level("software.amazon.awssdk.core")).isEqualTo(Level.DEBUG);
    assertThat(Logging.level("org.other")).isEqualTo(Level.WARN);
    Logging.configure(3, true); // --quiet wins
    assertThat(Logging.level("dev.caprune.x")).isEqualTo(Level.ERROR);
    assertThat(Logging.level("software.amazon.awssdk.request")).isEqualTo(Level.ERROR);
  }

  @Test
  void theSdksQuestionsAreAnsweredFromTheLevels() {
    Logger wire = LoggerFactory.getLogger("software.amazon.awssdk.request");
    Logger caprune = LoggerFactory.getLogger("dev.caprune.test");
    Logging.configure(0, false);
    assertThat(wire.isDebugEnabled()).isFalse();
    assertThat(wire.isWarnEnabled()).isTrue();
    Logging.configure(3, false);
    assertThat(wire.isDebugEnabled()).isTrue();
    assertThat(caprune.isTraceEnabled()).isTrue();
    Logging.configure(0, true);
    assertThat(wire.isWarnEnabled()).isFalse();
    assertThat(caprune.isErrorEnabled()).isTrue();
  }

  @Test
  void anEnabledMessageReachesLog4jFormatted() {
    Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.test");
    assertThat(sdk.getClass().getName()).startsWith(LazySlf4j.class.getName());
    Capture capture = Capture.attach();
    try {
      Logging.configure(0, false);
      sdk.debug("not written {}", 1);
      sdk.warn("retrying {} after {}", "ListPackages", "429", new IllegalStateException("boom"));
      Logging.configure(3, false);
      sdk.debug("now written {}", 2);
    } finally {
      capture.detach();
    }
    assertThat(capture.lines)
        .containsExactly("WARN retrying ListPackages after 429 boom", "DEBUG now written 2");
  }

  /** Records what reaches Log4j's root logger. */
  private static final class Capture extends AbstractAppender {
    final List<String> lines = new ArrayList<>();

    private Capture() {
      super("capture", null, null, true, Property.EMPTY_ARRAY);
    }

    static Capture attach() {
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      Capture c = new Capture();
      c.start();
      context.getConfiguration().getRootLogger().addAppender(c, null, null);
      context.updateLoggers();
      return c;
    }

    void detach() {
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      context.getConfiguration().getRootLogger().removeAppender(getName());
      context.updateLoggers();
      stop();
    }

    @Override
    public void append(LogEvent event) {
      Throwable t = event.getThrown();
      lines.add(
          event.getLevel()
              + " "
              + event.getMessage().getFormattedMessage()
              + (t == null ? "" : " " + t.getMessage()));
    }
  }
}
