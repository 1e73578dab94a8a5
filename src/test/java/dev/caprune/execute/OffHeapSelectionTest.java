package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.ListedVersions;
import dev.caprune.select.Criteria;
import dev.caprune.select.Decision;
import dev.caprune.select.Format;
import dev.caprune.select.Matcher;
import dev.caprune.select.OrderedSelector;
import dev.caprune.select.Origin;
import dev.caprune.select.PackageId;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Selector;
import dev.caprune.select.VersionStatus;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The selection off the heap against {@link Selector} in memory, over random listings (every
 * format, odd and unparseable versions, every status and origin, versions repeated across pages,
 * statuses this caprune does not know, no or an unlisted latest version) and random criteria of the
 * kinds it supports: the same decisions in the same order, the same warnings, the same error, for
 * run sizes and budgets small enough that every listing is sorted in many runs and merged.
 */
class OffHeapSelectionTest {
  private static final RepositoryRef REPO = new RepositoryRef("acme", null, "releases");
  private static final int SEEDS = Integer.getInteger("caprune.offHeapSeeds", 300);

  /** One entry of a page, as listed. */
  record Raw(String version, String revision, String status, Origin origin) {}

  /** What a selection gave: the listed decisions, the warnings, or an error. */
  record Result(List<Decision> decisions, List<String> warnings, String error) {}

  @Test
  void offTheHeapDecidesExactlyAsInMemory() {
    int spilled = 0;
    int inconsistent = 0;
    int repeated = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      Random random = new Random(seed);
      Format format = Format.values()[random.nextInt(Format.values().length)];
      PackageId pkg = new PackageId(format, null, "pkg");
      List<List<Raw>> pages = pages(random, format);
      String display = display(random, pages);
      Criteria criteria = criteria(random, format);
      long budget = random.nextBoolean() ? 1 : (1 + random.nextInt(120)) * Memory.BYTES_PER_VERSION;
      int chunk = 1 + random.nextInt(random.nextBoolean() ? 5 : 2000);

      Result inMemory = inMemory(pkg, pages, display, criteria);
      Result[] offHeap = new Result[1];
      boolean wasSpilled = offHeap(pkg, pages, display, criteria, budget, chunk, offHeap);
      spilled += wasSpilled ? 1 : 0;
      repeated += pages.stream().mapToInt(List::size).sum() > distinct(pages) ? 1 : 0;
      String what = "seed " + seed + " " + format + " " + criteria + " budget " + budget;
      if (offHeap[0].error() != null && offHeap[0].error().contains("no consistent")) {
        // The one answer off the heap cannot give: an order that is not transitive, which the
        // in-memory sort sets right by an insertion sort over the whole package (and warns).
        assertThat(inMemory.warnings()).as(what).contains(Selector.inconsistent(pkg));
        inconsistent++;
        continue;
      }
      assertThat(offHeap[0].error()).as(what).isEqualTo(inMemory.error());
      assertThat(offHeap[0].decisions()).as(what).isEqualTo(inMemory.decisions());
      assertThat(offHeap[0].warnings()).as(what).isEqualTo(inMemory.warnings());
    }
    // The comparison means something: most listings left the heap, some repeated versions.
    assertThat(spilled).isGreaterThan(SEEDS * 3 / 4);
    assertThat(repeated).isGreaterThan(SEEDS / 10);
    assertThat(inconsistent).isLessThan(SEEDS / 10);
  }

  private static int distinct(List<List<Raw>> pages) {
    return (int) pages.stream().flatMap(List::stream).map(Raw::version).distinct().count();
  }

  static Result inMemory(PackageId pkg, List<List<Raw>> pages, String display, Criteria criteria) {
    ListedVersions listed = new ListedVersions("listing versions of pkg", n -> {});
    try {
      feed(listed, pages, display);
    } catch (GatewayException e) {
      return new Result(List.of(), List.of(), e.getMessage());
    }
    PackageSelection sel =
        new Selector(criteria)
            .select(
                REPO,
                pkg,
                listed.listing().defaultDisplayVersion(),
                listed.listing().versions(),
                v -> Optional.empty());
    return new Result(
        sel.decisions().stream().filter(Decision::listed).toList(), sel.warnings(), null);
  }

  /**
   * @return whether the listing left the heap (else it is selected in memory, as the scan would)
   */
  static boolean offHeap(
      PackageId pkg,
      List<List<Raw>> pages,
      String display,
      Criteria criteria,
      long budget,
      int chunk,
      Result[] result) {
    Memory memory = new Memory(budget, new Stop());
    memory.streamsDryRun(true);
    List<Decision> decisions = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try (Memory.Ticket ticket = memory.admit()) {
      SpillingListing listing = new SpillingListing(pkg, "listing versions of pkg", memory, ticket);
      try {
        feed(listing, pages, display);
      } catch (GatewayException e) {
        listing.discard();
        result[0] = new Result(List.of(), List.of(), e.getMessage());
        return listing.spilled();
      }
      if (!listing.spilled()) {
        result[0] = inMemory(pkg, pages, display, criteria);
        return false;
      }
      try {
        OffHeapSelection.select(
            listing.onDisk(),
            REPO,
            criteria,
            memory,
            v -> {},
            warnings::add,
            (n, sel) -> {
              assertThat(sel.decisions().stream().filter(Decision::selected).count())
                  .isLessThanOrEqualTo(chunk);
              assertThat(sel.warnings()).isEmpty();
              decisions.addAll(sel.decisions());
            },
            chunk);
      } catch (GatewayException | OffHeapFailure e) {
        result[0] = new Result(List.of(), List.of(), e.getMessage());
        return true;
      }
      result[0] = new Result(decisions, warnings, null);
      return true;
    }
  }

  private static void feed(
      dev.caprune.codeartifact.CodeArtifactGateway.VersionPages sink,
      List<List<Raw>> pages,
      String display) {
    for (List<Raw> page : pages) {
      for (Raw r : page) {
        sink.version(r.version(), r.revision(), r.status(), r.origin());
      }
      sink.pageEnd(display, page.size());
    }
  }

  // ---- random listings ----

  static List<List<Raw>> pages(Random random, Format format) {
    int n = random.nextInt(10) == 0 ? random.nextInt(3) : 1 + random.nextInt(400);
    List<String> versions = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (versions.size() < n) {
      String v = version(random, format);
      if (seen.add(v)) {
        versions.add(v);
      }
      if (seen.size() > 5 * n + 50) {
        break;
      }
    }
    List<Raw> entries = new ArrayList<>();
    for (String v : versions) {
      entries.add(
          new Raw(
              v,
              revision(random),
              status(random),
              Origin.values()[random.nextInt(Origin.values().length)]));
    }
    int size = 1 + random.nextInt(random.nextBoolean() ? 7 : 60);
    List<List<Raw>> pages = new ArrayList<>();
    for (int i = 0; i < entries.size(); i += size) {
      pages.add(new ArrayList<>(entries.subList(i, Math.min(entries.size(), i + size))));
    }
    if (pages.isEmpty()) {
      pages.add(new ArrayList<>());
    }
    // Versions repeated on a later page: mostly the same entry, now and then a different one.
    if (pages.size() > 1 && random.nextInt(4) == 0) {
      int repeats = 1 + random.nextInt(10);
      for (int k = 0; k < repeats; k++) {
        int from = random.nextInt(pages.size() - 1);
        List<Raw> src = pages.get(from);
        if (src.isEmpty()) {
          continue;
        }
        Raw r = src.get(random.nextInt(src.size()));
        if (random.nextInt(15) == 0) {
          r = new Raw(r.version(), revision(random), r.status(), r.origin());
        } else if (random.nextInt(3) == 0) {
          r = new Raw(r.version(), r.revision(), r.status(), Origin.EXTERNAL); // origin not checked
        }
        List<Raw> to = pages.get(from + 1 + random.nextInt(pages.size() - from - 1));
        to.add(random.nextInt(to.size() + 1), r);
      }
    }
    return pages;
  }

  private static String display(Random random, List<List<Raw>> pages) {
    List<Raw> all = pages.stream().flatMap(List::stream).toList();
    return switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> "9.9.9-not-listed";
      default -> all.isEmpty() ? null : all.get(random.nextInt(all.size())).version();
    };
  }

  private static String status(Random random) {
    int s = random.nextInt(100);
    if (s < 60) {
      return "Published";
    }
    if (s < 75) {
      return "Unlisted";
    }
    if (s < 88) {
      return "Archived";
    }
    if (s < 93) {
      return "Disposed";
    }
    if (s < 97) {
      return "Unfinished";
    }
    return "Quarantined"; // a status this caprune does not know
  }

  private static String revision(Random random) {
    int k = random.nextInt(20);
    if (k == 0) {
      return null;
    }
    if (k == 1) {
      return "rev-" + random.nextInt(1000); // not AWS's form
    }
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  private static final String[] ODD = {
    "latest",
    "v1.2.3",
    "01.2.3",
    "1..2",
    "",
    "1.0.0+build.5",
    "1.0.0+build.6",
    "1.0.0-0",
    "0-alphaa",
    "0-0-alpha",
    "0",
    "1-0",
    "1.0-final",
    "1.0-sp1",
    "1.0.RELEASE",
    "1!2.0",
    "1.0.post1",
    "1.0.dev1",
    "2024-01-01",
    "1.10",
    "1.9",
    "日本",
    "1.0-20240101.120000-1",
    "1.0-SNAPSHOT",
    "1.0-alpha-1",
    "1.0a1",
    "1.0.0.0",
    "1.0.0-rc.1",
    "1.0-rc1",
    "abc"
  };

  static String version(Random random, Format format) {
    if (random.nextInt(6) == 0) {
      String odd = ODD[random.nextInt(ODD.length)];
      return odd.isEmpty() ? "x" + random.nextInt(50) : odd;
    }
    int major = random.nextInt(4);
    int minor = random.nextInt(12);
    int patch = random.nextInt(12);
    String base = major + "." + minor + "." + patch;
    int pre = random.nextInt(8);
    return switch (format) {
      case MAVEN ->
          switch (pre) {
            case 0 -> major + "." + minor + "-SNAPSHOT";
            case 1 ->
                base
                    + "-2024010"
                    + (1 + random.nextInt(9))
                    + ".1200"
                    + random.nextInt(10)
                    + "-"
                    + (1 + random.nextInt(3));
            case 2 -> base + "-alpha" + random.nextInt(3);
            case 3 -> major + "." + minor;
            default -> base;
          };
      case PYPI ->
          switch (pre) {
            case 0 -> base + "rc" + random.nextInt(3);
            case 1 -> base + ".dev" + random.nextInt(3);
            case 2 -> major + "." + minor;
            default -> base;
          };
      case RUBY ->
          switch (pre) {
            case 0 -> base + ".pre" + random.nextInt(3);
            case 1 -> base + ".rc" + random.nextInt(3);
            default -> base;
          };
      case GENERIC -> pre == 0 ? "build-" + random.nextInt(100) : base;
      default ->
          switch (pre) {
            case 0 -> base + "-alpha." + random.nextInt(3);
            case 1 -> base + "-rc." + random.nextInt(3);
            case 2 -> base + "+b" + random.nextInt(3);
            default -> base;
          };
    };
  }

  // ---- random criteria of the kinds one ordered pass decides ----

  static Criteria criteria(Random random, Format format) {
    Criteria.Builder b = new Criteria.Builder();
    if (random.nextInt(3) == 0) {
      List<VersionStatus> all = List.of(VersionStatus.values());
      int k = 1 + random.nextInt(3);
      for (int i = 0; i < k; i++) {
        b.status(all.get(random.nextInt(all.size())));
      }
    }
    if (random.nextInt(5) == 0) {
      b.origin(Origin.values()[random.nextInt(Origin.values().length)]);
    }
    if (random.nextInt(5) == 0) {
      b.includeVersion(Matcher.glob(random.nextInt(4) + ".*"));
    }
    if (random.nextInt(7) == 0) {
      b.versionRegex(Matcher.regex("^[0-9]+\\.[0-" + random.nextInt(10) + "]"));
    }
    if (random.nextInt(6) == 0) {
      b.excludeVersion(Matcher.glob("*" + random.nextInt(10)));
    }
    int pre = random.nextInt(8);
    if (pre == 0) {
      b.onlyPrerelease(true);
    } else if (pre == 1) {
      b.excludePrerelease(true);
    }
    if (format == Format.MAVEN && random.nextInt(8) == 0) {
      b.snapshotBuilds(true);
    }
    if (random.nextInt(2) == 0) {
      b.keepLatest(random.nextInt(6));
      int per = random.nextInt(3);
      if (per > 0) {
        b.keepLatestPer(per == 1 ? Criteria.Per.major : Criteria.Per.minor);
      }
    }
    b.protectLatest(random.nextInt(4) != 0);
    Criteria c = b.build();
    assertThat(OrderedSelector.unsupported(c, false)).isNull();
    return c;
  }
}
