package dev.caprune.execute;

import dev.caprune.codeartifact.CallGuard.Operation;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rate limiters of one quota holder (an account in a Region): one for all reads, one for all
 * writes, one for each list operation with a quota of its own. Calls that spend the same quota
 * share one pacing, whichever session makes them.
 */
public final class Pacing {
  final RateLimiter reads;
  final RateLimiter writes;
  private final Map<Operation, RateLimiter> perOperation = new EnumMap<>(Operation.class);

  public Pacing(Limits limits, Sleeper sleeper) {
    this.reads = new RateLimiter(limits.reads(), sleeper);
    this.writes = new RateLimiter(limits.writes(), sleeper);
    for (Operation op :
        new Operation[] {
          Operation.ListPackages, Operation.ListPackageVersions, Operation.ListPackageVersionAssets
        }) {
      perOperation.put(op, new RateLimiter(limits.listsPerOperation(), sleeper));
    }
  }

  /**
   * {@code listener} is told whenever a write slot went unused with writes still to make: the
   * writers, not the quota, set the pace then ({@link RateLimiter#onIdle}).
   */
  public void onWritesIdle(Runnable listener) {
    writes.onIdle(listener);
  }

  /** The limiter every call of {@code op} passes: all writes' or all reads'. */
  RateLimiter category(Operation op) {
    return op.write() ? writes : reads;
  }

  /** The limiter of {@code op}'s own quota, or null when it has none. */
  RateLimiter own(Operation op) {
    return perOperation.get(op);
  }
}
