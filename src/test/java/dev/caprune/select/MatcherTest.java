package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
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
    "a*a*a*b, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab, true",
    "a*a*a*b, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false",
    "*a?c*, xxabcabd, true",
    "*a?c*, xxabdabd, false",
    "a*?, a, false",
    "a*?, ab, true",
    "**, '', true",
    "*?*, '', false",
    "ab*ba, aba, false",
    "ab*ba, abba, true",
    "\\\\*, \\x, true",
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

  @ParameterizedTest(name = "glob {0} on {1} -> {2}")
  @CsvSource({
    "?, \uD83D\uDE00, true",
    "??, \uD83D\uDE00, false",
    "a?b, a\uD83D\uDE00b, true",
    "'*\u00A0', '1.0\u00A0', true",
    "'*\u00A0', '1.0', false",
  })
  void questionMarkIsOneCodePoint(String glob, String text, boolean expected) {
    assertThat(Matcher.glob(glob).matches(text)).isEqualTo(expected);
  }

  /** Our glob matcher agrees with the regex translation it replaced, on random globs and texts. */
  @Test
  void globAgreesWithTheRegexItReplaced() {
    Random random = new Random(13);
    String alphabet = "ab.*?\\";
    for (int n = 0; n < 20_000; n++) {
      String glob = randomString(random, alphabet, 1 + random.nextInt(8));
      String text = randomString(random, "ab.*?\\", random.nextInt(10));
      java.util.regex.Pattern reference;
      try {
        reference = referenceRegex(glob);
      } catch (IllegalArgumentException e) {
        assertThatThrownBy(() -> Matcher.glob(glob)).hasMessageContaining("backslash");
        continue;
      }
      assertThat(Matcher.glob(glob).matches(text))
          .as("glob %s on %s", glob, text)
          .isEqualTo(reference.matcher(text).matches());
    }
  }

  @Test
  void pathologicalPatternsStillMatchCorrectly() {
    String stars = "a*".repeat(17) + "b";
    assertThat(Matcher.glob(stars).matches("a".repeat(35))).isFalse();
    assertThat(Matcher.glob(stars).matches("a".repeat(35) + "b")).isTrue();
    assertThat(Matcher.regex("(.*a){20}").matches("a".repeat(35) + "b")).isFalse();
    assertThat(Matcher.regex("(.*a){20}").matches("a".repeat(35))).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "(a)\\1|backreferences are not supported",
        "a(?=b)|lookahead and lookbehind are not supported",
        "(?<=a)b|lookahead and lookbehind are not supported",
        "(?!a)b|lookahead and lookbehind are not supported",
        "a*+|possessive quantifiers",
        "(?>a)b|atomic groups are not supported",
        "a++b|possessive quantifiers",
      })
  void unsupportedRegexSyntaxIsNamed(String regex, String hint) {
    assertThatThrownBy(() -> Matcher.regex(regex))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + regex + "'")
        .hasMessageContaining(hint)
        .hasMessageContaining("position");
  }

  @Test
  void regexErrorsGiveThePositionOfTheFragment() {
    assertThatThrownBy(() -> Matcher.regex("1.0(?=x)")).hasMessageContaining("at position 3");
    assertThatThrownBy(() -> Matcher.regex("ab[c")).hasMessageContaining("at position 4");
  }

  private static String randomString(Random random, String alphabet, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** The translation to java.util.regex that Matcher.glob used before it matched by itself. */
  private static java.util.regex.Pattern referenceRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        regex.append(c == '*' ? ".*" : ".");
      } else {
        if (c == '\\') {
          if (i + 1 == glob.length()) {
            throw new IllegalArgumentException("lone backslash");
          }
          c = glob.charAt(++i);
        }
        regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL);
  }

  @Test
  void regexesThatWouldBlowUpRe2jAreRefusedBeforeCompiling() {
    // ((a{1000}){1000}){1000} ran RE2/J out of memory; 5,000 nested groups overflowed its stack.
    assertThatThrownBy(() -> Matcher.regex("((a{1000}){1000}){1000}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested repeat counts multiply to more than 1000 at position 10");
    assertThatThrownBy(() -> Matcher.regex("(((a*){1000}){1000})"))
        .hasMessageContaining("more than 1000");
    assertThatThrownBy(() -> Matcher.regex("(?:x{2,40}){30}"))
        .hasMessageContaining("more than 1000");
    assertThatThrownBy(() -> Matcher.regex("(".repeat(2_000) + "a" + ")".repeat(2_000)))
        .hasMessageContaining("nests groups more than 100 deep at position 100");
    assertThatThrownBy(() -> Matcher.regex("a".repeat(10_001)))
        .hasMessageContaining("is longer than 10,000 characters")
        .hasMessageContaining("…");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(a{10}){100}|" + "aaaaaaaaaa",
        "[{(]{5}(x)|{{{{(x",
        "\\((a{999})\\)|(" + "a",
        "\\Q(((\\E{3}|((((",
        "[[:alpha:](]{1000}|a(",
        "a{1000}b{1000}|ab",
        "x{|x{",
      })
  void ordinaryRegexesPassTheLimits(String regex, String sample) {
    assertThat(Matcher.regex(regex).source()).isEqualTo(regex);
  }
}
