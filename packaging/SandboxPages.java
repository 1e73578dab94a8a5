import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsRequest;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.PackageSummary;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionSortType;

/**
 * Run by packaging/bench-pages.sh: lists the first package of caprune/generated whole through the
 * AWS SDK, 1,000 versions a page, and prints the median time of 20 pages spread over the listing
 * (early, middle and late; the first page, the client's warm-up, left out) and the whole listing's
 * time. Usage: java -cp target/caprune.jar packaging/SandboxPages.java ENDPOINT [time]
 */
public class SandboxPages {
  public static void main(String[] args) throws Exception {
    boolean newestFirst = args.length > 1 && args[1].equals("time");
    try (CodeartifactClient client =
        CodeartifactClient.builder()
            .endpointOverride(URI.create(args[0]))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      PackageSummary p =
          client
              .listPackages(r -> r.domain("caprune").repository("generated").maxResults(1))
              .packages()
              .get(0);
      List<Double> ms = new ArrayList<>();
      long versions = 0;
      String token = null;
      long start = System.nanoTime();
      do {
        ListPackageVersionsRequest.Builder r =
            ListPackageVersionsRequest.builder()
                .domain("caprune")
                .repository("generated")
                .format(p.format())
                .namespace(p.namespace())
                .packageValue(p.packageValue())
                .maxResults(1000)
                .nextToken(token);
        if (newestFirst) {
          r.sortBy(PackageVersionSortType.PUBLISHED_TIME);
        }
        long t = System.nanoTime();
        ListPackageVersionsResponse page = client.listPackageVersions(r.build());
        ms.add((System.nanoTime() - t) / 1e6);
        versions += page.versions().size();
        token = page.nextToken();
      } while (token != null);
      double total = (System.nanoTime() - start) / 1e9;
      List<Double> spread = new ArrayList<>();
      for (int i = 0; i < 20 && ms.size() > 1; i++) {
        spread.add(ms.get(1 + (int) ((long) i * (ms.size() - 1) / 20)));
      }
      Collections.sort(spread);
      String load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
      System.out.printf(
          "%s: %,d versions in %,d pages, %.1f s; median of 20 pages spread over the listing"
              + " %.1f ms (fastest %.1f, slowest %.1f); first page %.1f ms; load %s%n",
          newestFirst ? "sortBy=PUBLISHED_TIME" : "default order",
          versions,
          ms.size(),
          total,
          spread.isEmpty() ? ms.get(0) : spread.get(spread.size() / 2),
          spread.isEmpty() ? ms.get(0) : spread.get(0),
          spread.isEmpty() ? ms.get(0) : spread.get(spread.size() - 1),
          ms.get(0),
          load);
    }
  }
}
