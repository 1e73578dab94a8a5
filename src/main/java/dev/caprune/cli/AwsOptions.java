package dev.caprune.cli;

import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.execute.Limits;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/**
 * Where and as whom to call CodeArtifact, and how hard; unset options fall back to the SDK's
 * default chains.
 */
public final class AwsOptions {
  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS Region (default: AWS_REGION, then the profile's region).")
  String region;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Named profile from ~/.aws/config (default: AWS_PROFILE, then 'default').")
  String profile;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Call this endpoint instead of AWS's, e.g. the URL 'caprune sandbox' prints.")
  String endpointUrl;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "8",
      description = "Packages worked on at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--max-read-rps",
      paramLabel = "N",
      defaultValue = "760",
      description =
          "Read calls per second at most; each list operation also stays under 190"
              + " (default: ${DEFAULT-VALUE}, under AWS's default quota of 800).")
  double maxReadRps;

  @Option(
      names = "--max-write-rps",
      paramLabel = "N",
      defaultValue = "95",
      description =
          "Write calls per second at most (default: ${DEFAULT-VALUE}, under AWS's default quota"
              + " of 100).")
  double maxWriteRps;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Attempts per call on throttling, 5xx and lost answers (default: ${DEFAULT-VALUE}).")
  int maxAttempts;

  AwsSettings settings() {
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw CapruneException.usage("--max-attempts must be between 1 and 20, not " + maxAttempts);
    }
    if (concurrency < 1 || concurrency > 64) {
      throw CapruneException.usage("--concurrency must be between 1 and 64, not " + concurrency);
    }
    if (!(maxReadRps > 0) || !(maxWriteRps > 0)) {
      throw CapruneException.usage("--max-read-rps and --max-write-rps must be more than 0");
    }
    return new AwsSettings(region, profile, endpoint(), maxAttempts);
  }

  /**
   * The settings {@code args} probably name, read without picocli so that the SDK client can be
   * built while picocli parses them ({@link Prewarm}). Only a guess: the client is used only if the
   * parsed settings agree.
   */
  static AwsSettings guess(String... args) {
    String region = null;
    String profile = null;
    String endpoint = null;
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      String next = i + 1 < args.length ? args[i + 1] : null;
      region = valueOf("--region", args[i], next, region);
      profile = valueOf("--profile", args[i], next, profile);
      endpoint = valueOf("--endpoint-url", args[i], next, endpoint);
    }
    URI uri = null;
    if (endpoint != null) {
      try {
        uri = new URI(endpoint);
      } catch (URISyntaxException e) {
        // A bad URL: the parse reports it; the guess just won't match.
      }
    }
    return new AwsSettings(region, profile, uri, 1);
  }

  /**
   * {@code arg}'s value if it is option {@code name} ({@code --name value} or {@code
   * --name=value}).
   */
  private static String valueOf(String name, String arg, String next, String current) {
    if (arg.equals(name)) {
      return next;
    }
    return arg.startsWith(name + "=") ? arg.substring(name.length() + 1) : current;
  }

  Limits limits() {
    return Limits.of(maxReadRps, maxWriteRps);
  }

  int concurrency() {
    return concurrency;
  }

  private URI endpoint() {
    if (endpointUrl == null) {
      return null;
    }
    try {
      URI uri = new URI(endpointUrl);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw CapruneException.usage(
            "--endpoint-url '" + endpointUrl + "' is not an http:// or https:// URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw CapruneException.usage(
          "--endpoint-url '" + endpointUrl + "' is not a URL: " + e.getReason());
    }
  }
}
