package dev.caprune.select.order;

import static dev.caprune.select.order.OrderAssert.assertAscending;
import static dev.caprune.select.order.OrderAssert.assertRelation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Natural order, for generic packages. */
class NaturalOrderTest {

  private static final VersionOrder ORDER = VersionOrder.of(Format.GENERIC);

  @Test
  void mixedNames() {
    assertAscending(
        ORDER,
        List.of(
            "",
            "-1",
            "0",
            "1",
            "01.0",
            "1.0",
            "1.0-beta",
            "1.0.1",
            "1.0a",
            "1.2.3",
            "1.9",
            "1.10",
            "1.10.0",
            "2",
            "10",
            "20240109",
            "20240110",
            "99999999999999999999999",
            "100000000000000000000000",
            "A1",
            "a",
            "a1",
            "a2",
            "a10",
            "abc",
            "abd",
            "build-9",
            "build-10",
            "file1",
            "file2",
            "file10",
            "v1",
            "v2",
            "v10"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1 | < | 2
          2 | < | 10
          1.9 | < | 1.10
          2024-01-09 | < | 2024-01-10
          release_2 | < | release_11
          1.2.3 | < | 1.10.0
          01 | = | 1
          1.01 | = | 1.1
          007 | = | 7
          000 | = | 0
          1.0 | < | 1.0.0
          1.0 | < | 1.0a
          1a | < | a1
          10 | > | -1
          x10y | > | x9z
          x9y10 | < | x9y11
          a | < | ab
          a5 | < | ab
          '' | < | 0
          '' | < | a
          """)
  void precedence(String a, String rel, String b) {
    assertRelation(ORDER, a, rel, b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "garbage", "1.0-SNAPSHOT", "1.0.0-rc.1", "\u00fc\u0661"})
  void everythingParsesNothingIsPrerelease(String version) {
    assertThat(ORDER.parses(version)).isTrue();
    assertThat(ORDER.isPrerelease(version)).isFalse();
  }
}
