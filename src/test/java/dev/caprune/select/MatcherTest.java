package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {

  @ParameterizedTest(name = "glob {0} on {1} -> {2}")
  @CsvSource({
    "*, anything, true",
    "*, '', true",
    "1.*, 1.0.0, true",
    "1.*, 10.0.0, false",
    "1.*, 1., true",
    "*-SNAPSHOT, 1.0-SNAPSHOT, true",
    "*-SNAPSHOT, 1.0-snapshot, false",
    "*-SNAPSHOT, 1.0-SNAPSHOT.1, false",
    "?.0, 1.0, true",
    "?.0, 10.0, false",
    "??.0, 10.0, true",
    "ui-kit, ui-kit, true",
    "ui-kit, ui-kit2, false",
    "ui-kit, xui-kit, false",
    "ui*, ui-kit, true",
    "*kit, ui-kit, true",
    "u*k*t, ui-kit, true",
    "u*k*t, ui-kas, false",
    "a.b, axb, false",
    "a+b, a+b, true",
    "a+b, aab, false",
    "[ab], [ab], true",
    "[ab], a, false",
    "(x), (x), true",
    "a\\*b, a*b, true",
    "a\\*b, axb, false",
    "a\\?, a?, true",
    "a\\?, ab, false",
    "$^, $^, true",
  })
  void globMatchesWholeStringCaseSensitively(String glob, String text, boolean expected) {
    assertThat(Matcher.glob(glob).matches(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "literal prefix of {0} is ''{1}''")
  @CsvSource({
    "ui-kit, ui-kit, true",
    "ui-*, ui-, false",
    "*, '', false",
    "a?c, a, false",
    "a\\*b*, a*b, false",
    "a\\*b, a*b, true",
  })
  void literalPrefixIsWhatEveryMatchStartsWith(String glob, String prefix, boolean literal) {
    Matcher.Glob g = (Matcher.Glob) Matcher.glob(glob);
    assertThat(g.literalPrefix()).isEqualTo(prefix);
    assertThat(g.literal()).isEqualTo(literal);
  }

  @ParameterizedTest(name = "regex {0} on {1} -> {2}")
  @CsvSource({
    "1\\.0\\..*, 1.0.5, true",
    "1\\.0\\..*, 21.0.5, false",
    "1\\.0, 1.0.1, false",
    "(?i)beta, BETA, true",
    ".*-rc\\d+, 2.0-rc12, true",
    ".*-rc\\d+, 2.0-rc12x, false",
  })
  void regexMatchesWholeString(String regex, String text, boolean expected) {
    assertThat(Matcher.regex(regex).matches(text)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void invalidRegexNamesThePosition() {
    assertThatThrownBy(() -> Matcher.regex("1.(0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'1.(0'")
        .hasMessageContaining("position 4");
  }

  @org.junit.jupiter.api.Test
  void badGlobsAreRejected() {
    assertThatThrownBy(() -> Matcher.glob("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> Matcher.glob("abc\\")).hasMessageContaining("backslash");
  }
}
