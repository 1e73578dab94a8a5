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

  @AfterEach
  void restore() {
    System.clearProperty(Memory.BUDGET_PROPERTY);
  }

  @Test
  void repeatedAndUnknownEntriesGiveTheSameAnswerOffTheHeap() throws Exception {
    int repeats = 0;
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
              String token = request.json().path("nextToken").asText("");
              int i = token.isEmpty() ? 0 : Integer.parseInt(token.substring(1));
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
        CliResult inMemory = Runs.run(Runs.context(), args.toArray(String[]::new));
        System.setProperty(Memory.BUDGET_PROPERTY, "1");
        SpillDirectory.resetPeak();
        CliResult offHeap;
        try {
          offHeap = Runs.run(Runs.context(), args.toArray(String[]::new));
        } finally {
          System.clearProperty(Memory.BUDGET_PROPERTY);
        }
        boolean known =
            pages.stream().flatMap(List::stream).anyMatch(r -> !r.status().equals("Quarantined"));
        if (known) {
          assertThat(SpillDirectory.usage()[1]).as("it left the heap").isPositive();
        }
        String what = "seed " + seed + " " + format + "\n" + inMemory + "\n" + offHeap;
        if (offHeap.err().contains("no consistent")) {
          assertThat(inMemory.err()).as(what).contains("no consistent");
          continue;
        }
        assertThat(offHeap.exitCode()).as(what).isEqualTo(inMemory.exitCode());
        assertThat(offHeap.out()).as(what).isEqualTo(inMemory.out());
        assertThat(offHeap.err()).as(what).isEqualTo(inMemory.err());
      }
    }
    assertThat(repeats).as("listings with repeats").isPositive();
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
