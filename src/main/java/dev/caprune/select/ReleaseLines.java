package dev.caprune.select;

import dev.caprune.select.order.VersionOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code --keep-latest-per}: versions grouped by release line ({@link VersionOrder#line}), each
 * group keeping its members' order. Versions with no numeric major (or that the format cannot
 * parse) form one line of their own.
 */
final class ReleaseLines {
  /** The line of the versions that have none, as a key. */
  private static final String NONE = "";

  private ReleaseLines() {}

  /**
   * {@code versions} by line, lines in the order of their first member; one group of all when
   * {@code per} is null.
   */
  static <T> Map<String, List<T>> group(
      List<T> versions, Function<T, String> version, VersionOrder order, Criteria.Per per) {
    Map<String, List<T>> out = new LinkedHashMap<>();
    for (T v : versions) {
      out.computeIfAbsent(key(order, version.apply(v), per), k -> new ArrayList<>()).add(v);
    }
    return out;
  }

  /** The line's key; {@link #NONE} for a version with no line (and for every one without per). */
  static String key(VersionOrder order, String version, Criteria.Per per) {
    if (per == null) {
      return NONE;
    }
    String line = order.line(version, per.depth());
    return line == null ? NONE : line;
  }

  /** " of 1.x", " of 1.2.x", " of the versions with no release line"; empty without per. */
  static String label(String key, Criteria.Per per) {
    if (per == null) {
      return "";
    }
    return key.equals(NONE) ? " of the versions with no release line" : " of " + key + ".x";
  }
}
