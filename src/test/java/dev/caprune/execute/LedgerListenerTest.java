package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Action;
import dev.caprune.select.Decision;
import dev.caprune.select.Format;
import dev.caprune.select.Origin;
import dev.caprune.select.PackageId;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.WriteResult.Success;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger tells its listeners of each package once, when it finishes. */
class LedgerListenerTest {
  private static final RepositoryRef REPO = new RepositoryRef("acme", null, "releases");
  private static final PackageId PKG = new PackageId(Format.NPM, null, "left-pad");

  private static PackageSelection selection(String... versions) {
    List<Decision> decisions = new ArrayList<>();
    for (String v : versions) {
      decisions.add(
          new Decision(
              new VersionSummary(v, "r-" + v, VersionStatus.PUBLISHED, Origin.INTERNAL),
              true,
              "selected"));
    }
    return new PackageSelection(REPO, PKG, null, decisions, List.of());
  }

  @Test
  void aFinishedPackageIsToldOnceWithWhatWasActedOn() {
    List<Ledger.Finished> told = new ArrayList<>();
    Ledger ledger = new Ledger(null).listen(told::add);
    Ledger.Entry e = ledger.register(7, selection("1.0.0", "1.0.1"));
    e.succeeded("1.0.1", new Success("r-1.0.1", "Archived"));

    ledger.finish(e);
    ledger.finish(e);

    assertThat(told).hasSize(1);
    Ledger.Finished f = told.get(0);
    assertThat(f.order()).isEqualTo(7);
    assertThat(f.action(Action.ARCHIVE)).isEqualTo(Action.ARCHIVE);
    assertThat(f.actedOn(false)).containsExactly("1.0.1");
    assertThat(f.actedOn(true)).containsExactly("1.0.0", "1.0.1");
  }

  @Test
  void anEntrysOwnActionOverridesTheRunsAndTheReportFinishesTheRest() {
    List<Ledger.Finished> told = new ArrayList<>();
    Ledger ledger = new Ledger(null).listen(told::add);
    ledger.register(1, selection("2.0.0"), Action.DELETE, "old");

    ledger.outcome(null, true, false, null);

    assertThat(told).hasSize(1);
    assertThat(told.get(0).action(null)).isEqualTo(Action.DELETE);
  }

  @Test
  void emptiedCandidatesFollowOnlyActionsThatRemoveVersions() {
    Ledger ledger = new Ledger(null).trackEmptied(null, true);
    ledger.register(2, selection("1.0.0"), Action.DELETE, "old");
    ledger.register(1, selection("0.9.0"), Action.DISPOSE, "older");

    ledger.outcome(null, true, false, null);

    assertThat(ledger.touched()).hasSize(1);
    assertThat(ledger.touched().get(0).order()).isEqualTo(2);
    assertThat(ledger.touched().get(0).selected()).containsExactly("1.0.0");
  }
}
