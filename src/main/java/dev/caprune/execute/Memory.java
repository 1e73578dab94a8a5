package dev.caprune.execute;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run holds in memory: the budget that admits packages into the workers by the memory
 * their listing needs, and the one line to say if the heap runs out anyway.
 *
 * <p>A package's size is unknown until it is listed, so each package is charged page by page as its
 * versions arrive ({@link #BYTES_PER_VERSION} a version), and released when its work (selection,
 * writes, report lines) is done. A package whose page would overspend the budget waits, unless it
 * is the oldest package in flight: that one always proceeds, over the budget if it must. So small
 * packages run side by side, a large one runs alone once the others have drained, and the run
 * cannot deadlock: the oldest package never waits, and no package's work waits for another's.
 */
public final class Memory {
  private static final Logger LOG = LoggerFactory.getLogger(Memory.class);

  /** The system property that sets the budget in bytes (tests, and the curious). */
  public static final String BUDGET_PROPERTY = "caprune.memoryBudget";

  /**
   * What a listed version costs until its package is done, measured with a heap histogram during a
   * dry run of one 300,000-version package (its version string and revision, its record, the
   * selection's decision, and the order keys and indices selection sorts while the decisions are
   * made), rounded up.
   */
  public static final long BYTES_PER_VERSION = 280;

  /** Heap kept out of the budget: the JVM's, the AWS SDK's and caprune's own working set. */
  static final long RESERVE = 48L << 20;

  /** The smallest budget: a few pages of versions in flight, whatever the heap. */
  static final long MINIMUM = 1L << 20;

  /** How often a waiting package looks for a stop. */
  private static final long POLL_MILLIS = 50;

  private final long budget;
  private final Stop stop;
  private final Set<Ticket> inFlight = new LinkedHashSet<>();
  private long used;
  private long peak;
  private int peakOverBudget;
  private long waits;
  private long largestPackage;
  private volatile boolean holdsReport = true;
  private volatile boolean protectsDependencies;
  private volatile boolean streamsDryRun;
  private volatile String heldWhole;
  private volatile String line = Pipeline.OUT_OF_MEMORY;

  /**
   * @param budget bytes of listed versions the packages in flight may hold together
   * @param stop a stop request ends any wait at once
   */
  public Memory(long budget, Stop stop) {
    this.budget = Math.max(1, budget);
    this.stop = stop;
  }

  /**
   * The line of the latest run, encoded up front: the heap may run out on any thread (an HTTP
   * helper, a timer), and by then there may be no memory left to build it. One process runs one
   * command; tests run theirs one after another.
   */
  private static volatile byte[] latest = encode(Pipeline.OUT_OF_MEMORY);

  private static volatile String latestLine = Pipeline.OUT_OF_MEMORY;

  private static byte[] encode(String line) {
    return ("caprune: " + line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Makes this run's line the one said if the heap runs out (a scan starting, the format known);
   * updated as the largest package grows.
   */
  synchronized void publish() {
    String line = outOfMemory();
    this.line = line;
    latestLine = line;
    latest = encode(line);
  }

  /** The latest run's line, as {@code caprune: ...\n} in UTF-8. */
  public static byte[] latestEncoded() {
    return latest;
  }

  /** The latest run's line (a policy run's target that ran out of heap). */
  public static String latest() {
    return latestLine;
  }

  /**
   * The budget for this JVM: {@value #BUDGET_PROPERTY} if set, else a quarter of what the heap has
   * beyond {@link #RESERVE}: {@code max(1 MiB, (Runtime.maxMemory() - 48 MiB) / 4)}. The rest is
   * for the package allowed over the budget (the oldest), for what the report holds, and for the
   * garbage collector's room to work.
   */
  public static Memory ofHeap(Stop stop) {
    Long set = Long.getLong(BUDGET_PROPERTY);
    if (set != null) {
      return new Memory(set, stop);
    }
    return new Memory(budgetFor(Runtime.getRuntime().maxMemory()), stop);
  }

  static long budgetFor(long maxHeap) {
    return Math.max(MINIMUM, (maxHeap - RESERVE) / 4);
  }

  public long budget() {
    return budget;
  }

  /** Registers one package about to be listed; never waits. Close the ticket when it is done. */
  public synchronized Ticket admit() {
    Ticket t = new Ticket();
    inFlight.add(t);
    return t;
  }

  /** One package in flight: what its listing has been charged so far. */
  public final class Ticket implements AutoCloseable {
    private long charged;
    private long versions;

    private Ticket() {}

    /**
     * Charges {@code count} more listed versions, waiting while the budget is spent unless this is
     * the oldest package in flight.
     *
     * @throws Stop.StoppedException once a stop is requested while waiting
     */
    public void charge(int count) {
      long bytes = count * BYTES_PER_VERSION;
      synchronized (Memory.this) {
        boolean waited = false;
        while (!isOldest(this) && used + bytes > budget) {
          if (stop.requested()) {
            throw new Stop.StoppedException();
          }
          if (!waited) {
            waits++; // counted as it starts: a wait a signal ends was a wait too
          }
          waited = true;
          try {
            Memory.this.wait(POLL_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop.StoppedException();
          }
        }
        used += bytes;
        charged += bytes;
        versions += count;
        peak = Math.max(peak, used);
        if (charged > budget) {
          int over = 0;
          for (Ticket t : inFlight) {
            if (t.charged > budget) {
              over++;
            }
          }
          peakOverBudget = Math.max(peakOverBudget, over);
        }
        if (versions > largestPackage) {
          largestPackage = versions;
          publish(); // a page's worth of work: the line names the largest package so far
        }
      }
    }

    /** What this package's listing has been charged, in bytes. */
    public long charged() {
      synchronized (Memory.this) {
        return charged;
      }
    }

    /**
     * The package's listing has left the heap: what it was charged is free for the others (it stays
     * in flight; {@link #charge} its working set again).
     */
    public void release() {
      synchronized (Memory.this) {
        used -= charged;
        charged = 0;
        Memory.this.notifyAll();
      }
    }

    /** The package's work is done: what it was charged is free for the others. */
    @Override
    public void close() {
      synchronized (Memory.this) {
        if (inFlight.remove(this)) {
          used -= charged;
          Memory.this.notifyAll();
        }
      }
    }
  }

  private boolean isOldest(Ticket t) {
    return inFlight.iterator().next() == t;
  }

  /** What admission saw, for the log at the end of a scan and for tests. */
  public record Stats(
      long budget, long peakBytes, int peakOverBudget, long waits, long largestPackage) {}

  public synchronized Stats stats() {
    return new Stats(budget, peak, peakOverBudget, waits, largestPackage);
  }

  /** Logs what admission saw (at debug level: {@code -vv}). */
  void log() {
    Stats s = stats();
    LOG.debug(
        "memory: budget {} bytes, peak {} bytes charged, at most {} package(s) over the budget at"
            + " once, {} wait(s), largest package {} versions",
        s.budget(),
        s.peakBytes(),
        s.peakOverBudget(),
        s.waits(),
        s.largestPackage());
  }

  /**
   * Whether a package whose listing outgrows the budget may leave the heap (be sorted and selected
   * on disk): only in a dry run whose report streams ({@code -o ndjson}, {@code -o csv}), with no
   * prompt and nothing that holds a package's versions to the end ({@code --sizes}, {@code
   * --delete-empty-packages}, {@code --protect-dependencies}).
   */
  public boolean mayLeaveHeap() {
    return streamsDryRun && !protectsDependencies;
  }

  /** Set by the pipeline before a scan: see {@link #mayLeaveHeap}. */
  void streamsDryRun(boolean on) {
    streamsDryRun = on;
    publish();
  }

  /**
   * The criteria keep every package whole in memory even where it could leave the heap ({@code
   * why}: a time window, say): the line said when the heap runs out names it.
   */
  void heldWhole(String why) {
    if (!java.util.Objects.equals(heldWhole, why)) {
      heldWhole = why;
      publish();
    }
  }

  /** How many versions a package off the heap sorts in memory at once: its budget's worth. */
  public int runSize() {
    return (int) Math.max(16, Math.min(1 << 16, budget / BYTES_PER_VERSION));
  }

  /** Throws once a stop is requested (long work off the heap looks here). */
  public void checkStop() {
    if (stop.requested()) {
      throw new Stop.StoppedException();
    }
  }

  /** The report is held until the end ({@code table}, {@code json}, {@code markdown}). */
  void holdsReport(boolean on) {
    holdsReport = on;
    publish();
  }

  /** {@code --protect-dependencies}: the cleaned repositories' remaining versions are held. */
  void protectsDependencies() {
    protectsDependencies = true;
    publish();
  }

  /**
   * This run's line, built beforehand (when the format became known, a scan started, the largest
   * package grew): catching the error must not need memory.
   */
  public String line() {
    return line;
  }

  /** The one line said when the heap runs out: what would help this run. */
  public synchronized String outOfMemory() {
    String line =
        outOfMemory(
            holdsReport, protectsDependencies, largestPackage, Runtime.getRuntime().maxMemory());
    String why = heldWhole;
    if (streamsDryRun && !protectsDependencies && why != null) {
      line +=
          "; "
              + why
              + " keeps each package whole in memory (without it, a package larger than the heap"
              + " is sorted on disk)";
    }
    return line;
  }

  static String outOfMemory(
      boolean holdsReport, boolean protectsDependencies, long largestPackage, long maxHeap) {
    StringBuilder s = new StringBuilder(Pipeline.OUT_OF_MEMORY_PREFIX);
    if (protectsDependencies) {
      s.append(
              "--protect-dependencies holds every remaining version of the cleaned repositories; give"
                  + " caprune more heap with CAPRUNE_JAVA_OPTS=-Xmx")
          .append(heapFor(largestPackage, maxHeap, 4));
      if (holdsReport) {
        s.append(", or use -o ndjson (the report is then written as it goes)");
      }
    } else if (holdsReport) {
      s.append(
              "use -o ndjson or -o csv (their memory is bounded by the largest package), or give"
                  + " caprune more heap with CAPRUNE_JAVA_OPTS=-Xmx")
          .append(heapFor(largestPackage, maxHeap, 2));
    } else {
      s.append("give caprune more heap with CAPRUNE_JAVA_OPTS=-Xmx")
          .append(heapFor(largestPackage, maxHeap, 2));
      if (largestPackage > 0) {
        s.append(" (its largest package has ")
            .append(String.format(Locale.ROOT, "%,d", largestPackage))
            .append(" versions)");
      }
    }
    return s.toString();
  }

  /**
   * A heap size worth trying, as {@code -Xmx} writes it: room for the largest package seen twice
   * over beside the reserve (the package over the budget, and the budget and the collector's room),
   * at least {@code factor} times the heap that ran out, rounded up to a power of two in MiB (at
   * least 1g).
   */
  static String heapFor(long largestPackage, long maxHeap, int factor) {
    long needed =
        Math.max(RESERVE + 2 * largestPackage * BYTES_PER_VERSION, factor * Math.max(0, maxHeap));
    long mib = Math.max(1024, Long.highestOneBit(Math.max(1, (needed - 1) >> 20)) << 1);
    return mib % 1024 == 0 ? (mib / 1024) + "g" : mib + "m";
  }
}
