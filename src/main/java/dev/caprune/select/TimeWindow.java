package dev.caprune.select;

import java.time.Instant;

/**
 * A time window open at both ends: published strictly after {@code after} and strictly before
 * {@code before}; a null edge is unbounded. A window whose {@code after} is not before its {@code
 * before} is allowed and contains nothing.
 *
 * @param after exclusive lower edge, or null
 * @param before exclusive upper edge, or null
 * @param narrows whether the window can leave out a version published between {@link #EARLIEST} and
 *     the moment it was made: a window that cannot ({@code --older-than 0d}, {@code --newer-than
 *     9999999999d}) is no filter, and a delete with no other filter needs {@code --all}
 */
public record TimeWindow(Instant after, Instant before, boolean narrows) {

  /**
   * No version is published at or before this instant (the Unix epoch): a lower edge there or
   * earlier excludes nothing.
   */
  public static final Instant EARLIEST = Instant.EPOCH;

  /**
   * Said after "add a filter" when the only time filter leaves nothing out (an upper edge at or
   * after now...).
   */
  public static final String NO_FILTER_NOTE =
      "; a time filter that leaves nothing out (an age of 0, a date after now or before 1970) is"
          + " no filter";

  /** The window that contains every time. */
  public static final TimeWindow UNBOUNDED = new TimeWindow(null, null);

  /** A window that narrows as soon as it has an edge (the edges are taken as given). */
  public TimeWindow(Instant after, Instant before) {
    this(after, before, after != null || before != null);
  }

  /**
   * The window between the edges, made at {@code now}: it narrows only if an edge can leave out a
   * version published after {@link #EARLIEST} and before now. An upper edge at or after now and a
   * lower edge at or before {@link #EARLIEST} are kept (a version with an unknown or impossible
   * publish time is still not selected by them), but they count as no filter.
   */
  public static TimeWindow of(Instant now, Instant after, Instant before) {
    boolean narrows =
        (after != null && after.isAfter(EARLIEST)) || (before != null && before.isBefore(now));
    return new TimeWindow(after, before, narrows);
  }

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
