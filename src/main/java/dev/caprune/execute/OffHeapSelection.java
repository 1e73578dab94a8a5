package dev.caprune.execute;

import dev.caprune.codeartifact.ListedVersions;
import dev.caprune.execute.VersionRecords.Entry;
import dev.caprune.select.Criteria;
import dev.caprune.select.Decision;
import dev.caprune.select.OrderedSelector;
import dev.caprune.select.PackageId;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.order.VersionOrder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The selection of a package whose listing left the heap ({@link SpillingListing}): its versions
 * sorted on disk ({@link ExternalSort}, the same order {@link dev.caprune.select.Selector} gives),
 * then two passes over the sorted file: the first checks the listing (a version listed twice, an
 * order that is not consistent) and counts what {@link OrderedSelector} needs, the second decides
 * and hands the decisions over in chunks of {@value #CHUNK} selected versions. Dry runs only: a
 * real run checks each package's revisions against a fresh listing held in memory.
 */
final class OffHeapSelection {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(OffHeapSelection.class);

  /** Selected versions a chunk holds. */
  static final int CHUNK = 1000;

  /**
   * A listing on disk.
   *
   * @param count the entries in the file (of a known status, repeats included)
   * @param first the index of the first of them (the listing's first version)
   * @param unknown the versions of a status this caprune does not know (never selected)
   */
  record Spilled(
      PackageId pkg,
      String what,
      VersionRecords.Writer file,
      int count,
      int first,
      Map<String, Unknown> unknown,
      Conflict conflict,
      String defaultDisplayVersion) {
    void discard() {
      file.discard();
    }
  }

  /** A version of a status this caprune does not know, and where it was first listed. */
  record Unknown(String status, int firstListed) {}

  /**
   * A version listed twice, differently, and the entry that shows it: of all, the listing in memory
   * stops at the one listed first, so its version is the one the error names.
   */
  record Conflict(String version, int at) {
    static Conflict earlier(Conflict a, Conflict b) {
      return a == null || (b != null && b.at() < a.at()) ? b : a;
    }
  }

  /** Where the chunks go: {@code chunk} counts from 0. */
  @FunctionalInterface
  interface Chunks {
    void accept(int chunk, PackageSelection selection);
  }

  private OffHeapSelection() {}

  /**
   * Selects from {@code s} (deleted when done, whatever happens).
   *
   * @param listed told of every version listed, in ascending order (exact {@code --version}s)
   * @param warnings told of each warning, in {@link dev.caprune.select.Selector}'s order
   * @return how many versions were selected
   */
  static long select(
      Spilled s,
      RepositoryRef repo,
      Criteria criteria,
      Memory memory,
      Consumer<String> listed,
      Consumer<String> warnings,
      Chunks chunks) {
    return select(s, repo, criteria, memory, listed, warnings, chunks, CHUNK);
  }

  /** {@link #select} with chunks of {@code chunk} selected versions (tests). */
  static long select(
      Spilled s,
      RepositoryRef repo,
      Criteria criteria,
      Memory memory,
      Consumer<String> listed,
      Consumer<String> warnings,
      Chunks chunks,
      int chunk) {
    PackageId pkg = s.pkg();
    VersionOrder order = VersionOrder.of(pkg.format());
    ExternalSort sorter = new ExternalSort(order, memory.runSize(), memory::checkStop);
    // A bit a listed entry (not a boxed index a repeat): a listing that repeats itself is cheap.
    java.util.BitSet drop = new java.util.BitSet();
    try {
      for (int attempt = 0; ; attempt++) {
        ExternalSort.Sorted sorted;
        int n = s.count() - drop.cardinality();
        long began = System.nanoTime();
        try (ExternalSort.Source source = source(s, drop)) {
          sorted = n == 0 ? null : sorter.sort(source, n);
        }
        LOG.debug(
            "{}: {} versions sorted on disk in {} ms, {} at a time in memory",
            pkg.display(),
            n,
            (System.nanoTime() - began) / 1_000_000,
            memory.runSize());
        if (sorted == null) {
          return 0;
        }
        try {
          OrderedSelector selector = new OrderedSelector(criteria, pkg);
          java.util.BitSet repeats =
              check(s, sorted, order, selector, listed, attempt == 0, memory);
          if (!repeats.isEmpty()) {
            drop = repeats; // sorted again without them, as a listing in memory never had them
            continue;
          }
          for (String w : selector.start(s.defaultDisplayVersion())) {
            warnings.accept(w);
          }
          return decide(s, repo, sorted, selector, warnings, chunks, chunk, memory);
        } finally {
          sorted.discard();
        }
      }
    } catch (IOException e) {
      throw diskFailure(pkg, e);
    } finally {
      s.discard();
    }
  }

  /** The listing's entries in order, but for the places in {@code drop}. */
  private static ExternalSort.Source source(Spilled s, java.util.BitSet drop) throws IOException {
    VersionRecords.Reader in = new VersionRecords.Reader(s.file().file());
    return new ExternalSort.Source() {
      @Override
      public VersionRecords.Raw next() throws IOException {
        while (true) {
          VersionRecords.Raw e = in.nextRaw();
          if (e == null || !drop.get(e.index())) {
            return e;
          }
        }
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  /**
   * The first pass: every version listed twice is believed only if both entries say the same, as in
   * memory; the order must be consistent (two neighbours in order both ways round); and the
   * selector counts.
   *
   * @return the places of the repeats to drop (each version's first entry stays); empty when there
   *     is none
   * @throws OffHeapFailure when the order is not consistent
   */
  private static java.util.BitSet check(
      Spilled s,
      ExternalSort.Sorted sorted,
      VersionOrder order,
      OrderedSelector selector,
      Consumer<String> listed,
      boolean repeatsAllowed,
      Memory memory)
      throws IOException {
    java.util.BitSet repeats = new java.util.BitSet();
    Conflict conflict = s.conflict();
    boolean consistent = true;
    Entry previous = null;
    Entry firstOfVersion = null;
    long seen = 0;
    try (ExternalSort.Source in = sorted.reader()) {
      for (VersionRecords.Raw raw = in.next(); raw != null; raw = in.next()) {
        Entry e = raw.decode();
        VersionSummary v = e.version();
        if (++seen % ExternalSort.CHECK_EVERY == 0) {
          memory.checkStop();
        }
        if (previous != null && previous.version().version().equals(v.version())) {
          // Another entry of the version: believed only if it says what the first said.
          VersionSummary first = firstOfVersion.version();
          if (first.status() != v.status() || !Objects.equals(first.revision(), v.revision())) {
            conflict = Conflict.earlier(conflict, new Conflict(v.version(), e.index()));
          }
          repeats.set(e.index()); // the sort keeps a version's entries in the order listed
          previous = e;
          continue;
        }
        firstOfVersion = e;
        Unknown u = s.unknown().isEmpty() ? null : s.unknown().get(v.version());
        if (u != null) {
          // Listed with a status this caprune knows and with one it does not: whichever came
          // second is the contradiction.
          conflict =
              Conflict.earlier(
                  conflict, new Conflict(v.version(), Math.max(u.firstListed(), e.index())));
        }
        if (previous != null && !inOrder(order, previous.version().version(), v.version())) {
          consistent = false;
        }
        // Counted now, worth it only if no entry repeats (else all is done again without them).
        selector.count(v, e.index() == s.first());
        listed.accept(v.version());
        previous = e;
      }
    }
    if (conflict != null) {
      throw ListedVersions.listedTwice(s.what(), conflict.version());
    }
    if (!repeats.isEmpty() && repeatsAllowed) {
      return repeats;
    }
    if (!consistent || !repeats.isEmpty()) {
      throw new OffHeapFailure(
          s.pkg().display()
              + ": its versions have no consistent "
              + s.pkg().format().wire()
              + " order, and at "
              + String.format(java.util.Locale.ROOT, "%,d", sorted.count)
              + " versions the package is too large to set them right off the heap; give caprune"
              + " more heap with CAPRUNE_JAVA_OPTS=-Xmx"
              + Memory.heapFor(sorted.count, Runtime.getRuntime().maxMemory(), 2),
          null);
    }
    return new java.util.BitSet();
  }

  private static boolean inOrder(VersionOrder order, String a, String b) {
    return order.compare(a, b) <= 0 && order.compare(b, a) >= 0;
  }

  /** The second pass: each decision, the listed ones handed over in chunks. */
  private static long decide(
      Spilled s,
      RepositoryRef repo,
      ExternalSort.Sorted sorted,
      OrderedSelector selector,
      Consumer<String> warnings,
      Chunks chunks,
      int size,
      Memory memory)
      throws IOException {
    long selected = 0;
    int inChunk = 0;
    int chunk = 0;
    List<Decision> decisions = new ArrayList<>();
    long seen = 0;
    try (ExternalSort.Source in = sorted.reader()) {
      for (VersionRecords.Raw raw = in.next(); raw != null; raw = in.next()) {
        if (++seen % ExternalSort.CHECK_EVERY == 0) {
          memory.checkStop();
        }
        VersionSummary v = raw.decode().version();
        Decision d = selector.decide(v);
        String warning = selector.warning(v);
        if (warning != null) {
          warnings.accept(warning);
        }
        if (!d.listed()) {
          continue;
        }
        decisions.add(d);
        if (d.selected()) {
          selected++;
          if (++inChunk == size) {
            chunks.accept(
                chunk++,
                new PackageSelection(
                    repo, s.pkg(), s.defaultDisplayVersion(), decisions, List.of()));
            decisions = new ArrayList<>();
            inChunk = 0;
          }
        }
      }
    }
    if (!decisions.isEmpty()) {
      chunks.accept(
          chunk,
          new PackageSelection(repo, s.pkg(), s.defaultDisplayVersion(), decisions, List.of()));
    }
    return selected;
  }

  /** What went wrong, in words: a file system's reason and file, or the message. */
  private static String why(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f) {
      String reason =
          f.getReason() != null
              ? f.getReason()
              : f.getClass().getSimpleName().replace("Exception", "");
      return f.getFile() == null ? reason : reason + ": " + f.getFile();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The line of a listing that could not be written to the disk. */
  static OffHeapFailure diskFailure(PackageId pkg, IOException e) {
    java.nio.file.Path dir = SpillDirectory.directory();
    String where =
        dir != null
            ? dir.toString()
            : System.getProperty("java.io.tmpdir", "the temporary directory");
    return new OffHeapFailure(
        pkg.display()
            + ": cannot write its listing to "
            + where
            + " ("
            + why(e)
            + "); make room there, or name another directory with CAPRUNE_JAVA_OPTS="
            + "-Djava.io.tmpdir=DIR",
        e);
  }
}
