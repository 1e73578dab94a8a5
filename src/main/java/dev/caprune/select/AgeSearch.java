package dev.caprune.select;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Classifies versions against a {@link TimeWindow} with few describe calls.
 *
 * <p>The version listing carries no publish time, and each time costs one call. But the listing can
 * come sorted by publish time, newest first, so each window edge is a single cut in the list: a
 * binary search finds it in about log2(n) calls. Every time seen is checked against that order; if
 * one is missing or out of order, the search cannot be trusted, and every version is described and
 * judged by its own time instead.
 */
public final class AgeSearch {

  /** One verdict per version. */
  public enum Kind {
    IN_WINDOW,
    TOO_NEW,
    TOO_OLD,
    UNKNOWN_TIME
  }

  /**
   * @param kind the verdict
   * @param publishedTime the time seen if this version was described, else null
   * @param bound the window edge that decided (null for IN_WINDOW and UNKNOWN_TIME)
   */
  public record Verdict(Kind kind, Instant publishedTime, Instant bound) {}

  /**
   * @param verdicts one per distinct version, in list order
   * @param describeCalls how many times describe was called
   * @param fellBack whether the search gave up and described every version
   */
  public record Result(Map<String, Verdict> verdicts, int describeCalls, boolean fellBack) {}

  private AgeSearch() {}

  /**
   * Classifies each version by its publish time.
   *
   * @param versionsNewestFirst candidate versions in the API's publish-time order, newest first (a
   *     repeated version counts once, at its first place)
   * @param window the window to select
   * @param describe a version's publish time (one API call; empty when unknown); never called twice
   *     for one version
   */
  public static Result classify(
      List<String> versionsNewestFirst,
      TimeWindow window,
      Function<String, Optional<Instant>> describe) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(describe, "describe");
    List<String> versions = new ArrayList<>(new LinkedHashSet<>(versionsNewestFirst));
    Search search = new Search(versions, window, describe);
    if (window.unbounded()) {
      return search.result(0, versions.size(), false);
    }
    try {
      // Both ends first: a version with no publish time (or out of order) at either end would
      // otherwise be judged by its position alone, unseen. Two describes buy that certainty.
      if (!versions.isEmpty()) {
        search.probe(0);
        search.probe(versions.size() - 1);
      }
      // Versions [0, newEnd) are at or after `before`; [oldStart, n) at or before `after`.
      int newEnd =
          window.before() == null ? 0 : search.firstIndex(0, t -> t.isBefore(window.before()));
      int oldStart =
          window.after() == null
              ? versions.size()
              : search.firstIndex(newEnd, t -> !t.isAfter(window.after()));
      return search.result(newEnd, oldStart, false);
    } catch (Untrustworthy e) {
      return search.fallBack();
    }
  }

  /**
   * What a keep of the N newest by publish time keeps.
   *
   * @param kept the versions kept, in list order: the N newest, and every version whose publish
   *     time is unknown
   * @param unknownTime those of {@code kept} kept only because their publish time is unknown
   * @param times the publish times seen (each one describe call)
   */
  public record Newest(Set<String> kept, Set<String> unknownTime, Map<String, Instant> times) {}

  /**
   * The {@code n} newest versions by publish time, from the API's publish-time order, and every
   * version whose publish time is unknown: an unknown time is never a reason to fall out of a keep.
   * Where the API lists a version without a publish time is not documented (the sandbox lists them
   * last): both ends of the list are described first, as {@link #classify} does; when either has no
   * time or the two are out of order, every version is described and judged by its own time.
   * Nothing falls out of the keep (n or fewer versions): no call.
   *
   * @param versionsNewestFirst candidates in the API's publish-time order, newest first
   */
  public static Newest newest(
      List<String> versionsNewestFirst, int n, Function<String, Optional<Instant>> describe) {
    List<String> versions = new ArrayList<>(new LinkedHashSet<>(versionsNewestFirst));
    Set<String> kept = new LinkedHashSet<>();
    Set<String> unknown = new LinkedHashSet<>();
    Map<String, Instant> times = new HashMap<>();
    if (versions.size() <= n) {
      kept.addAll(versions);
      return new Newest(kept, unknown, times);
    }
    Map<String, Optional<Instant>> described = new HashMap<>();
    Function<String, Optional<Instant>> seen =
        v ->
            described.computeIfAbsent(
                v,
                x -> {
                  Optional<Instant> t =
                      Objects.requireNonNullElse(describe.apply(x), Optional.empty());
                  t.ifPresent(time -> times.put(x, time));
                  return t;
                });
    Optional<Instant> first = seen.apply(versions.get(0));
    Optional<Instant> last = seen.apply(versions.get(versions.size() - 1));
    if (first.isPresent() && last.isPresent() && !first.get().isBefore(last.get())) {
      kept.addAll(versions.subList(0, n));
      return new Newest(kept, unknown, times);
    }
    List<String> known = new ArrayList<>();
    for (String v : versions) {
      if (seen.apply(v).isPresent()) {
        known.add(v);
      } else {
        unknown.add(v);
      }
    }
    // Newest first by time; the list's order breaks ties (a stable sort).
    known.sort((a, b) -> times.get(b).compareTo(times.get(a)));
    Set<String> newest = new java.util.HashSet<>(known.subList(0, Math.min(n, known.size())));
    for (String v : versions) {
      if (newest.contains(v) || unknown.contains(v)) {
        kept.add(v);
      }
    }
    return new Newest(kept, unknown, times);
  }

  /** Thrown inside the search when a probed time is missing or out of newest-first order. */
  private static final class Untrustworthy extends Exception {
    Untrustworthy() {
      super(null, null, false, false);
    }
  }

  private static final class Search {
    private final List<String> versions;
    private final TimeWindow window;
    private final Function<String, Optional<Instant>> describe;

    /** What each described version returned (empty = unknown). */
    private final Map<String, Optional<Instant>> seen = new HashMap<>();

    /** The known times by list position, to check each new one against its neighbours. */
    private final TreeMap<Integer, Instant> probed = new TreeMap<>();

    Search(List<String> versions, TimeWindow window, Function<String, Optional<Instant>> describe) {
      this.versions = versions;
      this.window = window;
      this.describe = describe;
    }

    interface TimeTest {
      boolean test(Instant t);
    }

    /**
     * The first index in [from, n] whose time passes the test, which must be false then true along
     * a newest-first list. Times already known narrow the range before any call is made.
     */
    int firstIndex(int from, TimeTest test) throws Untrustworthy {
      int lo = from;
      int hi = versions.size();
      for (Map.Entry<Integer, Instant> e : probed.tailMap(from).entrySet()) {
        if (test.test(e.getValue())) {
          hi = e.getKey();
          break;
        }
        lo = e.getKey() + 1;
      }
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (test.test(probe(mid))) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo;
    }

    Instant probe(int index) throws Untrustworthy {
      Instant t = time(versions.get(index)).orElseThrow(Untrustworthy::new);
      Map.Entry<Integer, Instant> newer = probed.lowerEntry(index);
      Map.Entry<Integer, Instant> older = probed.higherEntry(index);
      if ((newer != null && newer.getValue().isBefore(t))
          || (older != null && older.getValue().isAfter(t))) {
        throw new Untrustworthy();
      }
      probed.put(index, t);
      return t;
    }

    private Optional<Instant> time(String version) {
      return seen.computeIfAbsent(
          version, v -> Objects.requireNonNullElse(describe.apply(v), Optional.empty()));
    }

    /** Verdicts by position: [0, newEnd) too new, [oldStart, n) too old, the rest inside. */
    Result result(int newEnd, int oldStart, boolean fellBack) {
      Map<String, Verdict> verdicts = new LinkedHashMap<>();
      for (int i = 0; i < versions.size(); i++) {
        String v = versions.get(i);
        Instant t = seen.getOrDefault(v, Optional.empty()).orElse(null);
        Verdict verdict;
        if (i < newEnd) {
          verdict = new Verdict(Kind.TOO_NEW, t, window.before());
        } else if (i >= oldStart) {
          verdict = new Verdict(Kind.TOO_OLD, t, window.after());
        } else {
          verdict = new Verdict(Kind.IN_WINDOW, t, null);
        }
        verdicts.put(v, verdict);
      }
      return new Result(Collections.unmodifiableMap(verdicts), seen.size(), fellBack);
    }

    /** Describes every version not yet seen and judges each by its own time. */
    Result fallBack() {
      Map<String, Verdict> verdicts = new LinkedHashMap<>();
      for (String v : versions) {
        verdicts.put(v, judge(time(v).orElse(null)));
      }
      return new Result(Collections.unmodifiableMap(verdicts), seen.size(), true);
    }

    private Verdict judge(Instant t) {
      if (t == null) {
        return new Verdict(Kind.UNKNOWN_TIME, null, null);
      }
      if (window.before() != null && !t.isBefore(window.before())) {
        return new Verdict(Kind.TOO_NEW, t, window.before());
      }
      if (window.after() != null && !t.isAfter(window.after())) {
        return new Verdict(Kind.TOO_OLD, t, window.after());
      }
      return new Verdict(Kind.IN_WINDOW, t, null);
    }
  }
}
