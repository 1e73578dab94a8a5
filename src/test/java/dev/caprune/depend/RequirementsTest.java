package dev.caprune.depend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a requirement picks, per format. Each row: requirement :: versions available :: what is
 * picked ({@code -} for nothing, {@code !} for unreadable). Cases come from each client's own
 * documentation (node-semver's README, Maven's VersionRange, PEP 440, NuGet's "Package versioning",
 * RubyGems' pessimistic operator, Cargo's "Specifying dependencies", SwiftPM's PackageDescription).
 */
class RequirementsTest {

  private static void check(Format format, String requirement, String available, String expected) {
    List<String> versions = available == null ? List.of() : List.of(available.split("\\s+"));
    Resolution r = Requirements.resolve(format, requirement, versions);
    String shown = format + " " + requirement + " over " + versions + " -> " + r;
    switch (expected) {
      case "!" -> assertThat(r).as(shown).isInstanceOf(Resolution.Unreadable.class);
      case "-" -> assertThat(r).as(shown).isEqualTo(new Resolution.Picks(Set.of()));
      default ->
          assertThat(r).as(shown).isEqualTo(new Resolution.Picks(Set.of(expected.split("\\s+"))));
    }
    if (r instanceof Resolution.Picks picks) {
      assertThat(versions).as(shown).containsAll(picks.versions());
    } else {
      assertThat(((Resolution.Unreadable) r).why()).as(shown).isNotBlank().doesNotContain("\n");
    }
  }

  @ParameterizedTest(name = "npm {0} over {1} -> {2}")
  @CsvSource(
      delimiterString = " :: ",
      textBlock =
          """
          # node-semver README: hyphen ranges
          1.2.3 - 2.3.4 :: 1.2.2 1.2.3 2.3.4 2.3.5 :: 2.3.4
          1.2.3 - 2.3.4 :: 1.2.2 2.3.5 :: -
          1.2 - 2.3.4 :: 1.1.9 1.2.0 :: 1.2.0
          1.2.3 - 2.3 :: 1.2.3 2.3.9 2.4.0 :: 2.3.9
          1.2.3 - 2 :: 2.9.9 3.0.0 :: 2.9.9
          # X-ranges
          * :: 1.0.0 2.0.0 3.0.0-beta :: 2.0.0
          1.x :: 0.9.0 1.9.9 2.0.0 :: 1.9.9
          1.2.x :: 1.2.9 1.3.0 :: 1.2.9
          1.X :: 1.9.9 2.0.0 :: 1.9.9
          1 :: 1.9.9 2.0.0-0 2.0.0 :: 1.9.9
          1.2 :: 1.2.9 1.3.0 :: 1.2.9
          # tilde ranges
          ~1.2.3 :: 1.2.2 1.2.3 1.2.9 1.3.0 :: 1.2.9
          ~1.2 :: 1.2.9 1.3.0 :: 1.2.9
          ~1 :: 1.9.9 2.0.0 :: 1.9.9
          ~0.2.3 :: 0.2.5 0.3.0 :: 0.2.5
          ~0.2 :: 0.2.5 0.3.0 :: 0.2.5
          ~0 :: 0.9.0 1.0.0 :: 0.9.0
          ~1.2.3-beta.2 :: 1.2.3-beta.4 1.2.4-beta.2 :: 1.2.3-beta.4
          ~>1.2.3 :: 1.2.9 1.3.0 :: 1.2.9
          # caret ranges
          ^1.2.3 :: 1.2.3 1.9.9 2.0.0 :: 1.9.9
          ^0.2.3 :: 0.2.3 0.2.9 0.3.0 :: 0.2.9
          ^0.0.3 :: 0.0.3 0.0.4 :: 0.0.3
          ^1.2.3-beta.2 :: 1.2.3-beta.4 1.2.4-beta.2 :: 1.2.3-beta.4
          ^0.0.3-beta :: 0.0.3-pr.2 0.0.4-pr.1 :: 0.0.3-pr.2
          ^1.2.x :: 1.9.0 2.0.0 :: 1.9.0
          ^0.0.x :: 0.0.9 0.1.0 :: 0.0.9
          ^0.0 :: 0.0.9 0.1.0 :: 0.0.9
          ^1.x :: 1.9.0 2.0.0 :: 1.9.0
          ^0.x :: 0.9.0 1.0.0 :: 0.9.0
          ^ 1.2.3 :: 1.9.9 2.0.0 :: 1.9.9
          # comparators and sets
          >=1.2.7 :: 1.1.0 1.2.6 1.2.7 1.3.9 2.5.3 :: 2.5.3
          >=1.2.7 <1.3.0 :: 1.2.6 1.2.7 1.2.8 1.3.0 :: 1.2.8
          1.2.7 || >=1.2.9 <2.0.0 :: 1.2.6 1.2.7 1.2.8 :: 1.2.7
          1.2.7 || >=1.2.9 <2.0.0 :: 1.2.7 1.2.8 1.4.6 2.0.0 :: 1.4.6
          >= 1.2.3 :: 1.2.3 :: 1.2.3
          >1 :: 1.9.9 2.0.0 :: 2.0.0
          >1 :: 1.9.9 :: -
          >1.2 :: 1.2.9 1.3.0 :: 1.3.0
          <1.2 :: 1.1.9 1.2.0-beta 1.2.0 :: 1.1.9
          <=1.2 :: 1.2.9 1.3.0-0 1.3.0 :: 1.2.9
          <1.2.3 :: 1.2.2 1.2.3-beta 1.2.3 :: 1.2.2
          <* :: 1.0.0 :: -
          =1.2.3 :: 1.2.3 1.2.4 :: 1.2.3
          v1.2.3 :: 1.2.3 1.2.4 :: 1.2.3
          1.2.3+build.5 :: 1.2.3 1.2.4 :: 1.2.3
          1.2.3 :: 1.2.3+build.5 :: 1.2.3+build.5
          # pre-releases: only when a comparator names one of the same major.minor.patch
          >1.2.3-alpha.3 :: 1.2.3-alpha.2 1.2.3-alpha.7 3.4.5-alpha.9 :: 1.2.3-alpha.7
          >1.2.3-alpha.3 :: 1.2.3-alpha.7 3.4.5-alpha.9 3.4.5 :: 3.4.5
          ^1.0.0 :: 1.0.0 1.1.0-beta :: 1.0.0
          >=1.0.0 <2.0.0 :: 1.5.0 2.0.0-beta :: 1.5.0
          1.2.3-beta.1 :: 1.2.3-beta.1 1.2.3-beta.2 :: 1.2.3-beta.1
          >=1.0.0-rc.1 :: 1.0.0-rc.2 1.0.1-rc.1 :: 1.0.0-rc.2
          <1.0.0 || >=2.0.0-beta.1 :: 0.9.0 2.0.0-beta.2 :: 2.0.0-beta.2
          <1.0.0 || >=2.0.0-beta.1 :: 0.9.0 1.5.0-beta.2 :: 0.9.0
          1.2.3 - 2.3.4 :: 2.3.3 2.3.4-rc.1 :: 2.3.3
          ^2.0.0 :: 1.0.0 3.0.0 :: -
          # unparsable versions are skipped
          * :: 1.0 banana 1.2.3 1.2.3.4 not.a.version :: 1.2.3
          """)
  void npm(String requirement, String available, String expected) {
    check(Format.NPM, requirement, available, expected);
  }

  @ParameterizedTest(name = "npm {0} over {1} -> {2}")
  @CsvSource(
      delimiterString = " :: ",
      textBlock =
          """
          latest :: 1.0.0 2.0.0 3.0.0-rc.1 :: 2.0.0
          latest :: 1.0.0-rc.1 1.0.0-rc.2 :: 1.0.0-rc.2
          x :: 1.0.0 2.0.0 3.0.0-rc.1 :: 2.0.0
          next :: 1.0.0 :: !
          beta :: 1.0.0 :: !
          npm:other@^1.0.0 :: 1.0.0 :: !
          git+https://github.com/acme/util.git#v1.0.0 :: 1.0.0 :: !
          https://example.com/util-1.0.0.tgz :: 1.0.0 :: !
          file:../util :: 1.0.0 :: !
          link:../util :: 1.0.0 :: !
          workspace:* :: 1.0.0 :: !
          acme/util :: 1.0.0 :: !
          >=a.b :: 1.0.0 :: !
          1.2.3 - :: 1.0.0 :: !
          """)
  void npmWordsAndReferences(String requirement, String available, String expected) {
    check(Format.NPM, requirement, available, expected);
  }

  @ParameterizedTest(name = "maven {0} over {1} -> {2}")
  @CsvSource(
      delimiterString = " :: ",
      textBlock =
          """
          # VersionRange's documented forms
          1.0 :: 1.0 1.1 :: 1.0
          1.0 :: 1.1 2.0 :: -
          [1.0] :: 0.9 1.0 1.1 :: 1.0
          (,1.0] :: 0.9 1.0 1.1 :: 1.0
          (,1.0) :: 0.9 1.0 1.1 :: 0.9
          [1.2,1.3] :: 1.1 1.2 1.3 1.4 :: 1.3
          [1.0,2.0) :: 1.0 1.5 2.0 :: 1.5
          [1.5,) :: 1.0 1.5 3.0 :: 3.0
          (1.0,) :: 1.0 :: -
          (,1.0],[1.2,) :: 1.0 1.1 1.3 :: 1.3
          (,1.0],[1.2,) :: 0.5 1.0 1.1 :: 1.0
          (,1.1),(1.1,) :: 1.0 1.1 :: 1.0
          [1.0,1.2),(1.2,) :: 1.1 1.2 :: 1.1
          [1.0, 2.0) :: 1.0 1.5 2.0 :: 1.5
          # Maven's own order, not text order
          [1.0,) :: 1.0 1.9 1.10 :: 1.10
          [1.0,2.0) :: 1.5 2.0-alpha-1 2.0 :: 2.0-alpha-1
          [1.0,2.0) :: 1.0 1.1-SNAPSHOT 1.1 :: 1.1
          [1.0] :: 1.0 1.0.0 :: 1.0 1.0.0
          [1.0,2.0) :: 2.5 3.0 :: -
          # not read
          ${project.version} :: 1.0 :: !
          [${util.version},) :: 1.0 :: !
          [1.0 :: 1.0 :: !
          [2.0,1.0] :: 1.0 :: !
          1.0 2.0 :: 1.0 :: !
          LATEST :: 1.0 :: !
          RELEASE :: 1.0 :: !
          """)
  void maven(String requirement, String available, String expected) {
    check(Format.MAVEN, requirement, available, expected);
  }

  @ParameterizedTest(name = "pypi {0} over {1} -> {2}")
  @CsvSource(
      delimiterString = " :: ",
      textBlock =
          """
          # compatible release (PEP 440's own examples)
          ~=2.2 :: 2.1 2.2 2.9 3.0 :: 2.9
          ~=1.4.5 :: 1.4.4 1.4.5 1.4.9 1.5.0 :: 1.4.9
          ~=2.2.post3 :: 2.2 2.2.post3 2.5 3.0 :: 2.5
          ~=2.2.post3 :: 2.2 2.2.post2 :: -
          ~=1.4.5a4 :: 1.4.5a3 1.4.5a4 1.4.5 1.4.6 1.5 :: 1.4.6
          ~=1.4.5a4 :: 1.4.5a3 1.4.5a4 1.5 :: 1.4.5a4
          ~=2.2.0 :: 2.2.0 2.2.5 2.3 :: 2.2.5
          ~=1 :: 1.0 :: !
          # version matching: zero padding, prefixes, local labels
          ==1.1 :: 1.1.0 1.1.1 :: 1.1.0
          ==1.1.0 :: 1.1 1.2 :: 1.1
          ==1.1.* :: 1.0 1.1 1.1.9 1.2 :: 1.1.9
          ==1.1.* :: 1.1.post1 1.2 :: 1.1.post1
          ==1.* :: 1 1.5 2.0 :: 1.5
          ==1.0.* :: 1 2.0 :: 1
          !=1.1.* :: 1.0 1.1.5 1.2 :: 1.2
          !=1.1.* :: 1.0 1.1.5 :: 1.0
          !=1.5 :: 1.0 1.5 1.5.0 :: 1.0
          ==1.0+local :: 1.0 1.0+local 1.0+other :: 1.0+local
          ==1.0 :: 1.0+local 2.0 :: 1.0+local
          <=1.0 :: 1.0+local 1.1 :: 1.0+local
          ===1.0 :: 1.0 1.0.0 :: 1.0
          # exclusive comparisons
          <2.0 :: 1.9 2.0a1 2.0 :: 1.9
          <2.0 :: 2.0a1 :: -
          <2.0rc1 :: 1.9 2.0a1 :: 2.0a1
          >1.7 :: 1.7 1.7.post1 1.7.1 :: 1.7.1
          >1.7 :: 1.7 1.7.post1 :: -
          >1.7.post2 :: 1.7.post2 1.7.post3 :: 1.7.post3
          >1.7 :: 1.7+local :: -
          # pre-releases: named, else only when no final release passes (pip)
          >=1.0 :: 1.0 2.0 3.0a1 :: 2.0
          >=1.0 :: 0.9 1.1a1 1.1b2 :: 1.1b2
          >=1.0b1 :: 1.0 1.1a1 :: 1.1a1
          >=1.0 :: 1.0 1.1.dev1 :: 1.0
          >=1.1.dev0 :: 1.0 1.1.dev1 :: 1.1.dev1
          ==2.0rc1 :: 2.0rc1 2.0 :: 2.0rc1
          # epochs
          >=1!1.0 :: 1.0 2.0 1!0.5 1!1.0 :: 1!1.0
          <2.0 :: 1!1.0 1.5 :: 1.5
          ~=1!1.2 :: 1.9 1!1.1 1!1.9 1!2.0 :: 1!1.9
          # several clauses, spaces, markers, old parenthesized form
          >=1.0,!=1.5,<2.0 :: 1.0 1.5 1.9 2.0 :: 1.9
          >= 1.0, != 1.9, < 2.0 :: 1.0 1.5 1.9 2.0 :: 1.5
          >=1.0; python_version < "3.8" :: 1.0 2.0 :: 2.0
          (>=1.0,<2.0) :: 1.5 2.0 :: 1.5
          # invalid versions are skipped
          >=1.0 :: 1.0 not-a-version 1.5 banana! :: 1.5
          # not read
          1.0 :: 1.0 :: !
          >=1.0+local :: 1.0 :: !
          == :: 1.0 :: !
          ~=1.0.* :: 1.0 :: !
          >=1.0,,<2.0 :: 1.0 :: !
          >=1.0 || <0.5 :: 1.0 :: !
          """)
  void pypi(String requirement, String available, String expected) {
    check(Format.PYPI, requirement, available, expected);
  }

  @ParameterizedTest(name = "nuget {0} over {1} -> {2}")
  @CsvSource(
      delimiterString = " :: ",
      textBlock =
          """
          # "Package versioning": the lowest applicable version
          1.0 :: 0.9 1.0 1.5 :: 1.0
          1.0 :: 1.1 1.5 :: 1.1
          [1.0,) :: 1.0 2.0 :: 1.0
          (1.0,) :: 1.0 1.1 2.0 :: 1.1
          [1.0] :: 1.0 1.1 :: 1.0
          (,1.0] :: 0.5 0.9 1.0 1.1 :: 0.5
          (,1.0) :: 1.0 1.1 :: -
          [1.0,2.0] :: 0.9 1.0 2.0 :: 1.0
          [1.0,2.0] :: 1.5 2.0 2.1 :: 1.5
          (1.0,2.0) :: 1.0 2.0 :: -
          (1.0,2.0) :: 1.0 1.5 2.0 :: 1.5
          [1.0,2.0) :: 2.0 :: -
          [1.0, 2.0) :: 0.9 1.2 :: 1.2
          # equal forms and four parts
          [1.0.0] :: 1.0 :: 1.0
          [1.0] :: 1.0.0.0 :: 1.0.0.0
          1.0.0.1 :: 1.0.0.0 1.0.0.1 1.0.0.2 :: 1.0.0.1
          # floating versions ("Floating version resolutions" table)
          * :: 1.1.0 1.1.1 1.2.0 1.3.0-alpha :: 1.2.0
          1.1.* :: 1.1.0 1.1.1 1.1.2-alpha 1.2.0-alpha :: 1.1.1
          *-* :: 1.1.0 1.1.1 1.1.2-alpha 1.3.0-beta :: 1.3.0-beta
          1.1.*-* :: 1.1.0 1.1.1 1.1.2-alpha 1.1.2-beta 1.2.0-beta :: 1.1.2-beta
          1.2.0-rc.* :: 1.1.0 1.2.0-rc.1 1.2.0-rc.2 1.2.0 :: 1.2.0
          1.2.0-rc.* :: 1.2.0-beta.3 1.2.0-rc.1 1.2.0-rc.2 :: 1.2.0-rc.2
          1.0.0-* :: 1.0.0-alpha 1.0.0-beta 1.0.1 :: 1.0.0-beta
          6.* :: 5.0 6.0 6.5 7.0 :: 6.5
          1.0.* :: 1.0.0 1.0.5 1.1.0 :: 1.0.5
          1.* :: 0.9.0 2.0.0 3.0.0 :: 2.0.0
          [1.*,2.0) :: 1.0 1.4 2.0 :: 1.4
          # pre-releases: only when a bound names one
          1.0 :: 1.0.0-beta 1.0.1-beta 1.1.0 :: 1.1.0
          1.0.0-beta :: 1.0.0-beta 1.0.0 :: 1.0.0-beta
          [1.0,2.0) :: 1.0.0-beta 1.5.0-beta 1.9.0 :: 1.9.0
          [1.0,2.0-beta] :: 0.9 1.5.0-alpha 2.0 :: 1.5.0-alpha
          [1.0.0-Beta] :: 1.0.0-beta :: 1.0.0-beta
          # unparsable versions are skipped
          1.0 :: banana 1.0.0.0.0 1.2 :: 1.2
          # not read
          abc :: 1.0 :: !
          (1.0) :: 1.0 :: !
          [2.0,1.0] :: 1.0 :: !
          [1.0,2.0,3.0] :: 1.0 :: !
          (,) :: 1.0 :: !
          1.*-rc* :: 1.0 :: !
          >=1.0 :: 1.0 :: !
          """)
  void nuget(String requirement, String available, String expected) {
    check(Format.NUGET, requirement, available, expected);
  }

  @ParameterizedTest(name = "ruby {0} over {1} -> {2}")
  @CsvSource(
      delimiterString = " :: ",
      textBlock =
          """
          # the pessimistic operator
          ~> 2.2 :: 2.1 2.2 2.9 3.0 :: 2.9
          ~> 2.2.0 :: 2.2.0 2.2.9 2.3.0 :: 2.2.9
          ~> 2 :: 1.9 2.0 2.9 3.0 :: 2.9
          ~> 7.1.0 :: 7.0.8 7.1.0 7.1.3 7.2.0 :: 7.1.3
          ~>3.0.0 :: 3.0 3.0.3 3.1 :: 3.0.3
          ~> 2.2 :: 2.1 :: -
          # operators
          = 1.0 :: 1.0 1.1 :: 1.0
          1.0 :: 1.0 1.1 :: 1.0
          != 1.1 :: 1.0 1.1 :: 1.0
          > 1.0 :: 1.0 1.1 2.0.a :: 1.1
          < 1.0 :: 0.9 1.0.a :: 0.9
          <= 1.0 :: 1.0.0 1.1 :: 1.0.0
          >= 1.0, < 2.0 :: 0.9 1.0 1.9 2.0 :: 1.9
          >= 1.0, != 1.5 :: 1.0 1.5 :: 1.0
          # pre-releases: only when the requirement names one
          >= 2.0.a :: 1.9 2.0.b :: 2.0.b
          ~> 2.0.a :: 2.0.b 2.0 2.5 :: 2.5
          ~> 2.0.a :: 2.0.b 3.0.a :: 2.0.b
          >= 1.0 :: 1.0 1.1.pre :: 1.0
          = 1.0.0-rc1 :: 1.0.0.pre.rc1 1.0.0 :: 1.0.0.pre.rc1
          # unparsable versions are skipped
          >= 1.0 :: 1.0 1..2 a.b 1.5 :: 1.5
          # not read
          >= :: 1.0 :: !
          ~> :: 1.0 :: !
          >> 1.0 :: 1.0 :: !
          foo :: 1.0 :: !
          >= 1.0,, < 2 :: 1.0 :: !
          """)
  void ruby(String requirement, String available, String expected) {
    check(Format.RUBY, requirement, available, expected);
  }

  @ParameterizedTest(name = "cargo {0} over {1} -> {2}")
  @CsvSource(
      delimiterString = " :: ",
      textBlock =
          """
          # caret requirements (the Cargo book's table)
          ^1.2.3 :: 1.2.2 1.2.3 1.9.0 2.0.0 :: 1.9.0
          ^1.2 :: 1.2.0 1.9.9 2.0.0 :: 1.9.9
          ^1 :: 1.0.0 1.9.9 2.0.0 :: 1.9.9
          ^0.2.3 :: 0.2.3 0.2.9 0.3.0 :: 0.2.9
          ^0.2 :: 0.2.0 0.2.9 0.3.0 :: 0.2.9
          ^0.0.3 :: 0.0.3 0.0.4 :: 0.0.3
          ^0.0 :: 0.0.0 0.0.9 0.1.0 :: 0.0.9
          ^0 :: 0.0.1 0.9.9 1.0.0 :: 0.9.9
          1.2.3 :: 1.2.3 1.9.0 2.0.0 :: 1.9.0
          0.2.3 :: 0.2.3 0.2.9 0.3.0 :: 0.2.9
          # tilde requirements
          ~1.2.3 :: 1.2.3 1.2.9 1.3.0 :: 1.2.9
          ~1.2 :: 1.2.0 1.2.9 1.3.0 :: 1.2.9
          ~1 :: 1.0.0 1.9.0 2.0.0 :: 1.9.0
          # wildcards
          * :: 0.1.0 1.0.0 2.0.0-alpha :: 1.0.0
          1.* :: 1.0.0 1.9.0 2.0.0 :: 1.9.0
          1.2.* :: 1.2.0 1.2.9 1.3.0 :: 1.2.9
          # comparisons and several requirements
          >= 1.2.0 :: 1.2.0 5.0.0 :: 5.0.0
          > 1 :: 1.9.9 2.0.0 :: 2.0.0
          < 2 :: 1.9.9 2.0.0 :: 1.9.9
          = 1.2.3 :: 1.2.3 1.2.4 :: 1.2.3
          >= 1.2, < 1.5 :: 1.1.0 1.2.0 1.4.9 1.5.0 :: 1.4.9
          # pre-releases: only when a comparator names one of the same major.minor.patch
          ^1.0.0 :: 1.0.0 1.1.0-alpha :: 1.0.0
          ^1.2.3-alpha :: 1.2.3-alpha.2 1.2.3-beta 1.3.0-alpha :: 1.2.3-beta
          ^1.2.3-alpha :: 1.2.3-beta 1.2.4 :: 1.2.4
          =1.2.3-alpha.1 :: 1.2.3-alpha.1 1.2.3 :: 1.2.3-alpha.1
          >=1.0.0, <2.0.0 :: 1.5.0 2.0.0-alpha :: 1.5.0
          >1, <=2.0.0-beta :: 1.9.0 2.0.0-alpha :: 2.0.0-alpha
          ~1.2.3-beta :: 1.2.3-alpha 1.2.3-beta.2 1.2.4-beta :: 1.2.3-beta.2
          ^3.0.0 :: 1.0.0 2.0.0 :: -
          # unparsable versions are skipped
          ^1.0 :: 1.0 01.2.3 1.2.3 1.2.3.4 :: 1.2.3
          # not read
          ^1.2.3.4 :: 1.0.0 :: !
          01.2 :: 1.0.0 :: !
          1.2.3 || 2 :: 1.0.0 :: !
          >=1.* :: 1.0.0 :: !
          latest :: 1.0.0 :: !
          """)
  void cargo(String requirement, String available, String expected) {
    check(Format.CARGO, requirement, available, expected);
  }

  @ParameterizedTest(name = "swift {0} over {1} -> {2}")
  @CsvSource(
      delimiterString = " :: ",
      textBlock =
          """
          # PackageDescription's forms
          1.2.0 :: 1.2.0 1.2.1 :: 1.2.0
          "1.2.0" :: 1.2.0 1.2.1 :: 1.2.0
          from: "1.2.0" :: 1.1.0 1.2.0 1.9.9 2.0.0 :: 1.9.9
          .upToNextMajor(from: "1.2.0") :: 1.1.0 1.2.0 1.9.9 2.0.0 :: 1.9.9
          upToNextMajor(from:"1.2.0") :: 1.2.0 1.9.9 2.0.0 :: 1.9.9
          .upToNextMinor(from: "1.2.0") :: 1.2.0 1.2.9 1.3.0 :: 1.2.9
          exact: "1.2.0" :: 1.2.0 1.2.1 :: 1.2.0
          .exact("1.2.0") :: 1.2.0 1.2.1 :: 1.2.0
          "1.0.0"..<"2.0.0" :: 1.0.0 1.9.9 2.0.0 :: 1.9.9
          1.0.0 ..< 2.0.0 :: 1.0.0 1.9.9 2.0.0 :: 1.9.9
          "1.0.0"..."1.5.0" :: 1.0.0 1.5.0 1.5.1 :: 1.5.0
          from: "1.2" :: 1.2.0 1.9.9 2.0.0 :: 1.9.9
          # plain comparators
          >=1.0.0, <2.0.0 :: 0.9.0 1.9.9 2.0.0 :: 1.9.9
          >=1.0.0 <2.0.0 :: 0.9.0 1.9.9 2.0.0 :: 1.9.9
          >1.0.0 :: 1.0.0 :: -
          <=1.5.0 :: 1.5.0 1.6.0 :: 1.5.0
          # pre-releases: only when a bound names one
          from: "1.0.0" :: 1.0.0 1.5.0-beta :: 1.0.0
          "1.0.0"..<"2.0.0" :: 1.9.0 2.0.0-alpha :: 1.9.0
          from: "2.0.0-beta.1" :: 2.0.0-beta.1 2.0.0-beta.2 :: 2.0.0-beta.2
          "1.0.0-beta"..<"2.0.0" :: 1.5.0-rc 2.0.0-alpha :: 1.5.0-rc
          exact: "1.0.0-beta" :: 1.0.0-beta 1.0.0 :: 1.0.0-beta
          from: "3.0.0" :: 1.0.0 2.0.0 :: -
          # unparsable versions are skipped
          from: "1.0.0" :: 1.0 v1.1.0 1.2.0 :: 1.2.0
          # not read
          branch: "main" :: 1.0.0 :: !
          revision: "abc123" :: 1.0.0 :: !
          "2.0.0"..<"1.0.0" :: 1.0.0 :: !
          ~>1.0 :: 1.0.0 :: !
          main :: 1.0.0 :: !
          """)
  void swift(String requirement, String available, String expected) {
    check(Format.SWIFT, requirement, available, expected);
  }

  @ParameterizedTest(name = "generic {0} over {1} -> {2}")
  @CsvSource(
      delimiterString = " :: ",
      textBlock =
          """
          1.0 :: 1.0 2.0 :: 1.0
          3.0 :: 1.0 2.0 :: -
          build-2024.11 :: build-2024.11 build-2024.12 :: build-2024.11
          >=1.0 :: 1.0 2.0 :: !
          ^1.0 :: 1.0 :: !
          1.0 || 2.0 :: 1.0 :: !
          """)
  void generic(String requirement, String available, String expected) {
    check(Format.GENERIC, requirement, available, expected);
  }

  @ParameterizedTest(name = "{0}: blank requirement over {1} -> {2}")
  @CsvSource(
      delimiterString = " :: ",
      textBlock =
          """
          NPM :: 1.0.0 2.0.0 3.0.0-rc.1 :: 2.0.0
          PYPI :: 1.0 2.0 3.0rc1 :: 2.0
          RUBY :: 1.0 2.0 3.0.pre :: 2.0
          CARGO :: 1.0.0 2.0.0 3.0.0-rc.1 :: 2.0.0
          MAVEN :: 1.0 2.0 :: !
          NUGET :: 1.0 2.0 :: !
          SWIFT :: 1.0.0 2.0.0 :: !
          GENERIC :: 1.0 2.0 :: !
          """)
  void blankOrNull(Format format, String available, String expected) {
    check(format, null, available, expected);
    check(format, "", available, expected);
    check(format, "   ", available, expected);
  }

  /** Every example row of docs/requirements.md, read from the page: the page says what runs. */
  @Test
  void theManualsExamplesHold() throws IOException {
    Map<String, Format> sections = new HashMap<>();
    for (Format f : Format.values()) {
      sections.put(f == Format.RUBY ? "rubygems" : f.wire(), f);
    }
    Pattern row = Pattern.compile("^\\| `(.+?)` \\| ([^|]+) \\| ([^|]+) \\|$");
    Format format = null;
    int rows = 0;
    for (String line : Files.readAllLines(Path.of("docs", "requirements.md"))) {
      if (line.startsWith("## ")) {
        format = sections.get(line.substring(3).strip().toLowerCase(Locale.ROOT));
        continue;
      }
      Matcher m = row.matcher(line.replace("\\|", "\u0000"));
      if (format == null || !m.matches()) {
        continue;
      }
      String requirement = m.group(1).replace('\u0000', '|');
      String available = m.group(2).strip().replace(",", " ");
      String protectedText = m.group(3).strip();
      int note = protectedText.indexOf(" (");
      String expected = note < 0 ? protectedText : protectedText.substring(0, note);
      check(format, requirement, available, expected.equals("nothing") ? "-" : expected);
      rows++;
    }
    assertThat(rows).as("example rows read from docs/requirements.md").isGreaterThan(50);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void aHugeRequirementIsUnreadableAtOnce(Format format) {
    String huge = "1".repeat(100_000);
    String hostile = ">=1.0.0 ".repeat(12_500) + "(((((";
    Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          assertThat(Requirements.resolve(format, huge, List.of("1.0.0")))
              .isInstanceOf(Resolution.Unreadable.class);
          assertThat(Requirements.resolve(format, hostile, List.of("1.0.0")))
              .isEqualTo(new Resolution.Unreadable("longer than 1024 characters"));
        });
  }

  /** Just under the bound, the worst shapes each parser sees still finish at once. */
  @ParameterizedTest
  @EnumSource(Format.class)
  void aLongRequirementUnderTheBoundFinishesQuickly(Format format) {
    List<String> shapes =
        List.of(
            "1 || ".repeat(200) + "2",
            ">=1.0.0, ".repeat(100) + "<9.0.0",
            "1.".repeat(500) + "0",
            "[" + "1.".repeat(500) + "0,)",
            "a".repeat(1024),
            "\"" + "1.0.0".repeat(200) + "\"..<",
            "-".repeat(1024),
            "1.0.0-" + "a.".repeat(500) + "a");
    List<String> available = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      available.add("1." + i + ".0");
    }
    Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (String shape : shapes) {
            assertThat(shape.length()).isLessThanOrEqualTo(Requirements.MAX_LENGTH);
            Resolution r = Requirements.resolve(format, shape, available);
            if (r instanceof Resolution.Picks picks) {
              assertThat(available).containsAll(picks.versions());
            }
          }
        });
  }

  /** Nulls, overlong and control-laden versions in a listing are skipped, never a crash. */
  @ParameterizedTest
  @EnumSource(Format.class)
  void hostileVersionsAreSkipped(Format format) {
    String good =
        switch (format) {
          case MAVEN, PYPI, NUGET, RUBY, GENERIC -> "1.0";
          default -> "1.0.0";
        };
    String requirement = format == Format.PYPI ? "==" + good : good;
    List<String> available =
        Arrays.asList(null, "1".repeat(300), "1.0.0\u0000", "", "\u202e1.0", good, "9".repeat(40));
    Resolution r = Requirements.resolve(format, requirement, available);
    assertThat(r).isInstanceOf(Resolution.Picks.class);
    assertThat(((Resolution.Picks) r).versions())
        .as(format + " " + r)
        .isNotEmpty()
        .allSatisfy(v -> assertThat(v).isIn(available))
        .doesNotContain("1".repeat(300));
  }

  /** Whatever is picked was offered: on random shapes, Picks is a subset of the listing. */
  @ParameterizedTest
  @EnumSource(Format.class)
  void picksComeFromTheListing(Format format) {
    List<String> available = List.of("0.1.0", "1.0.0", "1.2.3", "2.0.0-rc.1", "2.0.0", "10.0.0");
    String[] requirements = {
      "*", "^1", "~1.2", ">=1", "<2", "1.x", "[1.0,2.0)", "~=1.0", "~> 1.0", "==1.*", "1.0.0"
    };
    for (String requirement : requirements) {
      Resolution r = Requirements.resolve(format, requirement, available);
      if (r instanceof Resolution.Picks picks) {
        assertThat(available).as(format + " " + requirement).containsAll(picks.versions());
        assertThat(picks.versions().size()).isLessThanOrEqualTo(1);
      }
    }
  }
}
