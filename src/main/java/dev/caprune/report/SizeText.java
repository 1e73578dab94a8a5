package dev.caprune.report;

import dev.caprune.execute.Outcome;
import java.util.Locale;

/** Sizes for people: binary units (the storage price is per GiB), and the storage summary line. */
final class SizeText {
  private SizeText() {}

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  /** {@code 1.8 MiB}; whole bytes below 1 KiB; null (unknown) as {@code ?}. */
  static String human(Long bytes) {
    if (bytes == null) {
      return "?";
    }
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0
        ? bytes + " B"
        : String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, UNITS[u]);
  }

  /** {@code $12.34}; {@code less than $0.01} for a smaller non-zero amount. */
  static String usd(double amount) {
    if (amount > 0 && amount < 0.005) {
      return "less than $0.01";
    }
    return String.format(Locale.ROOT, "$%,.2f", amount);
  }

  /** {@code about $12.34}, or {@code less than $0.01}. */
  static String about(double amount) {
    String usd = usd(amount);
    return usd.startsWith("$") ? "about " + usd : usd;
  }

  /** A price as given: {@code 0.05}, {@code 0.1}, {@code 0.023}. */
  static String price(double price) {
    return java.math.BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
  }

  /**
   * The summary's storage line: what the versions acted on hold, each stored file once, and what
   * the freed part saves a month.
   */
  static String summary(Outcome o) {
    Outcome.Storage s = o.storage();
    StringBuilder b = new StringBuilder("Size: ");
    b.append(human(s.bytes()))
        .append(String.format(Locale.ROOT, " (%,d bytes", s.bytes()))
        .append(" in ")
        .append(Text.plural(s.versionsSized(), "version", "versions"))
        .append(", each stored file counted once)");
    if (s.freedBytes() > 0 || s.bytes() == 0) {
      b.append(o.dryRun() ? "; would save " : "; saves ")
          .append(about(s.monthlySaving()))
          .append(" a month at $")
          .append(price(s.pricePerGbMonth()))
          .append("/GB-month");
    } else {
      b.append("; ")
          .append(o.action() == null ? "the" : o.action().done())
          .append(" versions keep their files: nothing freed");
    }
    if (s.versionsUnsized() > 0) {
      b.append("; ")
          .append(Text.plural(s.versionsUnsized(), "version", "versions"))
          .append(" of unknown size (gone, or the listing failed) not counted");
    }
    return b.append('.').toString();
  }
}
