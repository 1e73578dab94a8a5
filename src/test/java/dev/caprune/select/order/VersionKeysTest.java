package dev.caprune.select.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The keys a sort uses agree with the order itself, pair for pair: a packed number where the format
 * packs a version, the parsed form otherwise, and the two mixed.
 */
class VersionKeysTest {

  /** Versions near every edge of SemVer packing, and of the other formats. */
  private static List<String> versions(long seed) {
    List<String> out =
        new ArrayList<>(
            List.of(
                "0.0.0",
                "1.2.3",
                "1.2.3-alpha",
                "1.2.3-alpha.1",
                "1.2.3+build.5",
                "1.2.3+build.4",
                "1.2.03",
                "01.2.3",
                "999999.999999.999999",
                "1000000.0.0",
                "1048576.0.0",
                "9999999.1.1",
                "1.2",
                "1.2.3.4",
                "1..3",
                ".1.2",
                "1.2.",
                "",
                "v1.2.3",
                "1.0.0-SNAPSHOT",
                "1.0.0-20240101.120000-1",
                "2!1.0",
                "1.0rc1",
                "1.0.0.pre",
                "x"));
    Random r = new Random(seed);
    for (int i = 0; i < 300; i++) {
      String v =
          r.nextInt(1 + r.nextInt(1_200_000))
              + "."
              + r.nextInt(1 + r.nextInt(20))
              + "."
              + r.nextInt(1 + r.nextInt(2_000_000));
      switch (r.nextInt(8)) {
        case 0 -> v += "-rc." + r.nextInt(3);
        case 1 -> v += "+b" + r.nextInt(3);
        case 2 -> v = "0" + v;
        default -> {}
      }
      out.add(v);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void keysCompareAsTheOrderDoes(Format format) {
    VersionOrder order = VersionOrder.of(format);
    List<String> versions = versions(format.ordinal());
    VersionOrder.Keys keys = order.keys(versions);
    for (int i = 0; i < versions.size(); i++) {
      assertThat(keys.parses(i)).as(versions.get(i)).isEqualTo(order.parses(versions.get(i)));
      for (int j = 0; j < versions.size(); j++) {
        assertThat(keys.compare(i, j))
            .as("%s vs %s", versions.get(i), versions.get(j))
            .isEqualTo(order.compare(versions.get(i), versions.get(j)));
      }
    }
  }

  @Test
  void semVerPacksPlainReleasesOnlyAndInOrder() {
    assertThat(SemVer.pack("1.2.3")).isEqualTo((1L << 40) | (2L << 20) | 3);
    assertThat(SemVer.pack("0.0.0")).isZero();
    assertThat(SemVer.pack("999999.999999.999999")).isPositive();
    for (String no :
        List.of(
            "1.2.3-a",
            "1.2.3+b",
            "01.2.3",
            "1.02.3",
            "1.2.03",
            "1000000.0.0",
            "1.2",
            "1.2.3.4",
            "1..3",
            "",
            ".",
            "1.2.",
            "a.b.c",
            "1.2.3 ")) {
      assertThat(SemVer.pack(no)).as(no).isEqualTo(-1);
    }
    String[] ascending = {"0.0.1", "0.1.0", "0.999999.999999", "1.0.0", "1.0.10", "10.0.0"};
    long[] packed = Arrays.stream(ascending).mapToLong(SemVer::pack).toArray();
    assertThat(packed).isSorted().doesNotHaveDuplicates();
  }
}
