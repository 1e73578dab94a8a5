package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorSortTest {

  @Test
  void anInconsistentOrderNeverFailsTheRunNorLosesAVersion() {
    List<VersionSummary> versions = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      versions.add(
          new VersionSummary(
              Integer.toString(i * 7919 % 2000), "r", VersionStatus.PUBLISHED, Origin.INTERNAL));
    }
    List<VersionSummary> before = List.copyOf(versions);
    // Not transitive (like Maven's cycles, on a larger scale): List.sort refuses this input with
    // "Comparison method violates its general contract!".
    Comparator<VersionSummary> chaos =
        (a, b) -> {
          int x = Integer.parseInt(a.version());
          int y = Integer.parseInt(b.version());
          return (x + y) % 3 == 0 ? -1 : Integer.compare(x % 50, y % 50);
        };
    List<String> warnings = new ArrayList<>();

    Selector.sort(versions, chaos, new PackageId(Format.MAVEN, "g", "a"), warnings);

    assertThat(versions).containsExactlyInAnyOrderElementsOf(before);
    assertThat(warnings).singleElement().asString().contains("g/a").contains("--explain");
  }
}
