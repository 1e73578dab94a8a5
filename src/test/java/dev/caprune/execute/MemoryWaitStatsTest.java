package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What {@code -vv} says admission saw counts every wait, also one that a signal ended: a run
 * stopped while its packages queued for memory must not log that none waited.
 */
class MemoryWaitStatsTest {
  private static final int PAGE = 1_000;

  @Test
  void aWaitEndedByAStopIsCounted() throws Exception {
    Stop stop = new Stop();
    Memory memory = new Memory(PAGE * Memory.BYTES_PER_VERSION, stop);
    Memory.Ticket oldest = memory.admit();
    oldest.charge(PAGE);
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
    // The waiter is in its wait once its thread waits (bounded; no sleep guessed).
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    stop.request();
    t.join(10_000);
    assertThat(thrown.get()).isInstanceOf(Stop.StoppedException.class);
    assertThat(memory.stats().waits()).isEqualTo(1);
    waiting.close();
    oldest.close();
  }
}
