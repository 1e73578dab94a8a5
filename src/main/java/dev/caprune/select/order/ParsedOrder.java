package dev.caprune.select.order;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link VersionOrder} built from a parser: parsed versions compare by their own {@code
 * compareTo}, and everything the parser rejects goes below them in natural order.
 *
 * @param <V> the parsed form
 */
final class ParsedOrder<V extends Comparable<V>> implements VersionOrder {

  /** Returns the parsed version, or null when the text does not parse. Must not throw. */
  private final Function<String, V> parser;

  private final Predicate<V> prerelease;

  /** A parsed version's leading numeric components (release line), empty when it has none. */
  private final Function<V, List<String>> release;

  /**
   * CodeArtifact's own limit on a version's length. A longer one (only a broken or hostile server
   * sends it) does not parse: the format parsers' regexes recurse per segment and could overflow
   * the stack, or take quadratic time, on thousands of characters.
   */
  static final int MAX_LENGTH = 255;

  private static final Object UNPARSEABLE = new Object();

  ParsedOrder(
      Function<String, V> parser, Predicate<V> prerelease, Function<V, List<String>> release) {
    this(prerelease, release, v -> v.length() > MAX_LENGTH ? null : parser.apply(v));
  }

  private ParsedOrder(
      Predicate<V> prerelease,
      Function<V, List<String>> release,
      Function<String, V> boundedParser) {
    this.parser = boundedParser;
    this.prerelease = prerelease;
    this.release = release;
  }

  /** Parses each version once: a sort compares each about 2 log n times (14x faster on 10k). */
  @Override
  @SuppressWarnings("unchecked")
  public VersionOrder memoized() {
    Map<String, Object> memo = new HashMap<>();
    return new ParsedOrder<V>(
        prerelease,
        release,
        v -> {
          Object hit = memo.get(v);
          if (hit == null) {
            V parsed = parser.apply(v);
            memo.put(v, parsed == null ? UNPARSEABLE : parsed);
            return parsed;
          }
          return hit == UNPARSEABLE ? null : (V) hit;
        });
  }

  @Override
  public int precedence(String a, String b) {
    if (a == null || b == null) {
      return NaturalOrder.ORDER.precedence(a, b);
    }
    V va = parser.apply(a);
    V vb = parser.apply(b);
    if (va == null && vb == null) {
      return NaturalOrder.ORDER.precedence(a, b);
    }
    if (va == null) {
      return -1;
    }
    if (vb == null) {
      return 1;
    }
    return Integer.signum(va.compareTo(vb));
  }

  @Override
  public boolean parses(String version) {
    return version != null && parser.apply(version) != null;
  }

  @Override
  public boolean isPrerelease(String version) {
    V v = version == null ? null : parser.apply(version);
    return v != null && prerelease.test(v);
  }

  @Override
  public String line(String version, int depth) {
    V v = version == null ? null : parser.apply(version);
    return v == null ? null : VersionOrder.line(release.apply(v), depth);
  }
}
