package dev.caprune.cli;

import dev.caprune.run.SizeRequest;
import picocli.CommandLine.Option;

/** {@code --sizes} and the price it turns freed bytes into a monthly saving with. */
public final class SizeOptions {
  /** CodeArtifact's published storage price in us-east-1, USD per GB-month. */
  static final String DEFAULT_PRICE = SizeRequest.DEFAULT_PRICE;

  @Option(
      names = "--sizes",
      description =
          "Show each selected version's size (its files, from ListPackageVersionAssets), each"
              + " package's, and in the summary the bytes and the estimated monthly storage"
              + " saved. Costs one read call per selected version (more for versions with over"
              + " 1,000 files), at most 200 a second (the operation's quota). Storage is"
              + " deduplicated per domain: a file is counted once, and what a cleanup actually"
              + " frees can be less where versions outside the selection hold the same files.")
  boolean sizes;

  // No picocli default: a price given without --sizes is a misunderstanding, refused.
  @Option(
      names = "--price-per-gb-month",
      paramLabel = "USD",
      description =
          "With --sizes: the storage price for the estimated saving, in USD per GB-month (GiB,"
              + " 2^30 bytes) (default: "
              + DEFAULT_PRICE
              + ", CodeArtifact's published storage price in us-east-1; check your region's).")
  Double pricePerGbMonth;

  /** The options as given, as a value. */
  SizeRequest request() {
    return new SizeRequest(sizes, pricePerGbMonth);
  }

  /** The price, checked ({@link SizeRequest#price}). */
  double price() {
    return request().price();
  }
}
