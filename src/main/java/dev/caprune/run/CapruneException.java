package dev.caprune.run;

/**
 * A failure with a message meant for people and the exit code it maps to. The exception handler
 * prints the message alone on stderr (the stack trace only with {@code -v}).
 */
public final class CapruneException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public CapruneException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  public CapruneException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static CapruneException usage(String message) {
    return new CapruneException(ExitCodes.USAGE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
