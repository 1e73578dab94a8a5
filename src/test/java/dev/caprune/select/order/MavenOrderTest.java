package dev.caprune.select.order;

import static dev.caprune.select.order.OrderAssert.assertAscending;
import static dev.caprune.select.order.OrderAssert.assertRelation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Maven: cases from maven-artifact's ComparableVersionTest, plus snapshot builds. */
class MavenOrderTest {

  private static final VersionOrder ORDER = VersionOrder.of(Format.MAVEN);

  /** ComparableVersionTest.VERSIONS_QUALIFIER. */
  @Test
  void qualifierOrder() {
    assertAscending(
        ORDER,
        List.of(
            "1-alpha2snapshot",
            "1-alpha2",
            "1-alpha-123",
            "1-beta-2",
            "1-beta123",
            "1-m2",
            "1-m11",
            "1-rc",
            "1-cr2",
            "1-rc123",
            "1-SNAPSHOT",
            "1",
            "1-sp",
            "1-sp2",
            "1-sp123",
            "1-abc",
            "1-def",
            "1-pom-1",
            "1-1-snapshot",
            "1-1",
            "1-2",
            "1-123"));
  }

  /** ComparableVersionTest.VERSIONS_NUMBER. */
  @Test
  void numberOrder() {
    assertAscending(
        ORDER,
        List.of(
            "2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1",
            "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11",
            "11", "11.a", "11b", "11c", "11m"));
  }

  @Test
  void typicalReleaseTrainWithSnapshotBuilds() {
    assertAscending(
        ORDER,
        List.of(
            "0.9",
            "1.0-alpha-1",
            "1.0-alpha-2",
            "1.0-beta-1",
            "1.0-M1",
            "1.0-rc1",
            "1.0-20250101.120000-3",
            "1.0-20250101.120000-4",
            "1.0-20250101.120000-10",
            "1.0-20250102.000000-1",
            "1.0-SNAPSHOT",
            "1.0",
            "1.0-sp1",
            "1.0.1-20240101.000000-1",
            "1.0.1-SNAPSHOT",
            "1.0.1",
            "1.1-alpha-20250101.120000-1",
            "1.1-alpha-SNAPSHOT",
            "1.1-alpha",
            "1.1",
            "1.10"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # ComparableVersionTest.testVersionsEqual
          1 | = | 1.0
          1 | = | 1.0.0
          1.0 | = | 1.0.0
          1 | = | 1-0
          1 | = | 1.0-0
          1a | = | 1-a
          1a | = | 1.0-a
          1a | = | 1.0.0-a
          1.0a | = | 1-a
          1x | = | 1-x
          1.0.0x | = | 1-x
          1ga | = | 1
          1release | = | 1
          1final | = | 1
          1cr | = | 1rc
          1a1 | = | 1-alpha-1
          1b2 | = | 1-beta-2
          1m3 | = | 1-milestone-3
          1X | = | 1x
          1A | = | 1a
          1GA | = | 1
          1RELEASE | = | 1
          1FINAL | = | 1
          1Cr | = | 1Rc
          1m3 | = | 1MILESTONE3
          1.0-SNAPSHOT | = | 1.0-snapshot
          1.0.Final | = | 1.0
          # ComparableVersionTest.testVersionComparing
          1 | < | 2
          1.5 | < | 2
          1 | < | 2.5
          1.0 | < | 1.1
          1.1 | < | 1.2
          1.0.0 | < | 1.1
          1.0.1 | < | 1.1
          1.1 | < | 1.2.0
          1.0-alpha-1 | < | 1.0
          1.0-alpha-1 | < | 1.0-alpha-2
          1.0-alpha-1 | < | 1.0-beta-1
          1.0-beta-1 | < | 1.0-SNAPSHOT
          1.0-SNAPSHOT | < | 1.0
          1.0-alpha-1-SNAPSHOT | < | 1.0-alpha-1
          1.0 | < | 1.0-1
          1.0-1 | < | 1.0-2
          1.0.0 | < | 1.0-1
          2.0-1 | < | 2.0.1
          2.0.1-klm | < | 2.0.1-lmn
          2.0.1 | < | 2.0.1-xyz
          2.0.1 | < | 2.0.1-123
          2.0.1-xyz | < | 2.0.1-123
          # MNG-5568, MNG-6572, big numbers
          6.1.0rc3 | < | 6.1.0
          6.1.0rc3 | < | 6.1H.5-beta
          6.1.0 | < | 6.1H.5-beta
          2147483647 | < | 2147483648
          9223372036854775807 | < | 9223372036854775808
          1.99999999999999999999 | > | 1.9999999999999999999
          # snapshot builds are their base -SNAPSHOT version
          1.0-20250101.120000-3 | < | 1.0
          1.0-20250101.120000-3 | > | 1.0-rc1
          1.0-20250101.120000-3 | < | 1.0-20250101.120001-1
          1.0-20250101.120000-9 | < | 1.0-20250101.120000-10
          1.0-20250101.120000-3 | < | 1.0-SNAPSHOT
          1.0-20250101.120000-3 | < | 1.0-snapshot
          1.0-20250101.120000-3 | < | 1.0.1-SNAPSHOT
          1.0-20250101.120000-3 | > | 0.9.9
          1.0-20991231.235959-99 | < | 1.0
          # not a real timestamp: a plain version to Maven, above the release
          1.0-20251301.120000-1 | > | 1.0
          """)
  void precedence(String a, String rel, String b) {
    assertRelation(ORDER, a, rel, b);
  }

  /**
   * Documents a limitation rather than a wish: on odd texts Maven's own ComparableVersion is not
   * transitive, so neither is this order. Versions of the usual shapes are fine (see
   * VersionOrderContractTest). If a Maven upgrade fixes this, this test tells us.
   */
  @Test
  void comparableVersionHasCycles() {
    assertThat(ORDER.compare("0", "0-alphaa")).isNegative();
    assertThat(ORDER.compare("0-alphaa", "0-0-alpha")).isNegative();
    assertThat(ORDER.compare("0-0-alpha", "0")).isNegative();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "...", "-", "1..2", "\u00fc", "1.0-\u0661"})
  void everythingParses(String version) {
    assertThat(ORDER.parses(version)).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1.0-alpha | true
          1.0-alpha-1 | true
          1.0a1 | true
          1.0-A1 | true
          1.0-beta | true
          1.0-b2 | true
          1.0.b2 | true
          1.0-BETA.jre8 | true
          1.0-milestone-1 | true
          1.0-M1 | true
          1.0.m3 | true
          1.0-rc1 | true
          1.0-RC1 | true
          1.0.RC1 | true
          1.0-cr1 | true
          1.0-CR | true
          1.0-SNAPSHOT | true
          1.0-snapshot | true
          1.0-alpha-SNAPSHOT | true
          1.0-20250101.120000-3 | true
          1.0 | false
          1.0.0 | false
          1.0-ga | false
          1.0.Final | false
          1.0-RELEASE | false
          1.0-sp1 | false
          31.1-jre | false
          1.0-android | false
          # a lone a, b or m is only an alias before a digit; otherwise an unknown qualifier
          1.0-a | false
          2.0-b | false
          1.0-m | false
          1.0-alphabet | false
          1.0-rcx | false
          1.0-dev | false
          1.0-20251301.120000-1 | false
          """)
  void prerelease(String version, boolean expected) {
    assertThat(ORDER.isPrerelease(version)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0-20250101.120000-3",
        "1.0.0-20231231.235959-1",
        "1-20240229.000000-1",
        "2.0-alpha-1-20250101.120000-12",
        "1.0-SNAPSHOT-20250101.120000-1",
        "x-20250101.120000-0",
      })
  void timestampedSnapshots(String version) {
    assertThat(MavenOrder.isTimestampedSnapshot(version)).isTrue();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "1.0-SNAPSHOT",
        "1.0",
        "",
        "1.0-20250101.120000",
        "1.0-20250101-120000-1",
        "1.0-2025010.120000-1",
        "1.0-20250101.12000-1",
        "1.0-20250101.120000-",
        "1.0-20250101.120000-x",
        "1.0-20250101.120000-1 ",
        "20250101.120000-1",
        "-20250101.120000-1",
        "1.0-20251301.120000-1",
        "1.0-20250132.120000-1",
        "1.0-20250230.120000-1",
        "1.0-20230229.120000-1",
        "1.0-20250101.240000-1",
        "1.0-20250101.126000-1",
        "1.0-20250101.120060-1",
        "1.0-\u0662\u0660\u0662\u0665\u0660\u0661\u0660\u0661.120000-1",
      })
  void notTimestampedSnapshots(String version) {
    assertThat(MavenOrder.isTimestampedSnapshot(version)).isFalse();
  }
}
