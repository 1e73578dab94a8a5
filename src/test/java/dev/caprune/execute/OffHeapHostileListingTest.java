package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.select.Format;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.HostileServer;
import dev.caprune.testing.HostileServer.Reply;
import dev.caprune.testing.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Listings crafted over HTTP, through the real SDK: versions repeated on later pages (the same
 * entry, or a contradicting one), statuses this caprune does not know, no latest version or one not
 * listed, odd versions of every format. Each dry run is made with every package off the heap and as
 * usual: the same report, warnings and exit code, or the same error.
 */
class OffHeapHostileListingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SEEDS = Integer.getInteger("caprune.offHeapHostileSeeds", 25);

  static {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
  }

  /** As the sandbox's tests run caprune: a fixed clock, the SDK as the command line opens it. */
  private static final dev.caprune.cli.CliContext CONTEXT =
      new dev.caprune.cli.CliContext(
          java.time.Clock.fixed(
              java.time.Instant.parse("2025-07-01T00:00:00Z"), java.time.ZoneOffset.UTC),
          dev.caprune.codeartifact.SdkGateways::open,
          dev.caprune.cli.CliContext.Terminal.none(),
          java.util.Map.of());

  @AfterEach
  void restore() {
    System.clearProperty(Memory.BUDGET_PROPERTY);
  }

  @Test
  void repeatedAndUnknownEntriesGiveTheSameAnswerOffTheHeap() throws Exception {
    int repeats = 0;
    int reported = 0;
    int contradicted = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      Random random = new Random(seed * 7919);
      Format format = Format.values()[random.nextInt(Format.values().length)];
      List<List<OffHeapSelectionTest.Raw>> pages = OffHeapSelectionTest.pages(random, format);
      repeats +=
          pages.stream().mapToInt(List::size).sum()
                  > pages.stream()
                      .flatMap(List::stream)
                      .map(OffHeapSelectionTest.Raw::version)
                      .distinct()
                      .count()
              ? 1
              : 0;
      String display =
          random.nextBoolean()
              ? null
              : pages.get(0).isEmpty() ? null : pages.get(0).get(0).version();
      String namespace =
          format == Format.MAVEN || format == Format.GENERIC || format == Format.SWIFT
              ? "acme"
              : null;
      try (HostileServer server = HostileServer.start()) {
        server.on(
            "ListPackages",
            Reply.json(200, HostileServer.packages(format.wire(), namespace, "pkg")));
        server.on(
            "ListPackageVersions",
            request -> {
              // The SDK sends the token in the query string.
              java.util.regex.Matcher token =
                  java.util.regex.Pattern.compile("next-token=p(\\d+)")
                      .matcher(request.query() == null ? "" : request.query());
              int i = token.find() ? Integer.parseInt(token.group(1)) : 0;
              return Reply.json(200, page(format, namespace, display, pages, i));
            });
        List<String> args =
            new ArrayList<>(
                List.of(
                    "delete",
                    "--domain",
                    "acme",
                    "--repository",
                    "releases",
                    "--dry-run",
                    "-o",
                    "ndjson",
                    "-q",
                    "--max-attempts",
                    "1",
                    "--region",
                    "us-east-1",
                    "--endpoint-url",
                    server.endpoint().toString()));
        args.addAll(random.nextBoolean() ? List.of("--all") : List.of("--keep-latest", "2"));
        CliResult inMemory = Runs.run(CONTEXT, args.toArray(String[]::new));
        System.setProperty(Memory.BUDGET_PROPERTY, "1");
        SpillDirectory.resetPeak();
        CliResult offHeap;
        try {
          offHeap = Runs.run(CONTEXT, args.toArray(String[]::new));
        } finally {
          System.clearProperty(Memory.BUDGET_PROPERTY);
        }
        String what = "seed " + seed + " " + format + "\n" + inMemory + "\n" + offHeap;
        boolean known =
            pages.stream().flatMap(List::stream).anyMatch(r -> !r.status().equals("Quarantined"));
        if (known) {
          assertThat(SpillDirectory.usage()[1]).as("it left the heap: " + what).isPositive();
        }
        if (offHeap.err().contains("no consistent")) {
          assertThat(inMemory.err()).as(what).contains("no consistent");
          continue;
        }
        assertThat(offHeap.exitCode()).as(what).isEqualTo(inMemory.exitCode());
        assertThat(offHeap.out()).as(what).isEqualTo(inMemory.out());
        assertThat(offHeap.err()).as(what).isEqualTo(inMemory.err());
        reported += offHeap.exitCode() == 0 && offHeap.out().lines().count() > 1 ? 1 : 0;
        contradicted += offHeap.err().contains("is listed twice, differently") ? 1 : 0;
      }
    }
    assertThat(repeats).as("listings with repeats").isPositive();
    assertThat(reported).as("runs that reported versions").isGreaterThan(SEEDS / 2);
    assertThat(contradicted).as("listings that contradicted themselves").isPositive();
  }

  private static ObjectNode page(
      Format format,
      String namespace,
      String display,
      List<List<OffHeapSelectionTest.Raw>> pages,
      int i) {
    ObjectNode page = JSON.createObjectNode().put("format", format.wire()).put("package", "pkg");
    if (namespace != null) {
      page.put("namespace", namespace);
    }
    if (display != null) {
      page.put("defaultDisplayVersion", display);
    }
    ArrayNode list = page.putArray("versions");
    for (OffHeapSelectionTest.Raw r : pages.get(i)) {
      ObjectNode v = list.addObject().put("version", r.version()).put("status", r.status());
      if (r.revision() != null) {
        v.put("revision", r.revision());
      }
      v.putObject("origin").put("originType", r.origin().name());
    }
    if (i + 1 < pages.size()) {
      page.put("nextToken", "p" + (i + 1));
    }
    return page;
  }
}
