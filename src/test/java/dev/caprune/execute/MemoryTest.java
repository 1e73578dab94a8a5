package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Admission by memory: the budget, the oldest package's right of way, stops, and the advice. */
class MemoryTest {
  private static final long PAGE = 1_000;
  private static final long PAGE_BYTES = PAGE * Memory.BYTES_PER_VERSION;

  @Test
  void theOldestPackageProceedsOverTheBudgetAndAYoungerOneWaitsForItsRelease() throws Exception {
    Memory memory = new Memory(2 * PAGE_BYTES, new Stop());
    Memory.Ticket oldest = memory.admit();
    Memory.Ticket younger = memory.admit();
    for (int i = 0; i < 5; i++) {
      oldest.charge((int) PAGE); // never waits, though the budget is two pages
    }
    CountDownLatch charged = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              younger.charge((int) PAGE);
              charged.countDown();
            });
    t.start();
    assertThat(charged.await(300, TimeUnit.MILLISECONDS)).as("waits while spent").isFalse();
    oldest.close();
    assertThat(charged.await(5, TimeUnit.SECONDS)).as("admitted once released").isTrue();
    t.join();
    younger.close();
    Memory.Stats s = memory.stats();
    assertThat(s.peakBytes()).isEqualTo(5 * PAGE_BYTES);
    assertThat(s.waits()).isEqualTo(1);
    assertThat(s.peakOverBudget()).isEqualTo(1);
    assertThat(s.largestPackage()).isEqualTo(5 * PAGE);
  }

  @Test
  void smallPackagesShareTheBudgetWithoutWaiting() {
    Memory memory = new Memory(10 * PAGE_BYTES, new Stop());
    List<Memory.Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Memory.Ticket t = memory.admit();
      t.charge((int) PAGE); // the tenth fills the budget exactly: no wait
      tickets.add(t);
    }
    tickets.forEach(Memory.Ticket::close);
    assertThat(memory.stats().waits()).isZero();
    assertThat(memory.stats().peakBytes()).isEqualTo(10 * PAGE_BYTES);
  }

  /**
   * Many threads, packages of every size, a budget smaller than most of them: every package
   * completes (no deadlock), only the oldest ever exceeds the budget, and a package that waited was
   * admitted within the budget or as the oldest.
   */
  @Test
  void manyThreadsOfMixedSizesAllCompleteAndOnlyTheOldestExceedsTheBudget() throws Exception {
    long budget = 3 * PAGE_BYTES;
    Memory memory = new Memory(budget, new Stop());
    int packages = 400;
    ExecutorService pool = Executors.newFixedThreadPool(32);
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Future<?>> futures = new ArrayList<>();
    for (int p = 0; p < packages; p++) {
      long seed = p;
      futures.add(
          pool.submit(
              () -> {
                Random random = new Random(seed);
                int pages = random.nextInt(10) == 0 ? 5 + random.nextInt(5) : 1;
                try (Memory.Ticket t = memory.admit()) {
                  for (int i = 0; i < pages; i++) {
                    t.charge(1 + random.nextInt((int) PAGE));
                    Thread.sleep(random.nextInt(3)); // a page's call
                  }
                  done.incrementAndGet();
                } catch (RuntimeException | Error | InterruptedException e) {
                  failure.compareAndSet(null, e);
                }
              }));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("no deadlock").isTrue();
    for (Future<?> f : futures) {
      f.get();
    }
    assertThat(failure.get()).isNull();
    assertThat(done.get()).isEqualTo(packages);
    Memory.Stats s = memory.stats();
    assertThat(s.peakOverBudget()).isEqualTo(1); // some package of 5+ pages went over, alone
    // Over the budget only by the oldest package's own charge (at most 10 pages).
    assertThat(s.peakBytes()).isLessThanOrEqualTo(budget + 10 * PAGE_BYTES);
    assertThat(s.waits()).isPositive();
  }

  @Test
  void aStopEndsAWaitPromptly() throws Exception {
    Stop stop = new Stop();
    Memory memory = new Memory(PAGE_BYTES, stop);
    Memory.Ticket oldest = memory.admit();
    oldest.charge((int) PAGE);
    Memory.Ticket waiting = memory.admit();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean charged = new AtomicBoolean();
    Thread t =
        new Thread(
            () -> {
              try {
                waiting.charge(1);
                charged.set(true);
              } catch (Stop.StoppedException e) {
                thrown.set(e);
              }
            });
    t.start();
    Thread.sleep(200);
    assertThat(t.isAlive()).isTrue();
    long start = System.nanoTime();
    stop.request();
    t.join(5_000);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
    assertThat(thrown.get()).isInstanceOf(Stop.StoppedException.class);
    assertThat(charged.get()).isFalse();
    waiting.close();
    oldest.close();
    assertThat(memory.stats().peakBytes()).isEqualTo(PAGE_BYTES);
  }

  @Test
  void anInterruptEndsAWait() throws Exception {
    Memory memory = new Memory(PAGE_BYTES, new Stop());
    memory.admit().charge((int) PAGE);
    Memory.Ticket waiting = memory.admit();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                waiting.charge(1);
              } catch (Stop.StoppedException e) {
                thrown.set(e);
              }
            });
    t.start();
    Thread.sleep(100);
    t.interrupt();
    t.join(5_000);
    assertThat(thrown.get()).isInstanceOf(Stop.StoppedException.class);
  }

  @Test
  void aStopAlreadyRequestedDoesNotStopAPackageThatNeedNotWait() {
    Stop stop = new Stop();
    stop.request();
    Memory memory = new Memory(PAGE_BYTES, stop);
    Memory.Ticket t = memory.admit();
    t.charge((int) PAGE); // the oldest: its listing ends as the calls' own stop check says
    Memory.Ticket younger = memory.admit();
    assertThatThrownBy(() -> younger.charge(1)).isInstanceOf(Stop.StoppedException.class);
  }

  @Test
  void theBudgetIsAQuarterOfTheHeapBeyondTheReserve() {
    long mib = 1L << 20;
    assertThat(Memory.budgetFor(64 * mib)).isEqualTo(4 * mib);
    assertThat(Memory.budgetFor(1024 * mib)).isEqualTo(244 * mib);
    assertThat(Memory.budgetFor(48 * mib)).isEqualTo(Memory.MINIMUM);
  }

  @Test
  void aPropertySetsTheBudget() {
    String before = System.getProperty(Memory.BUDGET_PROPERTY);
    System.setProperty(Memory.BUDGET_PROPERTY, "12345");
    try {
      assertThat(Memory.ofHeap(new Stop()).budget()).isEqualTo(12345);
    } finally {
      if (before == null) {
        System.clearProperty(Memory.BUDGET_PROPERTY);
      } else {
        System.setProperty(Memory.BUDGET_PROPERTY, before);
      }
    }
    assertThat(Memory.ofHeap(new Stop()).budget())
        .isEqualTo(Memory.budgetFor(Runtime.getRuntime().maxMemory()));
  }

  @Test
  void aReportHeldUntilTheEndIsToldToStream() {
    String line = Memory.outOfMemory(true, false, 0, 64L << 20);
    assertThat(line)
        .isEqualTo(
            "out of memory: use -o ndjson or -o csv (their memory is bounded by the largest"
                + " package), or give caprune more heap with CAPRUNE_JAVA_OPTS=-Xmx1g");
  }

  @Test
  void aStreamedReportIsToldToUseMoreHeapSizedByTheLargestPackage() {
    String line = Memory.outOfMemory(false, false, 2_000_000, 64L << 20);
    // 48 MiB + 2 x 2,000,000 x 280 B = 1.1 GiB: the next power of two.
    assertThat(line)
        .isEqualTo(
            "out of memory: give caprune more heap with CAPRUNE_JAVA_OPTS=-Xmx2g (its largest"
                + " package has 2,000,000 versions)")
        .doesNotContain("ndjson");
    assertThat(Memory.outOfMemory(false, false, 0, 64L << 20))
        .isEqualTo("out of memory: give caprune more heap with CAPRUNE_JAVA_OPTS=-Xmx1g");
    // At least twice the heap that ran out.
    assertThat(Memory.outOfMemory(false, false, 10, 3L << 30)).contains("-Xmx8g");
  }

  @Test
  void aDependencyProtectingRunSaysWhatItHolds() {
    String streamed = Memory.outOfMemory(false, true, 100_000, 64L << 20);
    assertThat(streamed)
        .isEqualTo(
            "out of memory: --protect-dependencies holds every remaining version of the cleaned"
                + " repositories; give caprune more heap with CAPRUNE_JAVA_OPTS=-Xmx1g")
        .doesNotContain("ndjson");
    assertThat(Memory.outOfMemory(true, true, 0, 512L << 20))
        .isEqualTo(
            "out of memory: --protect-dependencies holds every remaining version of the cleaned"
                + " repositories; give caprune more heap with CAPRUNE_JAVA_OPTS=-Xmx2g, or use -o"
                + " ndjson (the report is then written as it goes)");
  }

  @Test
  void theLatestRunsLineIsEncodedUpFrontAndFollowsTheLargestPackage() {
    Memory memory = new Memory(PAGE_BYTES, new Stop());
    memory.holdsReport(false);
    assertThat(Memory.latest()).isEqualTo(memory.outOfMemory());
    try (Memory.Ticket t = memory.admit()) {
      for (int i = 0; i < 2_000; i++) {
        t.charge((int) PAGE);
      }
    }
    assertThat(Memory.latest())
        .isEqualTo(Memory.outOfMemory(false, false, 2_000_000, Runtime.getRuntime().maxMemory()))
        .contains("its largest package has 2,000,000 versions");
    assertThat(new String(Memory.latestEncoded(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("caprune: " + Memory.latest() + "\n");
    assertThat(dev.caprune.execute.Pipeline.isOutOfMemory(Memory.latest())).isTrue();
  }

  @Test
  void aDryRunThatCouldLeaveTheHeapNamesWhatKeptItsPackagesWhole() {
    Memory memory = new Memory(PAGE_BYTES, new Stop());
    memory.holdsReport(false);
    memory.heldWhole("--protect-file");
    assertThat(memory.outOfMemory()).doesNotContain("--protect-file"); // it could not have left
    memory.streamsDryRun(true);
    assertThat(memory.mayLeaveHeap()).isTrue();
    assertThat(memory.outOfMemory())
        .startsWith(Pipeline.OUT_OF_MEMORY_PREFIX + "give caprune more heap")
        .endsWith(
            "; --protect-file keeps each package whole in memory (without it, a package larger"
                + " than the heap is sorted on disk)");
    assertThat(Memory.latest()).isEqualTo(memory.outOfMemory());
    memory.protectsDependencies();
    assertThat(memory.mayLeaveHeap()).isFalse();
    assertThat(memory.outOfMemory()).doesNotContain("sorted on disk");
  }

  @Test
  void aPackageThatLeftTheHeapGivesItsChargeBackAndKeepsItsPlace() throws Exception {
    Memory memory = new Memory(PAGE_BYTES, new Stop());
    try (Memory.Ticket big = memory.admit();
        Memory.Ticket small = memory.admit()) {
      big.charge((int) (3 * PAGE)); // the oldest: over the budget
      assertThat(big.charged()).isEqualTo(3 * PAGE_BYTES);
      big.release();
      assertThat(big.charged()).isZero();
      small.charge((int) PAGE); // fits now, without waiting
      assertThat(memory.stats().waits()).isZero();
      big.charge(1); // still the oldest: never waits
      assertThat(memory.stats().waits()).isZero();
    }
  }
}
