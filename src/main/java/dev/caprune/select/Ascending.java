package dev.caprune.select;

import dev.caprune.select.order.VersionOrder;

/**
 * The one merge sort of a package's versions, by index: {@link Selector} sorts a listing held in
 * memory with it, and the sort of a listing too large for the heap (on disk, in runs) follows the
 * very same splits and merges, so that both give the same order even where the format's order is
 * not transitive.
 */
public final class Ascending {
  /** Below this many, a range is sorted by insertion. */
  static final int INSERTION = 16;

  private Ascending() {}

  /** Sorts {@code a[from, to)} with {@code buf} as scratch space. */
  public static void mergeSort(int[] a, int[] buf, int from, int to, VersionOrder.Keys keys) {
    if (to - from < INSERTION) {
      for (int k = from + 1; k < to; k++) {
        int v = a[k];
        int j = k - 1;
        while (j >= from && keys.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = split(from, to);
    mergeSort(a, buf, from, mid, keys);
    mergeSort(a, buf, mid, to, keys);
    if (keys.compare(a[mid - 1], a[mid]) <= 0) {
      return; // already in order (a listing often is)
    }
    System.arraycopy(a, from, buf, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && keys.compare(buf[i], buf[j]) <= 0)) {
        a[k] = buf[i++];
      } else {
        a[k] = buf[j++];
      }
    }
  }

  /** Where {@link #mergeSort} splits {@code [from, to)}: the sort of a range is its own. */
  public static int split(int from, int to) {
    return (from + to) >>> 1;
  }

  /**
   * Whether {@code i} may come before {@code j}, asked both ways round: a merge asks one way only,
   * so an order that is not antisymmetric shows here.
   */
  public static boolean inOrder(VersionOrder.Keys keys, int i, int j) {
    return i == j || (keys.compare(i, j) <= 0 && keys.compare(j, i) >= 0);
  }
}
