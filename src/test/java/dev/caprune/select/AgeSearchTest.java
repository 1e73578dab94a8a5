package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.AgeSearch.Kind;
import dev.caprune.select.AgeSearch.Result;
import dev.caprune.select.AgeSearch.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgeSearchTest {

  private static final Instant BASE = Instant.parse("2025-06-01T00:00:00Z");

  /** A describe function over fixed times that counts calls and refuses a second call. */
  private static final class Describer implements Function<String, Optional<Instant>> {
    private final Map<String, Instant> times;
    private final Set<String> called = new HashSet<>();

    Describer(Map<String, Instant> times) {
      this.times = times;
    }

    @Override
    public Optional<Instant> apply(String version) {
      assertThat(called.add(version)).as("described twice: %s", version).isTrue();
      return Optional.ofNullable(times.get(version));
    }

    int calls() {
      return called.size();
    }
  }

  /** Versions v0..v(n-1), newest first, one minute apart. */
  private static List<String> versions(int n) {
    return IntStream.range(0, n).mapToObj(i -> "v" + i).toList();
  }

  private static Instant minute(int i) {
    return BASE.minusSeconds(60L * i);
  }

  private static Map<String, Instant> minuteApart(List<String> versions) {
    Map<String, Instant> times = new HashMap<>();
    for (int i = 0; i < versions.size(); i++) {
      times.put(versions.get(i), minute(i));
    }
    return times;
  }

  /** The edge between index c-1 and c: [0, c) at or after it, [c, n) before it. */
  private static Instant between(int c) {
    return BASE.minusSeconds(60L * c - 30);
  }

  private static int log2Ceil(int x) {
    return 32 - Integer.numberOfLeadingZeros(x - 1);
  }

  private static int log2Floor(int x) {
    return 31 - Integer.numberOfLeadingZeros(x);
  }

  /** The verdict each version deserves by its own time. */
  private static Kind expected(Instant t, TimeWindow w) {
    if (t == null) {
      return Kind.UNKNOWN_TIME;
    }
    if (w.before() != null && !t.isBefore(w.before())) {
      return Kind.TOO_NEW;
    }
    if (w.after() != null && !t.isAfter(w.after())) {
      return Kind.TOO_OLD;
    }
    return Kind.IN_WINDOW;
  }

  private static void assertClassifiedByOwnTime(
      Result result, List<String> versions, Map<String, Instant> times, TimeWindow w) {
    assertThat(result.verdicts().keySet()).containsExactlyElementsOf(versions);
    for (String v : versions) {
      Verdict verdict = result.verdicts().get(v);
      Kind kind = expected(times.get(v), w);
      assertThat(verdict.kind()).as(v).isEqualTo(kind);
      Instant bound =
          switch (kind) {
            case TOO_NEW -> w.before();
            case TOO_OLD -> w.after();
            default -> null;
          };
      assertThat(verdict.bound()).as("bound of %s", v).isEqualTo(bound);
      if (verdict.publishedTime() != null) {
        assertThat(verdict.publishedTime()).as("time of %s", v).isEqualTo(times.get(v));
      }
    }
  }

  static Stream<Arguments> sizesAndCuts() {
    List<Arguments> out = new ArrayList<>();
    for (boolean beforeEdge : new boolean[] {true, false}) {
      for (int n : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 16, 100, 999, 1000, 1023, 1024}) {
        for (int c : new int[] {0, 1, n / 3, n / 2, n - 1, n}) {
          out.add(Arguments.of(beforeEdge, n, c));
        }
      }
    }
    return out.stream().distinct();
  }

  /** One edge, the other unbounded: both ends, then at most ceil(log2(n+1)) calls. */
  @ParameterizedTest(name = "before-edge={0} n={1} cut={2}")
  @MethodSource("sizesAndCuts")
  void oneEdge(boolean beforeEdge, int n, int c) {
    List<String> versions = versions(n);
    Map<String, Instant> times = minuteApart(versions);
    TimeWindow w = beforeEdge ? new TimeWindow(null, between(c)) : new TimeWindow(between(c), null);
    Describer describer = new Describer(times);

    Result result = AgeSearch.classify(versions, w, describer);

    assertClassifiedByOwnTime(result, versions, times, w);
    assertThat(result.fellBack()).isFalse();
    assertThat(result.describeCalls())
        .isEqualTo(describer.calls())
        .isBetween(Math.min(n, 1), log2Ceil(n + 1) + 2);
  }

  @Test
  void thousandVersionsCutInTheMiddleTakeAtMostTwelveCalls() {
    List<String> versions = versions(1000);
    Describer describer = new Describer(minuteApart(versions));

    Result result = AgeSearch.classify(versions, new TimeWindow(null, between(500)), describer);

    assertThat(result.describeCalls()).isLessThanOrEqualTo(12); // ceil(log2 1000) + the two ends
    assertThat(result.verdicts().values().stream().filter(v -> v.kind() == Kind.IN_WINDOW))
        .hasSize(500);
  }

  static Stream<Arguments> twoEdges() {
    List<Arguments> out = new ArrayList<>();
    for (int n : new int[] {1, 2, 3, 5, 8, 17, 100, 1000}) {
      int[] cuts = {0, 1, n / 4, n / 2, n - 1, n};
      for (int newer : cuts) {
        for (int older : cuts) {
          out.add(Arguments.of(n, newer, older));
        }
      }
    }
    return out.stream().distinct();
  }

  /** Cut {@code newer}: before-edge; cut {@code older}: after-edge (may cross: empty window). */
  @ParameterizedTest(name = "n={0} before-cut={1} after-cut={2}")
  @MethodSource("twoEdges")
  void bothEdges(int n, int newer, int older) {
    List<String> versions = versions(n);
    Map<String, Instant> times = minuteApart(versions);
    TimeWindow w = new TimeWindow(between(older), between(newer));
    Describer describer = new Describer(times);

    Result result = AgeSearch.classify(versions, w, describer);

    assertClassifiedByOwnTime(result, versions, times, w);
    assertThat(result.fellBack()).isFalse();
    assertThat(result.describeCalls()).isEqualTo(describer.calls());
    assertThat(result.describeCalls()).isLessThanOrEqualTo(2 * log2Ceil(n + 1) + 2);
  }

  @Test
  void unboundedWindowDescribesNothing() {
    List<String> versions = versions(50);
    Describer describer = new Describer(Map.of());

    Result result = AgeSearch.classify(versions, TimeWindow.UNBOUNDED, describer);

    assertThat(result.describeCalls()).isZero();
    assertThat(result.fellBack()).isFalse();
    assertThat(result.verdicts().values())
        .hasSize(50)
        .containsOnly(new Verdict(Kind.IN_WINDOW, null, null));
  }

  @Test
  void emptyListDescribesNothing() {
    Describer describer = new Describer(Map.of());

    Result result =
        AgeSearch.classify(List.of(), new TimeWindow(BASE, BASE.plusSeconds(1)), describer);

    assertThat(result.describeCalls()).isZero();
    assertThat(result.verdicts()).isEmpty();
  }

  /** Edges are strict: a time equal to an edge is outside the window. */
  @Test
  void equalTimestampsAtTheEdges() {
    List<String> versions = versions(9);
    Instant t10 = BASE;
    Instant t5 = BASE.minusSeconds(5);
    Instant t1 = BASE.minusSeconds(9);
    Map<String, Instant> times = new HashMap<>();
    for (int i = 0; i < 9; i++) {
      times.put(versions.get(i), i < 3 ? t10 : i < 6 ? t5 : t1);
    }
    for (TimeWindow w :
        List.of(
            new TimeWindow(null, t5),
            new TimeWindow(t5, null),
            new TimeWindow(t1, t10),
            new TimeWindow(t5, t5),
            new TimeWindow(t1, t5))) {
      Result result = AgeSearch.classify(versions, w, new Describer(times));
      assertClassifiedByOwnTime(result, versions, times, w);
      assertThat(result.fellBack()).as("%s", w).isFalse();
    }
  }

  @Test
  void oldestFirstInputFallsBackAndJudgesEachByItsOwnTime() {
    List<String> versions = versions(100);
    Map<String, Instant> times = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      times.put(versions.get(i), minute(100 - i)); // oldest first: wrong order
    }
    TimeWindow w = new TimeWindow(null, between(30));
    Describer describer = new Describer(times);

    Result result = AgeSearch.classify(versions, w, describer);

    assertThat(result.fellBack()).isTrue();
    assertThat(result.describeCalls()).isEqualTo(100).isEqualTo(describer.calls());
    assertClassifiedByOwnTime(result, versions, times, w);
    assertThat(result.verdicts().values()).allMatch(v -> v.publishedTime() != null);
  }

  @Test
  void disorderSeenOnlyBetweenTheTwoEdgesFallsBack() {
    // The before-edge search (cut 4 of 8) sees v4, v2, v3; then the after-edge search, starting
    // at 4, probes v6, which is newer than v4: out of order.
    List<String> versions = versions(8);
    Map<String, Instant> times = minuteApart(versions);
    times.put("v6", minute(0).plusSeconds(1));
    TimeWindow w = new TimeWindow(between(7), between(4));
    Describer describer = new Describer(times);

    Result result = AgeSearch.classify(versions, w, describer);

    assertThat(result.fellBack()).isTrue();
    assertThat(result.describeCalls()).isEqualTo(8);
    assertClassifiedByOwnTime(result, versions, times, w);
    assertThat(result.verdicts().get("v6").kind()).isEqualTo(Kind.TOO_NEW);
  }

  @Test
  void missingTimeFallsBackAndIsNeverSelected() {
    List<String> versions = versions(9);
    Map<String, Instant> times = minuteApart(versions);
    times.remove("v4"); // the first probe
    times.remove("v8"); // found only by the fallback
    TimeWindow w = new TimeWindow(null, between(2));
    Describer describer = new Describer(times);

    Result result = AgeSearch.classify(versions, w, describer);

    assertThat(result.fellBack()).isTrue();
    assertThat(result.describeCalls()).isEqualTo(9);
    assertClassifiedByOwnTime(result, versions, times, w);
    assertThat(result.verdicts().get("v4")).isEqualTo(new Verdict(Kind.UNKNOWN_TIME, null, null));
    assertThat(result.verdicts().get("v8")).isEqualTo(new Verdict(Kind.UNKNOWN_TIME, null, null));
  }

  /** Versions with no time listed last are never judged by position: both ends are described. */
  @Test
  void missingTimesAtTheOldEndAreNeverSelected() {
    List<String> versions = versions(9);
    Map<String, Instant> times = minuteApart(versions);
    times.remove("v7");
    times.remove("v8");
    TimeWindow w = new TimeWindow(null, between(2));
    Describer describer = new Describer(times);

    Result result = AgeSearch.classify(versions, w, describer);

    assertThat(result.fellBack()).isTrue();
    assertThat(result.verdicts().get("v7").kind()).isEqualTo(Kind.UNKNOWN_TIME);
    assertThat(result.verdicts().get("v8").kind()).isEqualTo(Kind.UNKNOWN_TIME);
    assertClassifiedByOwnTime(result, versions, times, w);
  }

  @Test
  void nullFromDescribeCountsAsUnknown() {
    List<String> versions = versions(3);
    Result result =
        AgeSearch.classify(
            versions,
            new TimeWindow(null, BASE.plusSeconds(1)),
            v -> v.equals("v2") ? null : Optional.of(BASE));

    assertThat(result.fellBack()).isTrue();
    assertThat(result.verdicts().get("v2").kind()).isEqualTo(Kind.UNKNOWN_TIME);
    assertThat(result.verdicts().get("v0").kind()).isEqualTo(Kind.IN_WINDOW);
  }

  @Test
  void repeatedVersionsCountOnce() {
    List<String> versions = List.of("v0", "v1", "v1", "v2", "v0");
    Map<String, Instant> times = minuteApart(List.of("v0", "v1", "v2"));
    TimeWindow w = new TimeWindow(null, between(1));

    Result result = AgeSearch.classify(versions, w, new Describer(times));

    assertClassifiedByOwnTime(result, List.of("v0", "v1", "v2"), times, w);
  }

  /**
   * Random short lists, in order or not, with gaps: never a second describe; a result that did not
   * fall back agrees with every time it saw; a fallback judges each by its own time; a list truly
   * newest first with all times known never falls back and is judged right throughout.
   */
  @Test
  void randomListsKeepTheInvariants() {
    Random random = new Random(42);
    for (int round = 0; round < 5000; round++) {
      int n = random.nextInt(12);
      List<String> versions = versions(n);
      boolean ordered = random.nextBoolean();
      boolean gaps = random.nextInt(4) == 0;
      Map<String, Instant> times = new HashMap<>();
      int t = 40;
      for (String v : versions) {
        t -= ordered ? random.nextInt(3) : random.nextInt(7) - 3;
        if (!(gaps && random.nextInt(4) == 0)) {
          times.put(v, BASE.plusSeconds(t));
        }
      }
      Instant a = random.nextInt(4) == 0 ? null : BASE.plusSeconds(random.nextInt(50) - 10);
      Instant b = random.nextInt(4) == 0 ? null : BASE.plusSeconds(random.nextInt(50) - 10);
      TimeWindow w = new TimeWindow(a, b);
      Describer describer = new Describer(times);

      Result result = AgeSearch.classify(versions, w, describer);

      String what = "round " + round + " " + times + " " + w;
      assertThat(result.describeCalls()).as(what).isEqualTo(describer.calls());
      boolean trulyOrdered = ordered && times.size() == n;
      if (result.fellBack()) {
        assertThat(trulyOrdered).as(what).isFalse();
        assertThat(result.describeCalls()).as(what).isEqualTo(n);
        assertClassifiedByOwnTime(result, versions, times, w);
      } else if (trulyOrdered) {
        assertClassifiedByOwnTime(result, versions, times, w);
      } else {
        for (String v : versions) {
          Verdict verdict = result.verdicts().get(v);
          if (verdict.publishedTime() != null) {
            assertThat(verdict.kind()).as(what + " " + v).isEqualTo(expected(times.get(v), w));
          }
        }
      }
    }
  }

  // ---- newest N by publish order ----

  private static final List<String> FIVE = List.of("e", "d", "c", "b", "a");

  private static Optional<Instant> day(String v, String unknown) {
    return unknown.contains(v) ? Optional.empty() : Optional.of(BASE.plusSeconds(v.charAt(0)));
  }

  @Test
  void newestTrustsTheOrderWhenBothEndsHaveTimesInOrder() {
    List<String> asked = new ArrayList<>();
    AgeSearch.Newest n =
        AgeSearch.newest(
            FIVE,
            2,
            v -> {
              asked.add(v);
              return day(v, "");
            });
    assertThat(n.kept()).containsExactly("e", "d");
    assertThat(n.unknownTime()).isEmpty();
    assertThat(asked).containsExactly("e", "a");
  }

  @Test
  void newestKeepsEveryVersionWithoutATimeWhereverTheListPutsIt() {
    // Last (as the sandbox lists them), first, or both.
    assertThat(AgeSearch.newest(FIVE, 2, v -> day(v, "a")).kept()).containsExactly("e", "d", "a");
    AgeSearch.Newest first = AgeSearch.newest(FIVE, 2, v -> day(v, "e"));
    assertThat(first.kept()).containsExactly("e", "d", "c");
    assertThat(first.unknownTime()).containsExactly("e");
    assertThat(AgeSearch.newest(FIVE, 1, v -> day(v, "ea")).kept()).containsExactly("e", "d", "a");
  }

  @Test
  void newestJudgesByTimeWhenTheListIsOutOfOrder() {
    List<String> shuffled = List.of("a", "c", "e", "b", "d");
    List<String> asked = new ArrayList<>();
    AgeSearch.Newest n =
        AgeSearch.newest(
            shuffled,
            2,
            v -> {
              asked.add(v);
              return day(v, "");
            });
    assertThat(n.kept()).containsExactlyInAnyOrder("e", "d");
    assertThat(asked).as("each described once").doesNotHaveDuplicates().hasSize(5);
  }

  @Test
  void newestAsksNothingWhenNothingFallsOut() {
    AgeSearch.Newest n =
        AgeSearch.newest(
            FIVE,
            5,
            v -> {
              throw new AssertionError("asked " + v);
            });
    assertThat(n.kept()).containsExactlyElementsOf(FIVE);
  }
}
