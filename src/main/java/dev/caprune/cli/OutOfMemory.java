package dev.caprune.cli;

import dev.caprune.execute.Memory;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Running out of heap is one line that says what to do, on whichever thread it happens (a worker,
 * an HTTP helper, the JDK's keep-alive timer), never a stack trace. The line fits the run ({@link
 * Memory#outOfMemory}) and is encoded up front: there may be no memory left to build it.
 */
final class OutOfMemory {
  private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);
  private static final AtomicBoolean SAID = new AtomicBoolean();

  private OutOfMemory() {}

  /** For threads that have no handler of their own: OOM is the line; the rest, one line each. */
  static void install() {
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (e instanceof OutOfMemoryError) {
            say();
          } else {
            System.err.println("caprune: internal error in thread " + thread.getName() + ": " + e);
          }
        });
  }

  /** A new run in this process (tests run many): its line has not been said yet. */
  static void newRun() {
    SAID.set(false);
  }

  /**
   * The run's own report: the line on the run's {@code err}, unless another thread said it already.
   * If even that needs memory there is not, straight to stderr as encoded up front.
   */
  static void say(java.io.PrintWriter err) {
    if (SAID.compareAndSet(false, true)) {
      try {
        err.print("caprune: ");
        err.println(Memory.latest());
        err.flush();
      } catch (OutOfMemoryError e) {
        write();
      }
    }
  }

  /** Writes the line, once per run. */
  static void say() {
    if (SAID.compareAndSet(false, true)) {
      write();
    }
  }

  private static void write() {
    try {
      STDERR.write(Memory.latestEncoded());
      STDERR.flush();
    } catch (IOException e) {
      // stderr is gone: nothing else to say it on
    }
  }
}
