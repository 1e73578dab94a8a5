package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.execute.Progress;
import org.junit.jupiter.api.Test;

/** The progress line: counts, the rate with its unit, and once the total is known an ETA. */
class ProgressDisplayTest {

  @Test
  void whileScanningTheRateIsOfPackagesWithAnEtaForTheScan() {
    Progress p = new Progress();
    p.packagesFound(10);
    for (int i = 0; i < 4; i++) {
      p.scanned(5);
    }
    // 6 packages left at 2 a second: 3 s.
    assertThat(ProgressDisplay.status(p, "deleted", 0, 2.0))
        .isEqualTo("4/10 packages scanned · 20 selected · 2.0 packages/s · ETA 0:03");
  }

  @Test
  void whileScanningAndActingTheRateIsOfVersionsWithNoEtaYet() {
    Progress p = new Progress();
    p.packagesFound(10);
    for (int i = 0; i < 4; i++) {
      p.scanned(5);
    }
    p.done(12, 1);
    assertThat(ProgressDisplay.status(p, "deleted", 6.5, 2.0))
        .isEqualTo("4/10 packages scanned · 20 selected · 12 deleted · 1 failed · 6.5 versions/s");
  }

  @Test
  void onceScannedTheTotalAndTheEtaFollowTheRate() {
    Progress p = new Progress();
    p.packagesFound(2);
    p.scanned(1_000);
    p.scanned(1_000);
    p.done(500, 0);
    // 1,500 left at 50 a second: 30 s.
    assertThat(ProgressDisplay.status(p, "deleted", 50, 0))
        .isEqualTo(
            "2/2 packages scanned · 2,000 selected · 500/2,000 deleted · 50 versions/s · ETA 0:30");
  }

  @Test
  void aLongRunsEtaHasHours() {
    Progress p = new Progress();
    p.packagesFound(1);
    p.scanned(400_000);
    p.done(40_000, 0);
    assertThat(ProgressDisplay.status(p, "archived", 95, 0))
        .endsWith("40,000/400,000 archived · 95 versions/s · ETA 1:03:10");
  }

  @Test
  void afterThePromptNothingDoneYetShowsTheTotal() {
    Progress p = new Progress();
    p.packagesFound(3);
    p.scanned(2);
    p.scanned(0);
    p.scanned(1);
    assertThat(ProgressDisplay.status(p, "unlisted", 0, 0))
        .isEqualTo("3/3 packages scanned · 3 selected · 0/3 unlisted");
  }

  @Test
  void aListingShowsNoVerb() {
    Progress p = new Progress();
    p.packagesFound(3);
    p.scanned(2);
    assertThat(ProgressDisplay.status(p, null, 0, 12.4))
        .isEqualTo("1/3 packages scanned · 2 selected · 12 packages/s · ETA 0:01");
  }

  @Test
  void beforeAnyListingOnlyCounts() {
    assertThat(ProgressDisplay.status(new Progress(), null, 0, 0))
        .isEqualTo("0 packages scanned · 0 selected");
  }
}
