package dev.caprune.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** A fixed pool of daemon worker threads for one run; results keep the input order. */
public final class Workers implements AutoCloseable {
  private final ExecutorService pool;

  public Workers(int concurrency) {
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, concurrency),
            r -> {
              Thread t = new Thread(r, "caprune-worker");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Applies {@code work} to every item, {@code concurrency} at a time; the first exception thrown
   * by any item is rethrown (after every started item has finished).
   */
  public <T, R> List<R> map(List<T> items, Function<T, R> work) {
    List<Future<R>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(pool.submit(() -> work.apply(item)));
    }
    List<R> results = new ArrayList<>(items.size());
    RuntimeException first = null;
    for (Future<R> f : futures) {
      try {
        results.add(f.get());
      } catch (CancellationException e) {
        results.add(null);
      } catch (ExecutionException e) {
        results.add(null);
        if (first == null) {
          first =
              e.getCause() instanceof RuntimeException re
                  ? re
                  : new IllegalStateException(e.getCause());
          // One failure ends the run: items not started yet never start.
          futures.forEach(other -> other.cancel(false));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop.StoppedException();
      }
    }
    if (first != null) {
      throw first;
    }
    return results;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
