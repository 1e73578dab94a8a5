package dev.caprune.select.order;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

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

  /**
   * A version's precedence as one number, or -1 when it has none: versions that both have one
   * compare by it exactly as their parsed forms do ({@link #NO_PACKING} when the format has none).
   */
  private final ToLongFunction<String> packer;

  /** No version packs into a number. */
  static final ToLongFunction<String> NO_PACKING = v -> -1;

  ParsedOrder(
      Function<String, V> parser, Predicate<V> prerelease, Function<V, List<String>> release) {
    this(parser, prerelease, release, NO_PACKING);
  }

  ParsedOrder(
      Function<String, V> parser,
      Predicate<V> prerelease,
      Function<V, List<String>> release,
      ToLongFunction<String> packer) {
    this(packer, prerelease, release, v -> v.length() > MAX_LENGTH ? null : parser.apply(v));
  }

  private ParsedOrder(
      ToLongFunction<String> packer,
      Predicate<V> prerelease,
      Function<V, List<String>> release,
      Function<String, V> boundedParser) {
    this.parser = boundedParser;
    this.prerelease = prerelease;
    this.release = release;
    this.packer = packer;
  }

  /**
   * Each version's key made once: a number where the format packs it (8 bytes), the parsed form
   * otherwise; a packed version is parsed again only to be compared with one that is not.
   */
  @Override
  public Keys keys(List<String> versions) {
    int n = versions.size();
    long[] packed = new long[n];
    Object[] parsed = null;
    for (int i = 0; i < n; i++) {
      String text = versions.get(i);
      long p = text == null || text.length() > MAX_LENGTH ? -1 : packer.applyAsLong(text);
      packed[i] = p;
      if (p < 0) {
        if (parsed == null) {
          parsed = new Object[n];
        }
        V v = text == null ? null : parser.apply(text);
        parsed[i] = v == null ? UNPARSEABLE : v;
      }
    }
    Object[] slow = parsed;
    return new Keys() {
      @Override
      public int compare(int i, int j) {
        String a = versions.get(i);
        String b = versions.get(j);
        int byRules;
        if (packed[i] >= 0 && packed[j] >= 0) {
          byRules = Long.compare(packed[i], packed[j]);
        } else if (a == null || b == null) {
          return ParsedOrder.this.compare(a, b);
        } else {
          byRules = precedence(a, b, parsedAt(i, a), parsedAt(j, b));
        }
        return byRules != 0 ? Integer.signum(byRules) : Integer.signum(a.compareTo(b));
      }

      @Override
      public boolean parses(int i) {
        return packed[i] >= 0 || slow[i] != UNPARSEABLE;
      }

      @SuppressWarnings("unchecked")
      private V parsedAt(int i, String text) {
        if (packed[i] >= 0) {
          return parser.apply(text);
        }
        return slow[i] == UNPARSEABLE ? null : (V) slow[i];
      }
    };
  }

  /** Parses each version once: a sort compares each about 2 log n times (14x faster on 10k). */
  @Override
  @SuppressWarnings("unchecked")
  public VersionOrder memoized() {
    Map<String, Object> memo = new HashMap<>();
    return new ParsedOrder<V>(
        packer,
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
    return precedence(a, b, parser.apply(a), parser.apply(b));
  }

  /** {@link #precedence(String, String)} of two versions parsed already (null: unparseable). */
  private static <V extends Comparable<V>> int precedence(String a, String b, V va, V vb) {
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
