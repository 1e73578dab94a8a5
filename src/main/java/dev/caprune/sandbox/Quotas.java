package dev.caprune.sandbox;

import java.util.EnumMap;
import java.util.Map;

/**
 * CodeArtifact's default rate quotas as token buckets (one second of burst each): ListPackages,
 * ListPackageVersions and ListPackageVersionAssets 200/s each, all reads 800/s, all writes 100/s.
 */
final class Quotas {
  private final Map<Operation, Bucket> perOperation = new EnumMap<>(Operation.class);
  private final Bucket reads;
  private final Bucket writes;

  Quotas(long nowNanos) {
    for (Operation op :
        new Operation[] {
          Operation.LIST_PACKAGES,
          Operation.LIST_PACKAGE_VERSIONS,
          Operation.LIST_PACKAGE_VERSION_ASSETS
        }) {
      perOperation.put(op, new Bucket(200, nowNanos));
    }
    reads = new Bucket(800, nowNanos);
    writes = new Bucket(100, nowNanos);
  }

  /** Takes a token for {@code op} from every bucket it counts against; false if any is empty. */
  synchronized boolean tryAcquire(Operation op, long nowNanos) {
    Bucket own = perOperation.get(op);
    Bucket all = op.write ? writes : reads;
    if ((own != null && !own.available(nowNanos)) || !all.available(nowNanos)) {
      return false;
    }
    if (own != null) {
      own.take();
    }
    all.take();
    return true;
  }

  private static final class Bucket {
    private final double perSecond;
    private double tokens;
    private long last;

    Bucket(double perSecond, long nowNanos) {
      this.perSecond = perSecond;
      this.tokens = perSecond;
      this.last = nowNanos;
    }

    boolean available(long nowNanos) {
      tokens = Math.min(perSecond, tokens + (nowNanos - last) * perSecond / 1e9);
      last = nowNanos;
      return tokens >= 1;
    }

    void take() {
      tokens -= 1;
    }
  }
}
