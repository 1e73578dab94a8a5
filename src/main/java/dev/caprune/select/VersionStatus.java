package dev.caprune.select;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A package version's status, spelled as on the wire ({@code Published}, {@code Unlisted}...). */
public enum VersionStatus {
  PUBLISHED("Published"),
  UNFINISHED("Unfinished"),
  UNLISTED("Unlisted"),
  ARCHIVED("Archived"),
  DISPOSED("Disposed"),
  DELETED("Deleted");

  private final String wire;

  VersionStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /**
   * Accepts the wire spelling in any case ({@code unlisted}, {@code Unlisted}, {@code UNLISTED}).
   */
  public static Optional<VersionStatus> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String lower = s.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(v -> v.wire.toLowerCase(Locale.ROOT).equals(lower))
        .findFirst();
  }

  @Override
  public String toString() {
    return wire;
  }
}
