package dev.caprune.depend;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** Chooses among a package's versions: the ones a client would pick, ties all kept. */
final class Pick {

  /**
   * CodeArtifact's own limit on a version's length; a longer one (only a broken or hostile server
   * sends it) is skipped before any regex reads it.
   */
  static final int MAX_VERSION_LENGTH = 255;

  private Pick() {}

  /** One available version, parsed. */
  record Candidate<V>(String text, V version) {}

  /** The versions that parse, in the order listed; nulls, overlong and unparsable ones skipped. */
  static <V> List<Candidate<V>> parse(List<String> available, Function<String, V> parser) {
    return available.stream()
        .filter(v -> v != null && v.length() <= MAX_VERSION_LENGTH)
        .map(v -> new Candidate<>(v, parser.apply(v)))
        .filter(c -> c.version() != null)
        .toList();
  }

  /**
   * The highest (or lowest) of the candidates that pass: every listed string of that precedence, as
   * versions the format calls equal ({@code 1.0} and {@code 1.0.0}) resolve alike.
   */
  static <V> Set<String> best(
      List<Candidate<V>> candidates,
      Predicate<V> accept,
      Comparator<? super V> order,
      boolean highest) {
    V best = null;
    for (Candidate<V> c : candidates) {
      if (accept.test(c.version())) {
        if (best == null) {
          best = c.version();
        } else {
          int cmp = order.compare(c.version(), best);
          if (highest ? cmp > 0 : cmp < 0) {
            best = c.version();
          }
        }
      }
    }
    Set<String> picks = new LinkedHashSet<>();
    if (best != null) {
      for (Candidate<V> c : candidates) {
        if (accept.test(c.version()) && order.compare(c.version(), best) == 0) {
          picks.add(c.text());
        }
      }
    }
    return picks;
  }

  static <V extends Comparable<V>> Set<String> highest(
      List<Candidate<V>> candidates, Predicate<V> accept) {
    return best(candidates, accept, Comparator.naturalOrder(), true);
  }
}
