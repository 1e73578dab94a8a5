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

/** NuGet: cases from NuGet's "Package versioning" docs and NuGet.Versioning's tests. */
class NuGetOrderTest {

  private static final VersionOrder ORDER = VersionOrder.of(Format.NUGET);

  @Test
  void docsPrecedenceExample() {
    assertAscending(
        ORDER,
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.0.1-beta",
            "1.0.0.1",
            "1.0.1",
            "1.1",
            "1.10",
            "2.0.0-alpha",
            "2.0.0"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # missing parts are 0; leading zeros and the fourth part
          1.0 | = | 1.0.0
          1.0 | = | 1.0.0.0
          1 | = | 1.0.0
          01.0 | = | 1.0.0
          1.01.1 | = | 1.1.1
          1.00.0.0 | = | 1
          ' 1.0.0 ' | = | 1.0.0
          1.0.0.1 | > | 1.0.0
          1.0.0.1 | < | 1.0.1
          1.0.0.10 | > | 1.0.0.9
          1.9 | < | 1.10
          2.0.0-alpha | > | 1.9.9.9
          # labels: case-insensitive, SemVer 2 otherwise; metadata ignored
          1.0.0-BETA | = | 1.0.0-beta
          1.0.0-Beta.1 | = | 1.0.0-bEtA.1
          1.0.0-alpha | < | 1.0.0-Beta
          1.0.0-ALPHA | < | 1.0.0-beta
          1.0.0-beta+abc | = | 1.0.0-beta
          1.0.0+a | = | 1.0.0+b
          1.0.0+a | = | 1.0.0
          1.0.0-beta | < | 1.0.0
          1.0.0.1-beta | > | 1.0.0
          1.0.0-beta.2 | < | 1.0.0-beta.10
          1.0.0-beta2 | > | 1.0.0-beta10
          1.0.0-1 | < | 1.0.0-alpha
          1.0.0-a.b | > | 1.0.0-a
          1.0.0-a.1 | < | 1.0.0-a.b
          1.0.0-rc.1 | < | 1.0.0
          1.0.0-alpha-1 | > | 1.0.0-alpha
          1.0.0-beta.0 | < | 1.0.0-beta.1
          # invalid below valid
          1.0.0.0.0 | < | 0.0.0-0
          v1.0.0 | < | 0.0
          1.0.0-beta.01 | < | 0.0
          garbage | < | 0.0
          """)
  void precedence(String a, String rel, String b) {
    assertRelation(ORDER, a, rel, b);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0.0.0.0",
        "1.",
        ".1",
        "1..0",
        "1.0.0-",
        "1.0.0-beta.01",
        "1.0.0+",
        "1.0.0-beta..1",
        "1.0.0-beta_1",
        "1.0.0-beta+meta+meta",
        "1.0.0+meta.",
        "a.b.c",
        "",
        "v1.0.0",
        "-1.0",
        "1.0.0.a",
        "1.0-beta-\u00e9",
      })
  void rejectsInvalid(String version) {
    assertRejected(ORDER, version, "0.0.0-0");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1.0.0 | false
          1.0 | false
          1.0.0.1 | false
          1.0.0+meta | false
          1.0.0-beta | true
          1.0.0-1 | true
          1.0.0.1-RC.2+meta | true
          1.0.0.0.0-beta | false
          """)
  void prerelease(String version, boolean expected) {
    assertThat(ORDER.isPrerelease(version)).isEqualTo(expected);
  }
}
