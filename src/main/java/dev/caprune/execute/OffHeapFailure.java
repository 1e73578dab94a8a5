package dev.caprune.execute;

/**
 * A package selected off the heap could not be: its temporary files could not be written (a full
 * disk: found while the listing is written and sorted, before any line of the package), or read
 * back, or its versions have no consistent order. The run ends with this one line and exit 1. Only
 * dry runs select off the heap, so nothing was done; a file that cannot be read back while the
 * decisions are made may leave the package's report cut short, which the exit code says.
 */
public final class OffHeapFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OffHeapFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
