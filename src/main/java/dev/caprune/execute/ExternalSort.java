package dev.caprune.execute;

import dev.caprune.execute.VersionRecords.Raw;
import dev.caprune.select.Ascending;
import dev.caprune.select.order.VersionOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts a listing too large for the heap by the format's version order, on disk, in bounded memory,
 * and gives exactly the order {@link dev.caprune.select.Selector} gives in memory: the same merge
 * sort ({@link Ascending#mergeSort}), split at the same places, ranges of up to {@code run}
 * versions sorted in memory by it, the larger ones merged from disk as it merges them (left first
 * on a tie, and no merge at all when the left range's last version is not above the right one's
 * first). Because every split and comparison is the same, the result is the same even where the
 * format's order is not transitive (Maven's odd versions).
 *
 * <p>A range already in order costs nothing to merge: its two halves are kept as they are, one
 * after the other. Each merge reads both halves once and writes them once, so the disk holds at
 * most about twice the listing at a time, beside the listing itself.
 */
final class ExternalSort {
  /** How often (in versions) a long pass looks for a stop. */
  static final int CHECK_EVERY = 4096;

  /** Where the versions come from: the listing's, in its order, once each. */
  interface Source extends java.io.Closeable {
    /** The next entry (its index its place among the entries given), never null while counted. */
    Raw next() throws IOException;

    @Override
    default void close() throws IOException {}
  }

  /** A sorted range: its files, one after the other, with its first and last entries. */
  static final class Sorted {
    final List<VersionRecords.Writer> parts;
    final long count;
    final Raw first;
    final Raw last;

    Sorted(List<VersionRecords.Writer> parts, long count, Raw first, Raw last) {
      this.parts = parts;
      this.count = count;
      this.first = first;
      this.last = last;
    }

    /** Its entries in order, file after file. */
    Source reader() {
      return new Source() {
        private int part;
        private VersionRecords.Reader current;

        @Override
        public Raw next() throws IOException {
          while (true) {
            if (current == null) {
              if (part == parts.size()) {
                return null;
              }
              current = new VersionRecords.Reader(parts.get(part++).file());
            }
            Raw e = current.nextRaw();
            if (e != null) {
              return e;
            }
            current.close();
            current = null;
          }
        }

        @Override
        public void close() throws IOException {
          if (current != null) {
            current.close();
            current = null;
          }
        }
      };
    }

    void discard() {
      for (VersionRecords.Writer w : parts) {
        w.discard();
      }
    }
  }

  private final VersionOrder order;
  private final int run;
  private final Runnable checkStop;

  /**
   * @param run the most versions sorted in memory at once (at least 16)
   * @param checkStop throws when the run is to stop
   */
  ExternalSort(VersionOrder order, int run, Runnable checkStop) {
    this.order = order;
    this.run = Math.max(16, run);
    this.checkStop = checkStop;
  }

  /** Sorts the {@code n} entries {@code source} gives. */
  Sorted sort(Source source, int n) throws IOException {
    return sort(source, 0, n);
  }

  private Sorted sort(Source source, int from, int to) throws IOException {
    int size = to - from;
    if (size <= run) {
      return leaf(source, size);
    }
    int mid = Ascending.split(from, to);
    Sorted left = sort(source, from, mid);
    Sorted right;
    try {
      right = sort(source, mid, to);
    } catch (IOException | RuntimeException e) {
      left.discard();
      throw e;
    }
    if (order.compare(left.last.version(), right.first.version()) <= 0) {
      // Already in order: the merge would keep it as it is.
      List<VersionRecords.Writer> parts = new ArrayList<>(left.parts);
      parts.addAll(right.parts);
      return new Sorted(parts, left.count + right.count, left.first, right.last);
    }
    try {
      return merge(left, right);
    } finally {
      left.discard();
      right.discard();
    }
  }

  /** Sorts {@code size} entries in memory, exactly as {@link Ascending#mergeSort} does. */
  private Sorted leaf(Source source, int size) throws IOException {
    checkStop.run();
    List<Raw> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Raw e = source.next();
      if (e == null) {
        throw new IOException("the listing's file ended early");
      }
      entries.add(e);
    }
    VersionOrder.Keys keys =
        order.keys(
            new java.util.AbstractList<String>() {
              @Override
              public String get(int i) {
                return entries.get(i).version();
              }

              @Override
              public int size() {
                return entries.size();
              }
            });
    int[] a = new int[size];
    for (int i = 0; i < size; i++) {
      a[i] = i;
    }
    Ascending.mergeSort(a, new int[size], 0, size, keys);
    VersionRecords.Writer w = new VersionRecords.Writer("run");
    try (w) {
      for (int i : a) {
        w.write(entries.get(i));
      }
    } catch (IOException | RuntimeException e) {
      w.discard();
      throw e;
    }
    return new Sorted(List.of(w), size, entries.get(a[0]), entries.get(a[size - 1]));
  }

  /** Merges two sorted ranges from disk: the left one's entry first unless the right's is lower. */
  private Sorted merge(Sorted left, Sorted right) throws IOException {
    VersionRecords.Writer w = new VersionRecords.Writer("merge");
    Raw first = null;
    Raw last = null;
    try (w;
        Source l = left.reader();
        Source r = right.reader()) {
      Raw a = l.next();
      Raw b = r.next();
      long written = 0;
      while (a != null || b != null) {
        Raw take;
        if (b == null || (a != null && order.compare(a.version(), b.version()) <= 0)) {
          take = a;
          a = l.next();
        } else {
          take = b;
          b = r.next();
        }
        w.write(take);
        if (first == null) {
          first = take;
        }
        last = take;
        if (++written % CHECK_EVERY == 0) {
          checkStop.run();
        }
      }
    } catch (IOException | RuntimeException e) {
      w.discard();
      throw e;
    }
    return new Sorted(List.of(w), left.count + right.count, first, last);
  }

  /** The files of a range, for tests. */
  static List<Path> files(Sorted s) {
    return s.parts.stream().map(VersionRecords.Writer::file).toList();
  }
}
