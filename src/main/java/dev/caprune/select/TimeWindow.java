package dev.caprune.select;

import java.time.Instant;

/**
 * A time window open at both ends: published strictly after {@code after} and strictly before
 * {@code before}; a null edge is unbounded. A window whose {@code after} is not before its {@code
 * before} is allowed and contains nothing.
 *
 * @param after exclusive lower edge, or null
 * @param before exclusive upper edge, or null
 */
public record TimeWindow(Instant after, Instant before) {

  /** The window that contains every time. */
  public static final TimeWindow UNBOUNDED = new TimeWindow(null, null);

  /** Whether the time lies inside the window; a null time never does. */
  public boolean contains(Instant t) {
    return t != null
        && (after == null || t.isAfter(after))
        && (before == null || t.isBefore(before));
  }

  /** Whether neither edge is set, so no time needs to be known. */
  public boolean unbounded() {
    return after == null && before == null;
  }

  /** Whether no time at all can lie inside the window. */
  public boolean empty() {
    return after != null && before != null && !after.isBefore(before);
  }
}
