package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token buckets, on a synthetic clock. */
class QuotasTest {
  private static int take(Quotas q, Operation op, int n, long at) {
    int ok = 0;
    for (int i = 0; i < n; i++) {
      if (q.tryAcquire(op, at)) {
        ok++;
      }
    }
    return ok;
  }

  @Test
  void writesGet100PerSecond() {
    Quotas q = new Quotas(0);
    assertThat(take(q, Operation.DELETE_PACKAGE_VERSIONS, 150, 0)).isEqualTo(100);
    assertThat(take(q, Operation.DISPOSE_PACKAGE_VERSIONS, 1, 0)).isZero();
    // 10 ms later: one more token
    assertThat(take(q, Operation.DELETE_PACKAGE, 5, 10_000_000L)).isEqualTo(1);
    // reads have their own budget
    assertThat(take(q, Operation.DESCRIBE_PACKAGE_VERSION, 5, 10_000_000L)).isEqualTo(5);
  }

  @Test
  void listOperationsGet200EachWithin800ReadsInAll() {
    Quotas q = new Quotas(0);
    assertThat(take(q, Operation.LIST_PACKAGES, 300, 0)).isEqualTo(200);
    assertThat(take(q, Operation.LIST_PACKAGE_VERSIONS, 300, 0)).isEqualTo(200);
    assertThat(take(q, Operation.LIST_PACKAGE_VERSION_ASSETS, 300, 0)).isEqualTo(200);
    assertThat(take(q, Operation.DESCRIBE_PACKAGE_VERSION, 300, 0)).isEqualTo(200);
    assertThat(take(q, Operation.LIST_DOMAINS, 10, 0)).isZero();
    // a full second refills everything
    assertThat(take(q, Operation.LIST_PACKAGES, 300, 1_000_000_000L)).isEqualTo(200);
  }

  @Test
  void listPackageVersionDependenciesIsAReadWithoutAQuotaOfItsOwn() {
    Quotas q = new Quotas(0);
    // No 200/s of its own (AWS lists none): it runs into the 800 reads a second in all.
    assertThat(take(q, Operation.LIST_PACKAGE_VERSION_DEPENDENCIES, 900, 0)).isEqualTo(800);
    assertThat(take(q, Operation.LIST_PACKAGE_VERSIONS, 1, 0)).isZero();
    // ... and leaves the writes alone.
    assertThat(take(q, Operation.DELETE_PACKAGE_VERSIONS, 1, 0)).isEqualTo(1);
  }
}
