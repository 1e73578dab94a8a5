package dev.caprune.select.order;

import static dev.caprune.select.order.OrderAssert.assertAscending;
import static dev.caprune.select.order.OrderAssert.assertRejected;
import static dev.caprune.select.order.OrderAssert.assertRelation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SemVer 2.0.0 (npm, Cargo, Swift): cases from semver.org and node-semver's fixtures. */
class SemVerOrderTest {

  private static final VersionOrder ORDER = VersionOrder.of(Format.NPM);

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # semver.org §11.2
          1.0.0 | < | 2.0.0
          2.0.0 | < | 2.1.0
          2.1.0 | < | 2.1.1
          1.9.0 | < | 1.10.0
          1.10.0 | < | 1.11.0
          # §11.3
          1.0.0-alpha | < | 1.0.0
          # §11.4
          1.0.0-alpha | < | 1.0.0-alpha.1
          1.0.0-alpha.1 | < | 1.0.0-alpha.beta
          1.0.0-alpha.beta | < | 1.0.0-beta
          1.0.0-beta | < | 1.0.0-beta.2
          1.0.0-beta.2 | < | 1.0.0-beta.11
          1.0.0-beta.11 | < | 1.0.0-rc.1
          1.0.0-rc.1 | < | 1.0.0
          # §10: build metadata does not count
          1.0.0-alpha+001 | = | 1.0.0-alpha
          1.0.0+20130313144700 | = | 1.0.0
          1.0.0-beta+exp.sha.5114f85 | = | 1.0.0-beta
          1.0.0+21AF26D3----117B344092BD | = | 1.0.0
          1.2.3-beta+build | = | 1.2.3-beta+otherbuild
          1.2.3+build | = | 1.2.3+otherbuild
          1.0.0+zzz | < | 1.0.1+aaa
          # node-semver test/fixtures/comparisons.js (greater first, as there)
          0.0.0 | > | 0.0.0-foo
          0.0.1 | > | 0.0.0
          1.0.0 | > | 0.9.9
          0.10.0 | > | 0.9.0
          0.99.0 | > | 0.10.0
          2.0.0 | > | 1.2.3
          1.2.3 | > | 1.2.3-asdf
          1.2.3 | > | 1.2.3-4
          1.2.3 | > | 1.2.3-4-foo
          1.2.3-5-foo | > | 1.2.3-5
          1.2.3-5 | > | 1.2.3-4
          1.2.3-5-foo | > | 1.2.3-5-Foo
          3.0.0 | > | 2.7.2+asdf
          1.2.3-a.10 | > | 1.2.3-a.5
          1.2.3-a.b | > | 1.2.3-a.5
          1.2.3-a.b | > | 1.2.3-a
          1.2.3-a.b.c.10.d.5 | > | 1.2.3-a.b.c.5.d.100
          1.2.3-r2 | > | 1.2.3-r100
          1.2.3-r100 | > | 1.2.3-R2
          # numeric below alphanumeric; ASCII order; numbers of any size
          1.0.0-1 | < | 1.0.0-a
          1.0.0-999 | < | 1.0.0--
          1.0.0-0 | < | 1.0.0-1
          1.0.0-2 | < | 1.0.0-10
          1.0.0-a10 | < | 1.0.0-a2
          1.0.0-Alpha | < | 1.0.0-alpha
          1.0.0-alpha.1 | < | 1.0.0-alpha.a
          1.0.0-0a | > | 1.0.0-99
          1.0.0-rc.1 | < | 1.0.0-rc.1.0
          1.0.0-x-y-z.-- | > | 1.0.0-x-y-z
          9.9.9 | < | 99999999999999999999999.0.0
          99999999999999999999999.0.0 | < | 99999999999999999999999.0.1
          1.0.0-18446744073709551616 | > | 1.0.0-18446744073709551615
          # versions the rules reject sort below every valid one
          1.2 | < | 0.0.0-0
          01.2.3 | < | 0.0.0-0
          1.2.3- | < | 0.0.0
          1.2.3-01 | < | 0.0.0
          v1.2.3 | < | 0.0.0
          garbage | < | 0.0.1
          '' | < | 0.0.0-0
          1.2 | < | 1.3
          1.10 | > | 1.9
          """)
  void precedence(String a, String rel, String b) {
    assertRelation(ORDER, a, rel, b);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // semver.org's list of valid versions
        "0.0.4",
        "1.2.3",
        "10.20.30",
        "1.1.2-prerelease+meta",
        "1.1.2+meta",
        "1.1.2+meta-valid",
        "1.0.0-alpha",
        "1.0.0-beta",
        "1.0.0-alpha.beta",
        "1.0.0-alpha.beta.1",
        "1.0.0-alpha.1",
        "1.0.0-alpha0.valid",
        "1.0.0-alpha.0valid",
        "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay",
        "1.0.0-rc.1+build.1",
        "2.0.0-rc.1+build.123",
        "1.2.3-beta",
        "10.2.3-DEV-SNAPSHOT",
        "1.2.3-SNAPSHOT-123",
        "2.0.0+build.1848",
        "2.0.1-alpha.1227",
        "1.0.0-alpha+beta",
        "1.2.3----RC-SNAPSHOT.12.9.1--.12+788",
        "1.2.3----R-S.12.9.1--.12+meta",
        "1.2.3----RC-SNAPSHOT.12.9.1--.12",
        "1.0.0+0.build.1-rc.10000aaa-kk-0.1",
        "99999999999999999999999.999999999999999999.99999999999999999",
        "1.0.0-0A.is.legal",
        "1.0.0+001",
      })
  void parsesValid(String version) {
    assertThat(ORDER.parses(version)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // semver.org's list of invalid versions
        "1",
        "1.2",
        "1.2.3-0123",
        "1.2.3-0123.0123",
        "1.1.2+.123",
        "+invalid",
        "-invalid",
        "-invalid+invalid",
        "-invalid.01",
        "alpha",
        "alpha.beta",
        "alpha.beta.1",
        "alpha.1",
        "alpha+beta",
        "alpha_beta",
        "alpha.",
        "alpha..",
        "beta",
        "1.0.0-alpha_beta",
        "-alpha.",
        "1.0.0-alpha..",
        "1.0.0-alpha..1",
        "1.0.0-alpha...1",
        "01.1.1",
        "1.01.1",
        "1.1.01",
        "1.2.3.DEV",
        "1.2-SNAPSHOT",
        "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788",
        "1.2-RC-SNAPSHOT",
        "-1.0.3-gamma+b7718",
        "+justmeta",
        "9.8.7+meta+meta",
        "9.8.7-whatever+meta+meta",
        // and a few more
        "",
        " 1.2.3",
        "1.2.3 ",
        "v1.2.3",
        "=1.2.3",
        "1.2.3-",
        "1.2.3+",
        "1.2.3.4",
        "1.2.3-b\u00e9ta",
        "\u0661.2.3",
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
          1.0.0+build.1 | false
          1.0.0-0 | true
          1.0.0-alpha | true
          1.0.0-rc.1+build.1 | true
          0.0.0-x | true
          1.2 | false
          1.2-beta | false
          """)
  void prerelease(String version, boolean expected) {
    assertThat(ORDER.isPrerelease(version)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(
      value = Format.class,
      names = {"NPM", "CARGO", "SWIFT"})
  void sharedByNpmCargoAndSwift(Format format) {
    assertAscending(
        VersionOrder.of(format),
        List.of(
            "not-semver",
            "0.0.0-0",
            "0.0.0",
            "0.1.0",
            "0.9.0",
            "0.10.0",
            "1.0.0-0",
            "1.0.0-1",
            "1.0.0-2",
            "1.0.0-10",
            "1.0.0-Alpha",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.1.0",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.0+build.1",
            "1.0.0+build.2",
            "1.0.1",
            "1.1.0",
            "2.0.0",
            "10.0.0"));
  }
}
