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
