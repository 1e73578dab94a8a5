package dev.caprune.execute;

import dev.caprune.select.Origin;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The files of a listing too large for the heap: one compact record a version (its place in the
 * listing, version, revision, status and origin), about 50 bytes for a typical version: the
 * version's UTF-8 bytes and a length byte, a revision in AWS's form (32 bytes in base64) as its 32
 * bytes, 4 bytes of place and 2 of flags.
 */
final class VersionRecords {
  // Codes for this process's own files only: never read by another caprune.
  private static final java.util.List<VersionStatus> STATUSES =
      java.util.List.of(VersionStatus.values());
  private static final java.util.List<Origin> ORIGINS = java.util.List.of(Origin.values());
  private static final int BUFFER = 1 << 16;

  private static final int NO_REVISION = 0;
  private static final int RAW_REVISION = 1;
  private static final int TEXT_REVISION = 2;

  private VersionRecords() {}

  /** One version with its place in the listing (in the order first listed). */
  record Entry(int index, VersionSummary version) {}

  /** Writes records to a new file of the spill directory. */
  static final class Writer implements Closeable {
    private final Path file;
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int used;
    private long size;
    private long count;
    private boolean closed;
    private boolean discarded;

    Writer(String prefix) throws IOException {
      this.file = SpillDirectory.newFile(prefix);
      this.out = Files.newOutputStream(file);
    }

    Path file() {
      return file;
    }

    long size() {
      return size;
    }

    long count() {
      return count;
    }

    void write(Entry e) throws IOException {
      write(e.index(), e.version());
    }

    void write(int index, VersionSummary v) throws IOException {
      byte[] version = v.version().getBytes(StandardCharsets.UTF_8);
      String revision = v.revision();
      byte[] raw = revision == null ? null : compact(revision);
      byte[] text =
          revision == null || raw != null ? null : revision.getBytes(StandardCharsets.UTF_8);
      int need = 4 + 5 + version.length + 1 + 5 + (text != null ? text.length : 32) + 1;
      if (used + need > buf.length) {
        flush();
        if (need > buf.length) {
          // An outsized record (a hostile listing): written on its own.
          byte[] one = new byte[need];
          int n = put(one, 0, index, version, raw, text, v);
          emit(one, n);
          count++;
          return;
        }
      }
      used = put(buf, used, index, version, raw, text, v);
      count++;
    }

    private static int put(
        byte[] b, int at, int index, byte[] version, byte[] raw, byte[] text, VersionSummary v) {
      b[at++] = (byte) (index >>> 24);
      b[at++] = (byte) (index >>> 16);
      b[at++] = (byte) (index >>> 8);
      b[at++] = (byte) index;
      at = varint(b, at, version.length);
      System.arraycopy(version, 0, b, at, version.length);
      at += version.length;
      int kind = raw != null ? RAW_REVISION : text != null ? TEXT_REVISION : NO_REVISION;
      b[at++] =
          (byte) (kind << 6 | STATUSES.indexOf(v.status()) << 2 | ORIGINS.indexOf(v.origin()));
      if (raw != null) {
        System.arraycopy(raw, 0, b, at, 32);
        at += 32;
      } else if (text != null) {
        at = varint(b, at, text.length);
        System.arraycopy(text, 0, b, at, text.length);
        at += text.length;
      }
      return at;
    }

    private void flush() throws IOException {
      if (used > 0) {
        emit(buf, used);
        used = 0;
      }
    }

    private void emit(byte[] b, int n) throws IOException {
      SpillDirectory.grow(n); // fails as a full disk would, past the limit
      size += n;
      out.write(b, 0, n);
    }

    /** Writes what is buffered and closes the file (kept until deleted). */
    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        try {
          flush();
        } finally {
          out.close();
        }
      }
    }

    /** Closes (quietly) and deletes the file. */
    void discard() {
      if (discarded) {
        return;
      }
      discarded = true;
      try {
        close();
      } catch (IOException e) {
        // the file goes anyway
      }
      SpillDirectory.delete(file, size);
    }
  }

  /** Reads the records of a file, from a record's start. */
  static final class Reader implements Closeable {
    private final InputStream in;

    Reader(Path file, long offset) throws IOException {
      InputStream raw = Files.newInputStream(file);
      long skipped = 0;
      while (skipped < offset) {
        long n = raw.skip(offset - skipped);
        if (n <= 0) {
          raw.close();
          throw new EOFException("cannot skip to " + offset + " in " + file);
        }
        skipped += n;
      }
      this.in = new BufferedInputStream(raw, BUFFER);
    }

    /** The next record, or null at the end of the file. */
    Entry next() throws IOException {
      int b0 = in.read();
      if (b0 < 0) {
        return null;
      }
      int index = b0 << 24 | readByte() << 16 | readByte() << 8 | readByte();
      String version = new String(readBytes(varint()), StandardCharsets.UTF_8);
      int flags = readByte();
      int kind = flags >>> 6;
      String revision =
          switch (kind) {
            case RAW_REVISION -> Base64.getEncoder().encodeToString(readBytes(32));
            case TEXT_REVISION -> new String(readBytes(varint()), StandardCharsets.UTF_8);
            default -> null;
          };
      return new Entry(
          index,
          new VersionSummary(
              version, revision, STATUSES.get((flags >>> 2) & 0xF), ORIGINS.get(flags & 0x3)));
    }

    private int readByte() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("a record cut short");
      }
      return b;
    }

    private byte[] readBytes(int n) throws IOException {
      byte[] b = in.readNBytes(n);
      if (b.length != n) {
        throw new EOFException("a record cut short");
      }
      return b;
    }

    private int varint() throws IOException {
      int value = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = readByte();
        value |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IOException("a record's length is malformed");
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** The 32 bytes of a revision in AWS's form, when writing them back gives it exactly; or null. */
  static byte[] compact(String revision) {
    if (revision.length() != 44 || !revision.endsWith("=")) {
      return null;
    }
    try {
      byte[] b = Base64.getDecoder().decode(revision);
      return b.length == 32 && Base64.getEncoder().encodeToString(b).equals(revision) ? b : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int varint(byte[] b, int at, int value) {
    while ((value & ~0x7F) != 0) {
      b[at++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    b[at++] = (byte) value;
    return at;
  }
}
