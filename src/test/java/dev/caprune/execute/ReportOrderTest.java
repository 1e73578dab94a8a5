package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A package's place in the report, and its chunks' (a package selected off the heap). */
class ReportOrderTest {
  @Test
  void aRunOverMoreRepositoriesThanADomainMayHoldStillHasAnOrder() {
    // 2,048 repositories and more used to leave no room for the chunks: an internal error.
    for (int repository : new int[] {0, 1, 2_047, 2_048, 10_000, 32_767}) {
      long last = VersionScan.chunkOrder(Scan.place(repository, (1 << 28) - 1), (1 << 20) - 1);
      long first = VersionScan.chunkOrder(Scan.place(repository, 0), 0);
      assertThat(first).isLessThan(last);
      if (repository > 0) {
        long before =
            VersionScan.chunkOrder(Scan.place(repository - 1, (1 << 28) - 1), (1 << 20) - 1);
        assertThat(before).as("repository %d after the one before", repository).isLessThan(first);
      }
    }
  }

  @Test
  void aPackagesChunksComeAfterItAndBeforeTheNextPackage() {
    long p = Scan.place(3, 41);
    long next = Scan.place(3, 42);
    assertThat(VersionScan.chunkOrder(p, 0)).isLessThan(VersionScan.chunkOrder(p, 1));
    assertThat(VersionScan.chunkOrder(p, (1 << 20) - 1))
        .isLessThan(VersionScan.chunkOrder(next, 0));
  }
}
