package dev.caprune.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A pool of daemon worker threads for one run; results keep the input order. It starts with {@code
 * concurrency} threads and may {@link #grow} up to a ceiling.
 */
public final class Workers implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  private final int ceiling;
  private final Stop stop;
  private final Memory memory;

  public Workers(int concurrency) {
    this(concurrency, new Stop());
  }

  /**
   * @param stop a forced stop ({@link Stop#force()}) ends {@link #map} without waiting for the
   *     items in flight
   */
  public Workers(int concurrency, Stop stop) {
    this(concurrency, stop, Memory.ofHeap(stop));
  }

  /**
   * @param memory admits the packages of a scan by the memory their listings need
   */
  public Workers(int concurrency, Stop stop, Memory memory) {
    this(concurrency, concurrency, stop, memory);
  }

  /**
   * @param ceiling how many threads {@link #grow} may bring it to (at most {@code concurrency}:
   *     never grows)
   */
  public Workers(int concurrency, int ceiling, Stop stop, Memory memory) {
    this.stop = stop;
    this.memory = memory;
    int threads = Math.max(1, concurrency);
    this.ceiling = Math.max(threads, ceiling);
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0L,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "caprune-worker");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * One thread more, up to the ceiling; items waiting for a thread get it at once. Called when the
   * run's writes find the write rate unused because every worker is busy (in a call, or listing),
   * as happens when calls answer slowly: a package's writes are made one after another by the
   * worker that listed it, so {@code concurrency} workers make at most {@code concurrency} writes a
   * call's latency.
   */
  public void grow() {
    synchronized (pool) {
      int now = pool.getMaximumPoolSize();
      if (now >= ceiling || pool.isShutdown()) {
        return;
      }
      pool.setMaximumPoolSize(now + 1);
      pool.setCorePoolSize(now + 1);
    }
  }

  /** How many threads it has now (its concurrency, grown or not). */
  public int size() {
    return pool.getMaximumPoolSize();
  }

  /** The run's memory budget, and what to say if the heap runs out. */
  public Memory memory() {
    return memory;
  }

  /**
   * Applies {@code work} to every item, {@code concurrency} at a time. The first exception thrown
   * by any item is rethrown once every item that had started has finished (items not yet started
   * then never start): whatever a running item does is finished and recorded before the caller
   * reports. Only a forced stop returns earlier, with {@link Stop.StoppedException}.
   */
  public <T, R> List<R> map(List<T> items, Function<T, R> work) {
    List<Future<R>> futures = new ArrayList<>(items.size());
    Throwable[] first = new Throwable[1];
    for (T item : items) {
      futures.add(
          pool.submit(
              () -> {
                synchronized (first) {
                  if (first[0] != null) {
                    return null; // one failure ends the run: nothing new starts
                  }
                }
                try {
                  return work.apply(item);
                } catch (RuntimeException | Error e) {
                  synchronized (first) {
                    if (first[0] == null) {
                      first[0] = e;
                    }
                  }
                  throw e;
                }
              }));
    }
    List<R> results = new ArrayList<>(items.size());
    for (Future<R> f : futures) {
      results.add(await(f));
    }
    synchronized (first) {
      if (first[0] instanceof RuntimeException re) {
        throw re;
      }
      if (first[0] instanceof Error e) {
        throw e;
      }
    }
    return results;
  }

  private <R> R await(Future<R> f) {
    while (true) {
      if (stop.forced()) {
        throw new Stop.StoppedException();
      }
      try {
        return f.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // check for a forced stop, then wait on
      } catch (ExecutionException e) {
        return null; // recorded in map's first failure
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop.StoppedException();
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
