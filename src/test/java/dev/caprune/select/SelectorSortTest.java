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

  @Test
  void theIndexSortGivesWhatListSortGivesForEveryFormat() {
    java.util.Random r = new java.util.Random(7);
    for (Format format : Format.values()) {
      dev.caprune.select.order.VersionOrder order =
          dev.caprune.select.order.VersionOrder.of(format);
      for (int n : new int[] {0, 1, 2, 15, 16, 17, 1000}) {
        List<VersionSummary> listed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String v =
              switch (r.nextInt(4)) {
                case 0 -> r.nextInt(5) + "." + r.nextInt(12) + "." + r.nextInt(30);
                case 1 -> r.nextInt(5) + "." + r.nextInt(12) + "." + r.nextInt(30) + "-rc." + i;
                case 2 -> r.nextInt(5) + "." + r.nextInt(40);
                default -> "build-" + r.nextInt(100_000);
              };
          listed.add(
              new VersionSummary(v + "." + i, "r", VersionStatus.PUBLISHED, Origin.INTERNAL));
          listed.add(new VersionSummary(v, "r", VersionStatus.PUBLISHED, Origin.INTERNAL));
        }
        List<VersionSummary> expected = new ArrayList<>(listed);
        expected.sort((a, b) -> order.compare(a.version(), b.version()));
        List<String> warnings = new ArrayList<>();

        int[] sorted =
            Selector.ascending(
                order.keys(new Selector.Versions(listed)),
                listed.size(),
                new PackageId(format, null, "p"),
                warnings);

        List<VersionSummary> got = new ArrayList<>();
        for (int index : sorted) {
          got.add(listed.get(index));
        }
        assertThat(got).as("%s, %d", format, n).isEqualTo(expected);
        assertThat(warnings).isEmpty();
      }
    }
  }

  @Test
  void anInconsistentOrderNeverFailsTheIndexSortNorLosesAVersion() {
    int n = 2000;
    List<String> warnings = new ArrayList<>();
    dev.caprune.select.order.VersionOrder.Keys chaos =
        new dev.caprune.select.order.VersionOrder.Keys() {
          @Override
          public int compare(int i, int j) {
            int x = i * 7919 % n;
            int y = j * 7919 % n;
            return (x + y) % 3 == 0 ? -1 : Integer.compare(x % 50, y % 50);
          }

          @Override
          public boolean parses(int i) {
            return true;
          }
        };

    int[] sorted = Selector.ascending(chaos, n, new PackageId(Format.MAVEN, "g", "a"), warnings);

    assertThat(java.util.Arrays.stream(sorted).sorted().toArray())
        .isEqualTo(java.util.stream.IntStream.range(0, n).toArray());
    assertThat(warnings).singleElement().asString().contains("g/a").contains("--explain");
  }
}
