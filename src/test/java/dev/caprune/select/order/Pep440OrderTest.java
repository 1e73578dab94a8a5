package dev.caprune.select.order;

import static dev.caprune.select.order.OrderAssert.assertAscending;
import static dev.caprune.select.order.OrderAssert.assertRejected;
import static dev.caprune.select.order.OrderAssert.assertRelation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PEP 440 (PyPI): cases from the specification and from the packaging library's tests. */
class Pep440OrderTest {

  private static final VersionOrder ORDER = VersionOrder.of(Format.PYPI);

  @Test
  void suffixOrderFromTheBrief() {
    assertAscending(
        ORDER,
        List.of(
            "1.0.dev0",
            "1.0a1.dev0",
            "1.0a1",
            "1.0a1.post1.dev0",
            "1.0a1.post1",
            "1.0",
            "1.0.post1.dev0",
            "1.0.post1"));
  }

  /** PEP 440, "Summary of permitted suffixes and relative ordering". */
  @Test
  void summaryOfPermittedSuffixes() {
    assertAscending(
        ORDER,
        List.of(
            "1.dev0",
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0b2.post345.dev456",
            "1.0b2.post345",
            "1.0rc1.dev456",
            "1.0rc1",
            "1.0",
            "1.0+abc.5",
            "1.0+abc.7",
            "1.0+5",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.0.15",
            "1.1.dev1"));
  }

  /** packaging's tests/test_version.py VERSIONS, which is sorted, epochs 0 and 1. */
  @Test
  void packagingSortedVersions() {
    List<String> epoch0 =
        List.of(
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0b2.post345.dev456",
            "1.0b2.post345",
            "1.0b2-346",
            "1.0c1.dev456",
            "1.0c1",
            "1.0rc2",
            "1.0c3",
            "1.0",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.1.dev1",
            "1.2+123abc",
            "1.2+123abc456",
            "1.2+abc",
            "1.2+abc123",
            "1.2+abc123def",
            "1.2+1234.abc",
            "1.2+123456",
            "1.2.r32+123456",
            "1.2.rev33+123456");
    List<String> all = new ArrayList<>(epoch0);
    epoch0.forEach(v -> all.add("1!" + v));
    assertAscending(ORDER, all);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # normalisation: release segments, trailing zeros, leading zeros, v, case, spaces
          1.0 | = | 1.0.0
          1 | = | 1.0.0.0
          1.0 | = | v1.0
          1.0 | = | V1.0
          1.0 | = | ' 1.0 '
          1.0 | = | '\t1.0\n'
          1.01 | = | 1.1
          1.0.00 | = | 1
          0!1.0 | = | 1.0
          # pre-release spellings
          1.0a1 | = | 1.0alpha1
          1.0a1 | = | 1.0.a.1
          1.0a1 | = | 1.0-a-1
          1.0a1 | = | 1.0_a_1
          1.0a1 | = | 1.0A1
          1.0a | = | 1.0a0
          1.0b1 | = | 1.0beta1
          1.0b1 | = | 1.0-BETA.1
          1.0rc1 | = | 1.0c1
          1.0rc1 | = | 1.0pre1
          1.0rc1 | = | 1.0preview1
          1.0rc1 | = | 1.0-rc-1
          1.0rc1 | = | 1.0RC1
          # post-release spellings, including the implicit 1.0-1
          1.0.post1 | = | 1.0-post1
          1.0.post1 | = | 1.0post1
          1.0.post1 | = | 1.0_post_1
          1.0.post1 | = | 1.0.rev1
          1.0.post1 | = | 1.0.r1
          1.0.post1 | = | 1.0-1
          1.0.post | = | 1.0.post0
          # dev spellings
          1.0.dev0 | = | 1.0.dev
          1.0.dev0 | = | 1.0-dev0
          1.0.dev0 | = | 1.0dev0
          1.0.dev0 | = | 1.0_DEV_0
          # local labels: separators, case, numeric segments
          1.0+ubuntu.1 | = | 1.0+ubuntu-1
          1.0+ubuntu.1 | = | 1.0+ubuntu_1
          1.0+ubuntu.1 | = | 1.0+UBUNTU.1
          1.0+01 | = | 1.0+1
          # order
          1.0 | < | 1.0.1
          1.9 | < | 1.10
          1.0.0.0.1 | > | 1.0
          1.0a1 | < | 1.0b1
          1.0b1 | < | 1.0rc1
          1.0rc1 | < | 1.0
          1.0a2 | < | 1.0a10
          1.0a1.dev1 | < | 1.0a1
          1.0.dev1 | < | 1.0a1
          1.0.dev1 | < | 1.0
          1.0.dev2 | > | 1.0.dev1
          1.0a1.post1 | < | 1.0a2
          1.0.post1.dev1 | < | 1.0.post1
          1.0.post1.dev1 | > | 1.0
          1.0.post1 | < | 1.1.dev0
          1.0-1 | > | 1.0
          1.0-2 | > | 1.0.post1
          1.0rc1.post1 | < | 1.0
          1.0.post10 | > | 1.0.post9
          2!0.1 | > | 1!99
          1!0.1 | > | 99
          1!1.0.dev0 | > | 2.0
          # local labels sort after the same public version, before the next
          1.0+ubuntu.1 | > | 1.0
          1.0+ubuntu.1 | < | 1.0.post1
          1.0+ubuntu.1 | < | 1.0.0.1
          1.0a1+local | < | 1.0a2
          1.0+1 | > | 1.0+ubuntu
          1.0+ubuntu.1.1 | > | 1.0+ubuntu.1
          1.0+ubuntu.10 | > | 1.0+ubuntu.9
          1.0+abc | > | 1.0+ABB
          1.0+a.b | < | 1.0+a.1
          # numbers of any size
          1.0.99999999999999999999 | > | 1.0.9999999999999999999
          1.0.post99999999999999999999 | > | 1.0.post1
          # invalid versions sort below every valid one
          1.0-beta-final-x | < | 0.dev0
          garbage | < | 0.dev0
          1.0+ | < | 0
          french toast | < | 0
          '' | < | 0
          """)
  void precedence(String a, String rel, String b) {
    assertRelation(ORDER, a.translateEscapes(), rel, b.translateEscapes());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0-beta-final-x",
        "1.0-beta-final",
        "garbage",
        "french toast",
        "1.0+a+",
        "1.0++",
        "1.0+_foobar",
        "1.0+foo&asd",
        "1.0+1+1",
        "1.0+",
        "1.0+ubuntu..1",
        "1.0+ubuntu_",
        "1.0.",
        ".1.0",
        "1.0a1a",
        "1.0-",
        "1!",
        "!1.0",
        "1!2!3",
        "1.0.post1.post2",
        "1.0.dev1.dev2",
        "1.0.dev1a1",
        "1.0.post1a1",
        "1 .0",
        "1.0 beta",
        "vv1.0",
        "",
        "   ",
        "-1.0",
        "1.0-beta1-",
        "\u0661.0",
      })
  void rejectsInvalid(String version) {
    assertRejected(ORDER, version, "0.dev0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0",
        "v1.0",
        "1!1.0",
        "1.0a1",
        "1.0.post1.dev2",
        "1.0+ubuntu.1",
        "1.0.0.0.0.0.1",
        "2012.04",
        "1.0rc1.post2.dev3+local.7"
      })
  void parsesValid(String version) {
    assertThat(ORDER.parses(version)).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1.0 | false
          1.0.post1 | false
          1.0+local | false
          1!2.0 | false
          1.0-1 | false
          1.0a1 | true
          1.0b2 | true
          1.0rc1 | true
          1.0c1 | true
          1.0.dev0 | true
          1.0.post1.dev0 | true
          1.0rc1+local | true
          1.0a1.post1 | true
          garbage | false
          """)
  void prerelease(String version, boolean expected) {
    assertThat(ORDER.isPrerelease(version)).isEqualTo(expected);
  }
}
