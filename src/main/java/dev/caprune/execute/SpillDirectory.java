package dev.caprune.execute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the listings too large for the heap go while they are sorted: one private directory per
 * process under {@code java.io.tmpdir} ({@code caprune-*}, mode 0700, each file 0600), made when
 * the first such package is met. Each package's files are removed when the package is done; the
 * directory, with whatever is left in it, when the process ends (a signal included: the shutdown
 * hook runs on SIGINT and SIGTERM; once it has begun, no new file is made). A third signal, which
 * halts the JVM at once, skips the hook: the directory is then left behind.
 *
 * <p>It counts the bytes its files hold, and the peak, so that the disk bound can be checked, and
 * refuses to hold more than {@value #LIMIT_PROPERTY} bytes when that is set: a write past it fails
 * as a full disk does.
 */
final class SpillDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(SpillDirectory.class);

  /** The system property that caps the bytes the temporary files may hold (none by default). */
  static final String LIMIT_PROPERTY = "caprune.spillLimit";

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private static Path directory;
  private static boolean closing;
  private static long bytes;
  private static long peak;

  private SpillDirectory() {}

  /** A new empty file (0600) in the directory, made (0700) if it is not yet. */
  static synchronized Path newFile(String prefix) throws IOException {
    if (closing) {
      throw new IOException("caprune is ending");
    }
    if (directory == null || !Files.isDirectory(directory)) {
      Path base = Paths.get(System.getProperty("java.io.tmpdir"));
      directory =
          POSIX
              ? Files.createTempDirectory(base, "caprune-", perms("rwx------"))
              : Files.createTempDirectory(base, "caprune-");
      Path made = directory;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    synchronized (SpillDirectory.class) {
                      closing = true; // no file is made in it from now on
                    }
                    deleteTree(made);
                  },
                  "caprune-spill-cleanup"));
      LOG.debug("temporary files in {}", made);
    }
    return POSIX
        ? Files.createTempFile(directory, prefix, ".bin", perms("rw-------"))
        : Files.createTempFile(directory, prefix, ".bin");
  }

  private static FileAttribute<?> perms(String p) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(p));
  }

  /** The directory, or null before the first file. */
  static synchronized Path directory() {
    return directory;
  }

  /** Counts {@code n} more bytes written; fails as a full disk would past the limit. */
  static synchronized void grow(long n) throws IOException {
    Long limit = Long.getLong(LIMIT_PROPERTY);
    if (limit != null && bytes + n > limit) {
      throw new IOException("No space left on device (more than " + LIMIT_PROPERTY + ")");
    }
    bytes += n;
    peak = Math.max(peak, bytes);
  }

  /** Deletes a file and forgets its bytes; never fails (what is left goes at exit). */
  static void delete(Path file, long size) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", file, e.getMessage());
    }
    synchronized (SpillDirectory.class) {
      bytes -= size;
    }
  }

  /** The bytes the files hold now, and the most they held since {@link #resetPeak}. */
  static synchronized long[] usage() {
    return new long[] {bytes, peak};
  }

  static synchronized void resetPeak() {
    peak = bytes;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // at exit: nothing more to do
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // at exit: nothing more to do
    }
  }
}
