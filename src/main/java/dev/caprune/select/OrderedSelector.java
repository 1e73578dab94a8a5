package dev.caprune.select;

import dev.caprune.select.order.VersionOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Selector}'s decisions for a package whose versions come one at a time, oldest first by the
 * format's order (a listing too large for the heap, sorted on disk), in two passes over them: the
 * first counts ({@link #count}), the second decides ({@link #decide}). It holds a counter per
 * release line and two versions, never the versions themselves.
 *
 * <p>Only criteria that one ordered pass can decide are supported ({@link #unsupported}): filters,
 * keep-latest by version order (per line or not), latest protection and {@code --all}. A time
 * window, keep-latest by publish time and a protect file stay with {@link Selector}, as does {@code
 * --explain}. For those it does support, the decisions, their order and the warnings are {@link
 * Selector}'s, given the same order of versions.
 */
public final class OrderedSelector {
  private final Criteria criteria;
  private final Selector filters;
  private final PackageId pkg;
  private final VersionOrder order;
  private final boolean keep;
  private final String keepWhy;

  /** Per release line: {total passed, passed seen so far in the second pass}. */
  private final Map<String, long[]> lines = new HashMap<>();

  private VersionSummary first;
  private VersionSummary newest;
  private long counted;
  private Map<String, String> latest = Map.of();

  public OrderedSelector(Criteria criteria, PackageId pkg) {
    String why = unsupported(criteria, false);
    if (why != null) {
      throw new IllegalArgumentException(why);
    }
    this.criteria = criteria;
    this.filters = new Selector(criteria);
    this.pkg = pkg;
    this.order = VersionOrder.of(pkg.format());
    this.keep = criteria.keepLatest() != null && criteria.keepLatest() > 0;
    this.keepWhy = keep ? "kept: newest " + criteria.keepLatest() : null;
  }

  /**
   * Why these criteria need the whole listing in memory, or null when one ordered pass decides
   * them.
   *
   * @param explain {@code --explain}: every decision is shown, held for the report
   */
  public static String unsupported(Criteria criteria, boolean explain) {
    if (explain) {
      return "--explain";
    }
    if (!criteria.window().unbounded()) {
      return "a time window (--older-than, --newer-than, --published-before, --published-after)";
    }
    if (criteria.keepLatest() != null && criteria.order() == Criteria.Order.published) {
      return "--keep-latest with --order published";
    }
    if (!criteria.protect().isEmpty()) {
      return "--protect-file";
    }
    return null;
  }

  /**
   * The first pass: each version, in ascending order.
   *
   * @param listedFirst whether it is the first version of the listing (in the API's order)
   */
  public void count(VersionSummary v, boolean listedFirst) {
    counted++;
    if (listedFirst) {
      first = v;
    }
    newest = v; // ascending: the last one is the newest by the format's order
    if (keep && filters.excludedBy(order, v) == null) {
      lines.computeIfAbsent(line(v), k -> new long[2])[0]++;
    }
  }

  /**
   * Between the passes: latest protection settled ({@code defaultDisplayVersion} as listed).
   *
   * @return the warnings {@link Selector} gives before its decisions (no latest version named)
   */
  public List<String> start(String defaultDisplayVersion) {
    List<String> warnings = new ArrayList<>();
    if (counted == 0) {
      return warnings;
    }
    // Selector finds the newest by a pass over the listing, the most recent as its first entry:
    // the two are all it looks at.
    List<VersionSummary> ends =
        first == null || first.equals(newest) ? List.of(newest) : List.of(first, newest);
    latest = filters.latest(order, pkg, defaultDisplayVersion, ends, warnings);
    return warnings;
  }

  /** The second pass: each version's decision, in ascending order again. */
  public Decision decide(VersionSummary v) {
    String excluded = filters.excludedBy(order, v);
    if (excluded != null) {
      return new Decision(v, false, excluded, null);
    }
    if (keep) {
      String line = line(v);
      long[] count = lines.get(line);
      count[1]++;
      if (count[0] - count[1] < criteria.keepLatest()) {
        return new Decision(
            v,
            false,
            keepWhy + ReleaseLines.label(line, criteria.keepLatestPer()),
            Decision.KEEP_LATEST);
      }
    }
    String latestReason = latest.get(v.version());
    if (latestReason != null) {
      return new Decision(v, false, latestReason, Decision.LATEST);
    }
    return new Decision(v, true, "selected", null, null, null);
  }

  /** The warning {@link Selector} gives for a version its format cannot parse, or null. */
  public String warning(VersionSummary v) {
    return order.parses(v.version()) ? null : Selector.unparseable(pkg, v.version());
  }

  private String line(VersionSummary v) {
    return ReleaseLines.key(order, v.version(), criteria.keepLatestPer());
  }
}
