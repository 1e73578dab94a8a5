package dev.caprune.lockfile;

import java.nio.file.Path;

/** Reads lockfiles and SBOMs: the kind is recognised from the file's name and content. */
public final class Lockfiles {
  private Lockfiles() {}

  /**
   * @throws LockfileException the file cannot be read or is no kind caprune reads
   */
  public static Lockfile read(Path file) throws LockfileException {
    if (file != null) {
      throw new LockfileException(file + ": lockfiles are not read yet");
    }
    throw new LockfileException("no file");
  }
}
