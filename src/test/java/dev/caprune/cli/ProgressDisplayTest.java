package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.execute.Progress;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

  @Test
  void whileScanningThereIsNoEta() {
    Progress p = new Progress();
    p.packagesFound(10);
    for (int i = 0; i < 4; i++) {
      p.scanned(5);
    }
    p.done(12, 1);
    assertThat(ProgressDisplay.status(p, "deleted", 2.0))
        .isEqualTo("4/10 packages scanned · 20 selected · 12 deleted · 1 failed · 7/s");
  }

  @Test
  void onceScannedTheEtaFollowsTheRate() {
    Progress p = new Progress();
    p.packagesFound(2);
    p.scanned(1_000);
    p.scanned(1_000);
    p.done(500, 0);
    // 500 done in 10 s: 50/s, 1,500 left: 30 s.
    assertThat(ProgressDisplay.status(p, "deleted", 10.0))
        .isEqualTo("2/2 packages scanned · 2,000 selected · 500 deleted · 50/s · ETA 0:30");
  }

  @Test
  void beforeAnyListingOnlyCounts() {
    assertThat(ProgressDisplay.status(new Progress(), "listed", 1.0))
        .isEqualTo("0 packages scanned · 0 selected · 0 listed");
  }
}
