package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          90d | PT2160H
          12h | PT12H
          6w | PT1008H
          30m | PT30M
          45s | PT45S
          0d | PT0S
          0s | PT0S
          ' 7d ' | PT168H
          P90D | PT2160H
          PT12H | PT12H
          P2W | PT336H
          P2W3D | PT408H
          P1DT12H | PT36H
          PT1.5S | PT1.5S
          p1d | PT24H
          P0D | PT0S
          PT0S | PT0S
          """)
  void ages(String text, String expected) {
    assertThat(Durations.parseAge(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "90",
        "d",
        "90 d",
        "90days",
        "90D",
        "6M",
        "1y",
        "-5d",
        "+5d",
        "1.5d",
        "5d3h",
        "P",
        "PT",
        "P1M",
        "P1Y",
        "P-1D",
        "-P1D",
        "PT-1H",
        "P1W1H",
        "1e3s",
        "99999999999999999999d",
        "9999999999999999w",
        "\u0669d",
      })
  void rejectedAges(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parseAge(text))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("age"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"6M", "garbage"})
  void messageNamesTheTextAndTheForms(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parseAge(text))
        .withMessageContaining("'" + text + "'")
        .withMessageContaining("90d")
        .withMessageContaining("P90D");
  }

  @ParameterizedTest
  @ValueSource(strings = {"P1M", "P1Y2D"})
  void monthsAndYearsAreExplained(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parseAge(text))
        .withMessageContaining("'" + text + "'")
        .withMessageContaining("months or years");
  }

  /** 'y' is no age unit (a year has no fixed length); the message says what to write instead. */
  @ParameterizedTest
  @ValueSource(strings = {"1y", "2years", "6mo", "1Y"})
  void calendarUnitsAreRefusedWithAHint(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parseAge(text))
        .withMessageContaining("'" + text + "'")
        .withMessageContaining("months or years")
        .withMessageContaining("365d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-P1D", "PT-1H", "P-1D"})
  void negativeAgesAreExplained(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parseAge(text))
        .withMessage("age '" + text + "' must not be negative");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          2025-01-31 | 2025-01-31T00:00:00Z
          ' 2025-01-31 ' | 2025-01-31T00:00:00Z
          2024-02-29 | 2024-02-29T00:00:00Z
          2025-01-31T10:00:00Z | 2025-01-31T10:00:00Z
          2025-01-31T10:00Z | 2025-01-31T10:00:00Z
          2025-01-31T10:00:00.5Z | 2025-01-31T10:00:00.500Z
          2025-01-31T10:00:00+02:00 | 2025-01-31T08:00:00Z
          2025-01-31T00:30:00-05:30 | 2025-01-31T06:00:00Z
          2025-01-31T10:00:00+00:00 | 2025-01-31T10:00:00Z
          """)
  void instants(String text, String expected) {
    assertThat(Durations.parseWhen(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "2025-01-31T10:00:00",
        "2025-02-30",
        "2023-02-29",
        "2025-13-01",
        "2025-1-31",
        "31/01/2025",
        "20250131",
        "2025-01-31 10:00:00Z",
        "2025-01-31T25:00:00Z",
        "2025-01-31T10:00:00Europe/Paris",
        "yesterday",
        "90d",
      })
  void rejectedInstants(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parseWhen(text))
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("\n")
                    .contains("2025-01-31T10:00:00Z")
                    .contains(text == null || text.isEmpty() ? "missing" : "'" + text + "'"));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "PT0S, 0m",
    "PT45M, 45m",
    "PT3H12M, 3h 12m",
    "P8D, 8d 0h",
    "P2DT5H30M, 2d 5h",
    "PT-1M, 0m",
  })
  void humanDurations(String iso, String expected) {
    assertThat(Durations.human(java.time.Duration.parse(iso))).isEqualTo(expected);
  }
}
