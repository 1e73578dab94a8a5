package dev.caprune.select.order;

import static dev.caprune.select.order.OrderAssert.assertAscending;
import static dev.caprune.select.order.OrderAssert.assertRejected;
import static dev.caprune.select.order.OrderAssert.assertRelation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RubyGems: cases from RubyGems' test_gem_version.rb. */
class RubyOrderTest {

  private static final VersionOrder ORDER = VersionOrder.of(Format.RUBY);

  @Test
  void releaseTrain() {
    assertAscending(
        ORDER,
        List.of(
            "0.9",
            "1.0.A",
            "1.0.a",
            "1.0.a1",
            "1.0.a2",
            "1.0.a10",
            "1.0.b",
            "1.0.0-rc1",
            "1.0.rc1",
            "1.0",
            "1.0.1",
            "1.1",
            "1.10",
            "2",
            "5.0.0.beta1",
            "5.0.0.beta2",
            "5.0.0.rc1",
            "5.0.0",
            "5.0.0.1",
            "5.0.1"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # test_spaceship
          1.0 | = | 1.0.0
          1.0 | > | 1.0.a
          1.8.2 | > | 0.0.0
          1.8.2 | > | 1.8.2.a
          1.8.2.b | > | 1.8.2.a
          1.8.2.a | < | 1.8.2
          1.8.2.a10 | > | 1.8.2.a9
          '' | = | 0
          0.beta.1 | = | 0.0.beta.1
          0.0.beta | < | 0.0.beta.1
          0.0.beta | < | 0.beta.1
          5.a | < | 5.0.0.rc2
          5.x | > | 5.0.0.rc2
          # equality: trailing zeros, split between digits and letters
          1 | = | 1.0
          1.2 | = | 1.2.0
          1.2.b1 | = | 1.2.b.1
          1.0.a | = | 1.0.a.0
          1.a | = | 1.0.a
          ' 1.0 ' | = | 1.0
          01.0 | = | 1
          # - reads as .pre.
          1.0.0-rc1 | = | 1.0.0.pre.rc1
          1.0.0-rc1 | < | 1.0.0
          1.0.0-rc1 | < | 1.0.0.rc1
          1.0-1 | < | 1.0
          1.0-1 | = | 1.0.pre.1
          1.0.0-pre | < | 1.0.0.pre
          # segments
          1.10 | > | 1.9
          1.0.0.1 | > | 1
          1.b | > | 1.a.z
          1.A | < | 1.a
          1.0.99999999999999999999 | > | 1.0.9999999999999999999
          # invalid below valid
          junk | < | ''
          1..2 | < | 0
          -1 | < | 0
          """)
  void precedence(String a, String rel, String b) {
    assertRelation(ORDER, a, rel, b);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "junk",
        "1.0\n2.0",
        "1..2",
        "1.2 3.4",
        "2.3422222.222.222222222.22222.ads0as.dasd0.ddd2222.2.qd3e.",
        "1.",
        ".1",
        "-1",
        "a.1",
        "1.0.0-",
        "1.2.3 beta",
        "1.0_1",
        "1.0+build",
        "v1.0",
      })
  void rejectsInvalid(String version) {
    assertRejected(ORDER, version, "0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "0", "1.0", "1.0.a1", "1.0-rc.1", "1.0-a-b", "22.1.50.0.d"})
  void parsesValid(String version) {
    assertThat(ORDER.parses(version)).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # test_prerelease
          1.2.0.a | true
          1.2.0.b | true
          2.9.b | true
          22.1.50.0.d | true
          1.2.d.42 | true
          1.A | true
          1-1 | true
          1-a | true
          1.0 | false
          1.2.0 | false
          2.9 | false
          22.1.50.0 | false
          junk | false
          """)
  void prerelease(String version, boolean expected) {
    assertThat(ORDER.isPrerelease(version)).isEqualTo(expected);
  }
}
