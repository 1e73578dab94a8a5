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
 * listing, version, revision, status and origin), about 45 bytes for a version like {@code 1.2.3}:
 * 4 bytes of place, the version's UTF-8 bytes after their length (one byte up to 127), one byte of
 * flags (status, origin, how the revision is kept), and a revision in AWS's form (32 bytes in
 * base64) as its 32 bytes; any other revision as its text.
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

  /**
   * One record as it is on disk, with its place and version read: what a sort moves from file to
   * file without making the rest of it into objects.
   */
  static final class Raw {
    private final int index;
    private final String version;
    private final byte[] record;

    Raw(int index, String version, byte[] record) {
      this.index = index;
      this.version = version;
      this.record = record;
    }

    int index() {
      return index;
    }

    String version() {
      return version;
    }

    /** The bytes on disk (not copied: never changed). */
    byte[] record() {
      return record;
    }

    /** The record's version, whole. */
    Entry decode() throws IOException {
      return VersionRecords.decode(this);
    }
  }

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

    /** A record as read, byte for byte. */
    void write(Raw r) throws IOException {
      byte[] b = r.record();
      if (used + b.length > buf.length) {
        flush();
        if (b.length > buf.length) {
          emit(b, b.length);
          count++;
          return;
        }
      }
      System.arraycopy(b, 0, buf, used, b.length);
      used += b.length;
      count++;
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

  /** Reads the records of a file, in order. */
  static final class Reader implements Closeable {
    private final InputStream in;

    Reader(Path file) throws IOException {
      this.in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    }

    private byte[] scratch = new byte[256];
    private int n;

    /** The next record, or null at the end of the file. */
    Entry next() throws IOException {
      Raw r = nextRaw();
      return r == null ? null : r.decode();
    }

    /** The next record as it is on disk, or null at the end of the file. */
    Raw nextRaw() throws IOException {
      int b0 = in.read();
      if (b0 < 0) {
        return null;
      }
      n = 0;
      put(b0);
      for (int i = 0; i < 3; i++) {
        put(readByte());
      }
      int index =
          (scratch[0] & 0xFF) << 24
              | (scratch[1] & 0xFF) << 16
              | (scratch[2] & 0xFF) << 8
              | (scratch[3] & 0xFF);
      int length = copyVarint();
      int start = n;
      copy(length);
      String version = new String(scratch, start, length, StandardCharsets.UTF_8);
      int flags = readByte();
      put(flags);
      switch (flags >>> 6) {
        case RAW_REVISION -> copy(32);
        case TEXT_REVISION -> copy(copyVarint());
        default -> {}
      }
      return new Raw(index, version, java.util.Arrays.copyOf(scratch, n));
    }

    private void put(int b) {
      room(1);
      scratch[n++] = (byte) b;
    }

    private void copy(int length) throws IOException {
      room(length);
      if (in.readNBytes(scratch, n, length) != length) {
        throw new EOFException("a record cut short");
      }
      n += length;
    }

    private void room(int more) {
      if (n + more > scratch.length) {
        scratch = java.util.Arrays.copyOf(scratch, Math.max(2 * scratch.length, n + more));
      }
    }

    private int copyVarint() throws IOException {
      int value = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = readByte();
        put(b);
        value |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IOException("a record's length is malformed");
    }

    private int readByte() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("a record cut short");
      }
      return b;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** The version a record holds. */
  static Entry decode(Raw r) throws IOException {
    byte[] b = r.record();
    int at = 4;
    int[] length = new int[1];
    at = varint(b, at, length);
    at += length[0];
    int flags = b[at++] & 0xFF;
    String revision =
        switch (flags >>> 6) {
          case RAW_REVISION ->
              Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(b, at, at + 32));
          case TEXT_REVISION -> {
            at = varint(b, at, length);
            yield new String(b, at, length[0], StandardCharsets.UTF_8);
          }
          default -> null;
        };
    return new Entry(
        r.index(),
        new VersionSummary(
            r.version(), revision, STATUSES.get((flags >>> 2) & 0xF), ORIGINS.get(flags & 0x3)));
  }

  /** Reads a length at {@code at} into {@code value[0]}; returns where it ends. */
  private static int varint(byte[] b, int at, int[] value) throws IOException {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (at >= b.length) {
        throw new EOFException("a record cut short");
      }
      int x = b[at++] & 0xFF;
      v |= (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        value[0] = v;
        return at;
      }
    }
    throw new IOException("a record's length is malformed");
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
