package dev.caprune.codeartifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The preload threads are a head start and nothing else: daemons (they never keep a finished run's
 * JVM alive), named, and they end without an exception escaping, whichever trust is used.
 */
class PreloadTest {
  @Test
  void preloadThreadsAreDaemonsThatEndQuietly() throws Exception {
    List<Throwable> escaped = new ArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> escaped.add(e));
    try {
      Preload.sdk();
      Preload.tls(true);
      Preload.tls(false);
      List<Thread> started =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().startsWith("caprune-preload-"))
              .toList();
      for (Thread t : started) {
        assertThat(t.isDaemon()).as(t.getName()).isTrue();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (Thread t : started) {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        assertThat(t.isAlive()).as(t.getName() + " still running").isFalse();
      }
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
    assertThat(escaped).isEmpty();
  }
}
