package dev.caprune.cli;

import picocli.CommandLine.Option;

/** {@code --sizes} and the price it turns freed bytes into a monthly saving with. */
public final class SizeOptions {
  /** CodeArtifact's published storage price in us-east-1, USD per GB-month. */
  static final String DEFAULT_PRICE = "0.05";

  @Option(
      names = "--sizes",
      description =
          "Show each selected version's size (its files, from ListPackageVersionAssets), each"
              + " package's, and in the summary the bytes and the estimated monthly storage"
              + " saved. Costs one read call per selected version (more for versions with over"
              + " 1,000 files), at most 190 a second (the operation's quota is 200/s). Storage is"
              + " deduplicated per domain: a file is counted once, and what a cleanup actually"
              + " frees can be less where versions outside the selection hold the same files.")
  boolean sizes;

  @Option(
      names = "--price-per-gb-month",
      paramLabel = "USD",
      defaultValue = DEFAULT_PRICE,
      description =
          "The storage price for the estimated saving of --sizes, in USD per GB-month (GiB,"
              + " 2^30 bytes) (default: ${DEFAULT-VALUE}, CodeArtifact's published storage price"
              + " in us-east-1; check your region's).")
  double pricePerGbMonth = Double.parseDouble(DEFAULT_PRICE);

  /** The price, checked: bad input is exit 2 before any call. */
  double price() {
    if (!(pricePerGbMonth >= 0) || Double.isInfinite(pricePerGbMonth)) {
      throw CapruneException.usage(
          "--price-per-gb-month must be a number of USD >= 0, not " + pricePerGbMonth);
    }
    return pricePerGbMonth;
  }
}
