package dev.caprune.lockfile;

/** A lockfile or SBOM caprune cannot read; the message is one line that names the file. */
public final class LockfileException extends Exception {
  private static final long serialVersionUID = 1L;

  public LockfileException(String message) {
    super(message);
  }
}
