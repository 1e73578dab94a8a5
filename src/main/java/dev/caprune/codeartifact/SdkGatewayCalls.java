package dev.caprune.codeartifact;

import dev.caprune.codeartifact.CallGuard.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;

/**
 * A benchmark's view of a run's calls: with {@code -Dcaprune.callLog=FILE} every HTTP attempt the
 * gateways make is appended to FILE as one line, {@code START END OPERATION OUTCOME ENDPOINT}
 * (times in microseconds since the epoch, the outcome {@code ok} or the failure's kind), and so is
 * each gateway's opening ({@code open}, the SDK client's construction). Off by default: then it
 * costs one field read a call. {@code packaging/bench-scale.sh --phases} reads the file to say
 * where a run's time went (start, first write, pacing, the tail).
 */
final class SdkGatewayCalls {
  /** The property naming the file; unset, nothing is recorded. */
  static final String PROPERTY = "caprune.callLog";

  private static final Clock CLOCK = Clock.systemUTC();

  private static final SdkGatewayCalls INSTANCE = of(System.getProperty(PROPERTY));

  private final Path file;
  private final StringBuilder pending = new StringBuilder();

  private SdkGatewayCalls(Path file) {
    this.file = file;
  }

  /** The log of {@code file}, flushed at exit, or null for none (a null or blank name). */
  static SdkGatewayCalls of(String file) {
    if (file == null || file.isBlank()) {
      return null;
    }
    SdkGatewayCalls log = new SdkGatewayCalls(Path.of(file));
    // The JVM's start, to the first gateway's opening (this class is loaded then).
    log.record(
        java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() * 1_000L,
        "jvm",
        "ok",
        "-");
    Runtime.getRuntime().addShutdownHook(new Thread(log::flush, "caprune-call-log"));
    return log;
  }

  /** The run's log, or null when none was asked for. */
  static SdkGatewayCalls get() {
    return INSTANCE;
  }

  /** Now, in microseconds since the epoch. */
  static long now() {
    Instant t = CLOCK.instant();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  void record(long start, String what, String outcome, Object endpoint) {
    long end = now();
    synchronized (pending) {
      pending
          .append(start)
          .append(' ')
          .append(end)
          .append(' ')
          .append(what)
          .append(' ')
          .append(outcome)
          .append(' ')
          .append(endpoint)
          .append('\n');
    }
  }

  void record(long start, Operation op, String outcome, Object endpoint) {
    record(start, op.name(), outcome, endpoint);
  }

  /** Appends what was recorded to the file (at each gateway's close, and at exit). */
  void flush() {
    String text;
    synchronized (pending) {
      text = pending.toString();
      pending.setLength(0);
    }
    if (text.isEmpty()) {
      return;
    }
    try {
      Files.writeString(
          file,
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      System.err.println("caprune: warning: cannot write the call log " + file + ": " + e);
    }
  }
}
