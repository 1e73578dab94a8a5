package dev.caprune.select;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How caprune prints a time, everywhere: ISO-8601 in UTC to the second, {@code
 * 2026-12-01T21:08:52Z}.
 */
public final class Times {
  private Times() {}

  /** {@code 2026-12-01T21:08:52Z}; null for null. Never a fraction of a second. */
  public static String iso(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
