package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.sandbox.Store.Pkg;
import dev.caprune.sandbox.Store.Version;
import dev.caprune.testing.Fixtures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsRequest;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.ListPackagesRequest;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionOriginType;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionSortType;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionStatus;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionSummary;
import software.amazon.awssdk.services.codeartifact.model.ValidationException;

/**
 * Paging a large package: every version exactly once and in order, with each filter and in both
 * orders; changes between pages as a paged service shows them; tokens bound to their listing; and
 * each page's cost counted (entries walked), so a page that walks the whole package fails here
 * without anything being timed.
 */
class SandboxPagingTest {
  private static final int VERSIONS = 50_000;
  private static final int PAGE = 1000;

  static Sandbox sandbox;
  static CodeartifactClient client;
  static Pkg pkg;

  @BeforeAll
  static void start() throws Exception {
    // Two packages: the large one, and a small one whose tokens must not fit the large one's.
    sandbox = Sandbox.builder().now(Fixtures.NOW).generate(2, VERSIONS).start();
    client = Fixtures.client(sandbox);
    pkg =
        sandbox.store().domains.get("caprune").repos.get("generated").packages.values().stream()
            .findFirst()
            .orElseThrow();
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  private static ListPackageVersionsRequest.Builder request(Pkg p) {
    return ListPackageVersionsRequest.builder()
        .domain("caprune")
        .repository("generated")
        .format(p.key.format())
        .namespace(p.key.namespace())
        .packageValue(p.key.name());
  }

  /** What the store holds, in the listing's order, filtered: what a full listing must give. */
  private static List<String> expected(boolean newestFirst, Predicate<Version> filter) {
    Comparator<Version> order =
        newestFirst
            ? Comparator.comparing(
                    (Version v) -> v.published(), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(v -> v.version)
            : Comparator.comparing((Version v) -> v.version);
    return pkg.versions().stream().filter(filter).sorted(order).map(v -> v.version).toList();
  }

  /** A whole listing, page by page; each page's walked entries checked against its bound. */
  private static List<String> listAll(ListPackageVersionsRequest.Builder request, int max) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      long before = sandbox.entriesVisited();
      ListPackageVersionsResponse page =
          client.listPackageVersions(request.maxResults(max).nextToken(token).build());
      long walked = sandbox.entriesVisited() - before;
      assertThat(page.versions()).hasSizeLessThanOrEqualTo(max);
      assertThat(walked)
          .as("entries walked for a page of %d", max)
          .isLessThanOrEqualTo((long) max * Api.WALK_PER_RESULT + Api.WALK_MINIMUM);
      page.versions().forEach(v -> out.add(v.version()));
      assertThat(page.nextToken()).isNotEqualTo(token);
      token = page.nextToken();
    } while (token != null);
    return out;
  }

  @Test
  void everyVersionOnceInOrderInBothOrders() {
    List<String> byVersion = listAll(request(pkg), PAGE);
    assertThat(byVersion).hasSize(VERSIONS).isEqualTo(expected(false, v -> true));
    List<String> newest = listAll(request(pkg).sortBy(PackageVersionSortType.PUBLISHED_TIME), PAGE);
    assertThat(newest).hasSize(VERSIONS).isEqualTo(expected(true, v -> true));
    assertThat(newest).doesNotContainSequence(byVersion.subList(0, 3)); // two different orders
  }

  @Test
  void everyVersionOnceInOrderWithEachFilter() {
    for (boolean newestFirst : new boolean[] {false, true}) {
      for (String status : List.of("Published", "Unlisted", "Archived")) {
        ListPackageVersionsRequest.Builder r = request(pkg).status(status);
        if (newestFirst) {
          r.sortBy(PackageVersionSortType.PUBLISHED_TIME);
        }
        List<String> want = expected(newestFirst, v -> v.status().equals(status));
        assertThat(want).isNotEmpty();
        assertThat(listAll(r, PAGE))
            .as(status + (newestFirst ? " newest first" : ""))
            .isEqualTo(want);
      }
      String origin = pkg.versions().iterator().next().origin();
      String other = origin.equals("INTERNAL") ? "EXTERNAL" : "INTERNAL";
      ListPackageVersionsRequest.Builder r = request(pkg).status("Unlisted").originType(origin);
      if (newestFirst) {
        r.sortBy(PackageVersionSortType.PUBLISHED_TIME);
      }
      assertThat(listAll(r, PAGE))
          .isEqualTo(expected(newestFirst, v -> v.status().equals("Unlisted")));
      // A filter that matches nothing: short pages (even empty ones) until the end, never more.
      assertThat(listAll(request(pkg).originType(other), 10)).isEmpty();
    }
  }

  @Test
  void anUnfilteredPageWalksOnlyItsOwnEntries() {
    for (PackageVersionSortType sort :
        new PackageVersionSortType[] {null, PackageVersionSortType.PUBLISHED_TIME}) {
      String token = null;
      int pages = 0;
      long walkedInAll = 0;
      do {
        long before = sandbox.entriesVisited();
        ListPackageVersionsResponse page =
            client.listPackageVersions(
                request(pkg).sortBy(sort).maxResults(PAGE).nextToken(token).build());
        long walked = sandbox.entriesVisited() - before;
        // Early, middle and late pages alike: the page's entries and the one that says more
        // follow, not the package.
        assertThat(walked).as("page %d, %s", pages, sort).isLessThanOrEqualTo(PAGE + 1);
        walkedInAll += walked;
        pages++;
        token = page.nextToken();
      } while (token != null);
      assertThat(pages).isEqualTo(VERSIONS / PAGE);
      assertThat(walkedInAll).isLessThanOrEqualTo(VERSIONS + pages);
    }
  }

  @Test
  void deletesAndStatusChangesBetweenPagesShowAsAPagedServiceShowsThem() throws Exception {
    try (Sandbox s = Sandbox.builder().now(Fixtures.NOW).generate(1, 5_000).start();
        CodeartifactClient c = Fixtures.client(s)) {
      Pkg p =
          s.store().domains.get("caprune").repos.get("generated").packages.firstEntry().getValue();
      for (PackageVersionSortType sort :
          new PackageVersionSortType[] {null, PackageVersionSortType.PUBLISHED_TIME}) {
        ListPackageVersionsRequest.Builder r = request(p).sortBy(sort).maxResults(500);
        ListPackageVersionsResponse first = c.listPackageVersions(r.build());
        List<String> firstPage =
            first.versions().stream().map(PackageVersionSummary::version).toList();
        List<String> all = listAllOf(c, request(p).sortBy(sort).maxResults(1000));
        // Delete the page's last version (the cursor itself), a listed one, and upcoming ones.
        String cursor = firstPage.get(firstPage.size() - 1);
        List<String> upcoming = all.subList(firstPage.size(), firstPage.size() + 700);
        Set<String> deleted = new HashSet<>(List.of(cursor, firstPage.get(3)));
        for (int i = 0; i < upcoming.size(); i += 7) {
          deleted.add(upcoming.get(i));
        }
        for (List<String> batch : batches(new ArrayList<>(deleted))) {
          assertThat(
                  c.deletePackageVersions(
                          d ->
                              d.domain("caprune")
                                  .repository("generated")
                                  .format(p.key.format())
                                  .namespace(p.key.namespace())
                                  .packageValue(p.key.name())
                                  .versions(batch))
                      .failedVersions())
              .isEmpty();
        }
        // Archive one upcoming version: listed once, with its new status.
        String archived = upcoming.get(1);
        s.setStatus(
            "caprune",
            "generated",
            p.key.format(),
            p.key.namespace(),
            p.key.name(),
            archived,
            "Archived");
        List<PackageVersionSummary> rest = new ArrayList<>();
        String token = first.nextToken();
        while (token != null) {
          ListPackageVersionsResponse page = c.listPackageVersions(r.nextToken(token).build());
          rest.addAll(page.versions());
          token = page.nextToken();
        }
        List<String> restNames = rest.stream().map(PackageVersionSummary::version).toList();
        List<String> want =
            all.subList(firstPage.size(), all.size()).stream()
                .filter(v -> !deleted.contains(v))
                .toList();
        assertThat(restNames).isEqualTo(want).doesNotHaveDuplicates();
        assertThat(rest)
            .filteredOn(v -> v.version().equals(archived))
            .singleElement()
            .extracting(PackageVersionSummary::status)
            .isEqualTo(PackageVersionStatus.ARCHIVED);
      }
    }
  }

  private static List<String> listAllOf(
      CodeartifactClient c, ListPackageVersionsRequest.Builder r) {
    List<String> out = new ArrayList<>();
    for (PackageVersionSummary v : c.listPackageVersionsPaginator(r.build()).versions()) {
      out.add(v.version());
    }
    return out;
  }

  private static List<List<String>> batches(List<String> all) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 100) {
      out.add(all.subList(i, Math.min(all.size(), i + 100)));
    }
    return out;
  }

  @Test
  void tokensAreBoundToTheirListing() {
    String byVersion = client.listPackageVersions(request(pkg).maxResults(10).build()).nextToken();
    String newest =
        client
            .listPackageVersions(
                request(pkg).sortBy(PackageVersionSortType.PUBLISHED_TIME).maxResults(10).build())
            .nextToken();
    // Each resumes its own listing.
    assertThat(
            client
                .listPackageVersions(request(pkg).maxResults(10).nextToken(byVersion).build())
                .versions())
        .hasSize(10);
    // Another order, another filter, another package, or a forged token: refused.
    assertThatThrownBy(
            () -> client.listPackageVersions(request(pkg).maxResults(10).nextToken(newest).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("different request");
    assertThatThrownBy(
            () ->
                client.listPackageVersions(
                    request(pkg)
                        .status(PackageVersionStatus.PUBLISHED)
                        .maxResults(10)
                        .nextToken(byVersion)
                        .build()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                client.listPackageVersions(
                    request(pkg)
                        .originType(PackageVersionOriginType.INTERNAL)
                        .maxResults(10)
                        .nextToken(byVersion)
                        .build()))
        .isInstanceOf(ValidationException.class);
    Pkg other =
        sandbox
            .store()
            .domains
            .get("caprune")
            .repos
            .get("generated")
            .packages
            .lastEntry()
            .getValue();
    assertThat(other).isNotSameAs(pkg);
    assertThatThrownBy(
            () ->
                client.listPackageVersions(
                    request(other).maxResults(10).nextToken(byVersion).build()))
        .isInstanceOf(ValidationException.class);
    String forged = byVersion.substring(0, byVersion.indexOf('.')) + ".AAAA";
    assertThatThrownBy(
            () -> client.listPackageVersions(request(pkg).maxResults(10).nextToken(forged).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Invalid pagination token");
  }

  @Test
  void listPackagesPagesWalkOnlyTheirOwnEntries() throws Exception {
    try (Sandbox s = Sandbox.builder().now(Fixtures.NOW).generate(3_000, 1).start();
        CodeartifactClient c = Fixtures.client(s)) {
      for (String format : new String[] {null, "npm"}) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
          long before = s.entriesVisited();
          var page =
              c.listPackages(
                  ListPackagesRequest.builder()
                      .domain("caprune")
                      .repository("generated")
                      .format(format)
                      .maxResults(100)
                      .nextToken(token)
                      .build());
          long walked = s.entriesVisited() - before;
          assertThat(walked)
              .isLessThanOrEqualTo(format == null ? 101 : 100L * Api.WALK_PER_RESULT + 1024);
          page.packages().forEach(p -> names.add(p.packageValue()));
          token = page.nextToken();
        } while (token != null);
        List<String> want =
            s.store().domains.get("caprune").repos.get("generated").packages.keySet().stream()
                .filter(k -> format == null || k.format().equals(format))
                .map(Store.PackageKey::name)
                .toList();
        assertThat(names).hasSize(want.size()).isEqualTo(want);
        assertThat(want.size()).isGreaterThan(format == null ? 2_999 : 300);
      }
    }
  }
}
