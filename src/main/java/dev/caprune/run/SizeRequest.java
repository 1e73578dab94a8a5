package dev.caprune.run;

/**
 * {@code --sizes} and {@code --price-per-gb-month} as given.
 *
 * @param on the selected versions' files are listed and counted
 * @param pricePerGbMonth the price given, or null for the default
 */
public record SizeRequest(boolean on, Double pricePerGbMonth) {
  /** CodeArtifact's published storage price in us-east-1, USD per GB-month. */
  public static final String DEFAULT_PRICE = "0.05";

  public static final SizeRequest NONE = new SizeRequest(false, null);

  /**
   * The price, checked: bad input, or a price without {@code --sizes} (it would price nothing), is
   * exit 2 before any call.
   */
  public double price() {
    if (pricePerGbMonth == null) {
      return Double.parseDouble(DEFAULT_PRICE);
    }
    if (!on) {
      throw CapruneException.usage(
          "--price-per-gb-month prices what --sizes measures: add --sizes, or leave the price out");
    }
    return checked(pricePerGbMonth);
  }

  /** A price in USD per GB-month, or exit 2. */
  public static double checked(double usd) {
    if (!(usd >= 0) || Double.isInfinite(usd)) {
      throw CapruneException.usage("--price-per-gb-month must be a number of USD >= 0, not " + usd);
    }
    return usd;
  }
}
