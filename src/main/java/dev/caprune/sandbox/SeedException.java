package dev.caprune.sandbox;

/** A seed file or seed text that cannot be loaded; the message is one line naming the field. */
public final class SeedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SeedException(String message) {
    super(message);
  }
}
