package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The workers' pool: its concurrency, and growing to its ceiling and no further. */
class WorkersTest {
  /** The most items running at once while each waits until {@code release} opens. */
  private static int mostAtOnce(Workers w, int items, Runnable whileBusy) throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    Thread t =
        new Thread(
            () ->
                w.map(
                    IntStream.range(0, items).boxed().toList(),
                    i -> {
                      most.accumulateAndGet(running.incrementAndGet(), Math::max);
                      try {
                        release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      running.decrementAndGet();
                      return i;
                    }));
    t.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (running.get() < Math.min(items, w.size()) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    whileBusy.run();
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (running.get() < Math.min(items, w.size()) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(50); // room for one more than allowed to show
    release.countDown();
    t.join(10_000);
    return most.get();
  }

  @Test
  void runsAtItsConcurrencyWhenItDoesNotGrow() throws Exception {
    try (Workers w = new Workers(3, new Stop())) {
      assertThat(mostAtOnce(w, 10, w::grow)).isEqualTo(3);
      assertThat(w.size()).isEqualTo(3);
    }
  }

  @Test
  void growsOneThreadAtATimeUpToItsCeilingAndWaitingItemsStartAtOnce() throws Exception {
    try (Workers w = new Workers(2, 4, new Stop(), Memory.ofHeap(new Stop()))) {
      int most =
          mostAtOnce(
              w,
              10,
              () -> {
                for (int i = 0; i < 5; i++) {
                  w.grow();
                }
              });
      assertThat(most).isEqualTo(4);
      assertThat(w.size()).isEqualTo(4);
    }
  }

  @Test
  void resultsKeepTheInputOrderWhileItGrows() {
    try (Workers w = new Workers(1, 8, new Stop(), Memory.ofHeap(new Stop()))) {
      ConcurrentHashMap<String, Boolean> threads = new ConcurrentHashMap<>();
      List<Integer> out =
          w.map(
              IntStream.range(0, 200).boxed().toList(),
              i -> {
                threads.put(
                    Thread.currentThread().getName() + Thread.currentThread().getId(), true);
                if (i % 20 == 0) {
                  w.grow();
                }
                return i * 2;
              });
      assertThat(out).isEqualTo(IntStream.range(0, 200).map(i -> i * 2).boxed().toList());
      assertThat(w.size()).isEqualTo(8);
    }
  }
}
