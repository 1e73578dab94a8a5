package dev.caprune.execute;

/**
 * A package selected off the heap could not be: its temporary files could not be written (a full
 * disk), or its versions have no consistent order. The run ends with this one line; nothing of the
 * package was reported or done.
 */
public final class OffHeapFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OffHeapFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
