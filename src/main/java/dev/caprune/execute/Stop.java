package dev.caprune.execute;

/** Set by SIGINT/SIGTERM: no new call starts; calls in flight finish. */
public final class Stop {
  private volatile boolean requested;

  public void request() {
    requested = true;
  }

  public boolean requested() {
    return requested;
  }

  /** Thrown instead of starting a call once a stop was requested. */
  public static final class StoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoppedException() {
      super("stopped", null, false, false);
    }
  }
}
