package dev.caprune.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM ask the run to stop instead of killing the JVM: calls in flight finish, the
 * report of what was done is printed, and caprune exits 130. A second signal kills at once.
 */
final class Signals implements AutoCloseable {
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  static Signals onStop(Runnable stop) {
    Signals s = new Signals();
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal signal = new Signal(name);
        SignalHandler[] old = new SignalHandler[1];
        old[0] =
            Signal.handle(
                signal,
                sig -> {
                  // A second signal: the user means it. Fall back to the JVM's handling.
                  Signal.handle(sig, old[0]);
                  stop.run();
                });
        s.signals.add(signal);
        s.previous.add(old[0]);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // Signal not available on this platform: the JVM's default handling stays.
      }
    }
    return s;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      try {
        Signal.handle(signals.get(i), previous.get(i));
      } catch (IllegalArgumentException e) {
        // Nothing to restore.
      }
    }
  }
}
