package dev.caprune.select.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Assertions shared by the ordering tests. */
final class OrderAssert {

  private OrderAssert() {}

  /**
   * Asserts {@code a rel b} by precedence, where rel is {@code <}, {@code =} or {@code >}, both
   * ways round, and that {@code compare} agrees (breaking a precedence tie by the text).
   */
  static void assertRelation(VersionOrder order, String a, String rel, String b) {
    int expected =
        switch (rel) {
          case "<" -> -1;
          case "=" -> 0;
          case ">" -> 1;
          default -> throw new IllegalArgumentException("relation " + rel);
        };
    String what = "'" + a + "' " + rel + " '" + b + "'";
    assertThat(Integer.signum(order.precedence(a, b))).as("precedence " + what).isEqualTo(expected);
    assertThat(Integer.signum(order.precedence(b, a)))
        .as("reversed precedence " + what)
        .isEqualTo(-expected);
    int expectedCompare = expected != 0 ? expected : Integer.signum(a.compareTo(b));
    assertThat(Integer.signum(order.compare(a, b)))
        .as("compare " + what)
        .isEqualTo(expectedCompare);
    assertThat(Integer.signum(order.compare(b, a)))
        .as("reversed compare " + what)
        .isEqualTo(-expectedCompare);
  }

  /**
   * Asserts the versions are strictly increasing by {@code compare}: every pair in order, and
   * shuffled copies sort back to the same list, which a comparator that is not a total order
   * (intransitive or asymmetric) would fail for some seed.
   */
  static void assertAscending(VersionOrder order, List<String> ascending) {
    for (int i = 0; i < ascending.size(); i++) {
      for (int j = 0; j < ascending.size(); j++) {
        String a = ascending.get(i);
        String b = ascending.get(j);
        assertThat(Integer.signum(order.compare(a, b)))
            .as("compare('%s', '%s')", a, b)
            .isEqualTo(Integer.compare(i, j));
      }
    }
    Random random = new Random(ascending.hashCode());
    for (int round = 0; round < 20; round++) {
      List<String> shuffled = new ArrayList<>(ascending);
      Collections.shuffle(shuffled, random);
      shuffled.sort(order);
      assertThat(shuffled).as("sorted shuffle %d", round).containsExactlyElementsOf(ascending);
    }
  }

  /** Asserts the format rejects the version, calls it no pre-release, and sorts it lowest. */
  static void assertRejected(VersionOrder order, String version, String lowestValid) {
    assertThat(order.parses(version)).as("parses '%s'", version).isFalse();
    assertThat(order.isPrerelease(version)).as("pre-release '%s'", version).isFalse();
    assertThat(order.compare(version, lowestValid)).as("'%s' below", version).isNegative();
  }
}
