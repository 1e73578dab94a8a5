package dev.caprune.select;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a version came from: published to the repository, or cached from an upstream. */
public enum Origin {
  INTERNAL,
  EXTERNAL,
  UNKNOWN;

  public String wire() {
    return name();
  }

  public static Optional<Origin> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String upper = s.toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(o -> o.name().equals(upper)).findFirst();
  }
}
