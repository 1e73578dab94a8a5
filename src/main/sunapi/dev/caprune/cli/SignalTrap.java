package dev.caprune.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The one use of {@code sun.misc.Signal}, the only JDK API that lets a program handle SIGINT and
 * SIGTERM itself. It lives in a source root of its own, compiled before the rest: javac warns about
 * every use of an internal API, a warning no annotation can silence, and the main code is compiled
 * with warnings as errors.
 */
public final class SignalTrap {
  private SignalTrap() {}

  /**
   * Runs {@code action} when the named signal arrives, instead of the JVM's handling.
   *
   * @param name {@code INT}, {@code TERM}, ...
   * @return what puts the previous handling back
   * @throws IllegalArgumentException where the platform lets this signal not be trapped
   * @throws UnsupportedOperationException likewise
   */
  public static Runnable handle(String name, Runnable action) {
    Signal signal = new Signal(name);
    SignalHandler previous = Signal.handle(signal, sig -> action.run());
    return () -> Signal.handle(signal, previous);
  }
}
