package dev.caprune.codeartifact;

import dev.caprune.select.VersionSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * A listing's versions in the order listed, found by version string: what a map from version to
 * summary did, at 8 to 16 bytes a version (an open-addressing table of indices into the list, the
 * strings' own cached hashes) instead of a map entry's 40 or so, while a huge package is listed.
 * Not thread-safe.
 */
final class ListedVersions {
  private final List<VersionSummary> listed = new ArrayList<>();

  /** Index + 1 into {@link #listed}; 0 for an empty slot. Never more than half full. */
  private int[] slots = new int[16];

  /** The version listed as {@code version}, or null. */
  VersionSummary get(String version) {
    int mask = slots.length - 1;
    for (int i = spread(version.hashCode()) & mask; slots[i] != 0; i = (i + 1) & mask) {
      VersionSummary v = listed.get(slots[i] - 1);
      if (v.version().equals(version)) {
        return v;
      }
    }
    return null;
  }

  /** Adds a version not listed yet ({@link #get} returned null for it). */
  void add(VersionSummary v) {
    listed.add(v);
    if (2L * listed.size() > slots.length) {
      slots = new int[slots.length * 2];
      for (int k = 0; k < listed.size(); k++) {
        place(k);
      }
    } else {
      place(listed.size() - 1);
    }
  }

  /** The versions in the order added. */
  List<VersionSummary> inOrder() {
    return listed;
  }

  private void place(int index) {
    int mask = slots.length - 1;
    int i = spread(listed.get(index).version().hashCode()) & mask;
    while (slots[i] != 0) {
      i = (i + 1) & mask;
    }
    slots[i] = index + 1;
  }

  /** Mixes the high bits in, as HashMap does, so that similar versions spread over the table. */
  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
