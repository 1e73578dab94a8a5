package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeWindowTest {

  private static Instant at(String s) {
    return s == null ? null : Instant.parse("2025-01-01T00:00:" + s + "Z");
  }

  @ParameterizedTest(name = "({0}, {1}) contains {2}: {3}")
  @CsvSource(
      textBlock =
          """
          ,   ,   10, true
          ,   ,     , false
          05, ,   10, true
          10, ,   10, false
          11, ,   10, false
          ,   20, 10, true
          ,   10, 10, false
          ,   09, 10, false
          05, 20, 10, true
          05, 20, 05, false
          05, 20, 20, false
          05, 06, 05, false
          10, 10, 10, false
          20, 05, 10, false
          """)
  void contains(String after, String before, String t, boolean expected) {
    assertThat(new TimeWindow(at(after), at(before)).contains(at(t))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "({0}, {1}) unbounded {2} empty {3}")
  @CsvSource(
      textBlock =
          """
          ,   ,   true,  false
          05, ,   false, false
          ,   05, false, false
          05, 06, false, false
          05, 05, false, true
          06, 05, false, true
          """)
  void shape(String after, String before, boolean unbounded, boolean empty) {
    TimeWindow w = new TimeWindow(at(after), at(before));
    assertThat(w.unbounded()).isEqualTo(unbounded);
    assertThat(w.empty()).isEqualTo(empty);
  }

  private static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");

  /** A window made at NOW narrows only if an edge can leave out a time in (EARLIEST, NOW). */
  @ParameterizedTest(name = "after {0}, before {1}: narrows {2}")
  @CsvSource(
      textBlock =
          """
          ,                     ,                     false
          ,                     2025-07-01T00:00:00Z, false
          ,                     2999-01-01T00:00:00Z, false
          ,                     2025-06-30T23:59:59Z, true
          ,                     1970-01-01T00:00:00Z, true
          1970-01-01T00:00:00Z, ,                     false
          1969-12-31T00:00:00Z, ,                     false
          -9999-01-01T00:00:00Z, ,                    false
          1970-01-01T00:00:01Z, ,                     true
          2025-07-01T00:00:00Z, ,                     true
          1960-01-01T00:00:00Z, 2999-01-01T00:00:00Z, false
          1960-01-01T00:00:00Z, 2025-01-01T00:00:00Z, true
          """)
  void narrowsOnlyWhenAnEdgeCanLeaveSomethingOut(String after, String before, boolean narrows) {
    TimeWindow w =
        TimeWindow.of(
            NOW,
            after == null ? null : Instant.parse(after),
            before == null ? null : Instant.parse(before));
    assertThat(w.narrows()).isEqualTo(narrows);
    // The edges stay as given: a time filter never selects an unknown time, narrowing or not.
    assertThat(w.after()).isEqualTo(after == null ? null : Instant.parse(after));
    assertThat(w.contains(null)).isEqualTo(false);
  }
}
