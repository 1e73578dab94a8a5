package dev.caprune.select.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every format's order promises: a total order, unparseable versions first, no throws. */
class VersionOrderContractTest {

  private static final String[] PIECES = {
    "0", "1", "2", "9", "10", "01", "007", "99999999999999999999", ".", ".", ".", "-", "-", "+",
        "_",
    "!", "a", "b", "c", "m", "x", "A", "alpha", "beta", "rc", "RC", "pre", "post", "dev", "r",
    "SNAPSHOT", "sp", "ga", "final", "v", " ", "20250101.120000", "\u00e9", "\u0661",
  };

  /** Version-shaped and random texts, with a fixed seed so a failure reproduces. */
  private static List<String> samples(long seed) {
    Random random = new Random(seed);
    TreeSet<String> out = new TreeSet<>();
    out.add("");
    while (out.size() < 260) {
      StringBuilder sb = new StringBuilder();
      if (random.nextBoolean()) {
        sb.append(random.nextInt(3)).append('.').append(random.nextInt(3)).append('.');
        sb.append(random.nextInt(3));
      }
      int n = random.nextInt(6);
      for (int i = 0; i < n; i++) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
      }
      out.add(sb.toString());
    }
    return new ArrayList<>(out);
  }

  /**
   * Maven versions of the usual shapes: release numbers, then at most one hyphenated qualifier with
   * numbers, then -SNAPSHOT, and timestamped snapshot builds. Maven's ComparableVersion is not a
   * total order on arbitrary text (see {@link MavenOrderTest#comparableVersionHasCycles}).
   */
  private static List<String> mavenSamples() {
    TreeSet<String> out = new TreeSet<>();
    String[] releases = {"0", "1", "0.1", "1.0", "1.10", "1.0.1"};
    String[] qualifiers = {
      "",
      "-alpha",
      "-a1",
      "-alpha-1",
      "-alpha2",
      "-beta",
      "-b-2",
      "-m1",
      "-milestone-2",
      "-rc",
      "-rc1",
      "-RC-2",
      "-cr1",
      "-sp",
      "-sp1",
      "-jre",
      "-android",
      "-x",
      "-1",
      "-2",
      "-10",
    };
    for (String r : releases) {
      for (String q : qualifiers) {
        out.add(r + q);
        out.add(r + q + "-SNAPSHOT");
        out.add(r + q + "-20250101.120000-1");
      }
    }
    return new ArrayList<>(out);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void totalOrderUnparseableFirst(Format format) {
    VersionOrder order = VersionOrder.of(format);
    List<String> sorted = format == Format.MAVEN ? mavenSamples() : samples(format.ordinal());
    sorted.sort(order);
    // Plain loops: an assertion per pair would make this test slow.
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < sorted.size() && problems.size() < 5; i++) {
      String a = sorted.get(i);
      for (int j = 0; j < sorted.size(); j++) {
        String b = sorted.get(j);
        if (Integer.signum(order.compare(a, b)) != Integer.compare(i, j)) {
          problems.add("compare('" + a + "', '" + b + "') disagrees with the sort");
        }
        if (i < j && order.precedence(a, b) > 0) {
          problems.add("precedence('" + a + "', '" + b + "') > 0 but compare < 0");
        }
        if (i < j && order.parses(a) && !order.parses(b)) {
          problems.add("unparseable '" + b + "' sorts after parseable '" + a + "'");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void nullsSortFirstAndNothingThrows(Format format) {
    VersionOrder order = VersionOrder.of(format);
    assertThat(order.compare(null, null)).isZero();
    assertThat(order.compare(null, "")).isNegative();
    assertThat(order.compare("garbage", null)).isPositive();
    assertThat(order.compare(null, "1.0.0")).isNegative();
    assertThat(order.parses(null)).isFalse();
    assertThat(order.isPrerelease(null)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void prereleaseOnlyWhenParsed(Format format) {
    VersionOrder order = VersionOrder.of(format);
    for (String v : samples(100 + format.ordinal())) {
      if (order.isPrerelease(v)) {
        assertThat(order.parses(v)).as(v).isTrue();
      }
    }
  }
}
