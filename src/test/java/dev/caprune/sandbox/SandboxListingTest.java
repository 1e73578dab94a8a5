package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.AllowPublish;
import software.amazon.awssdk.services.codeartifact.model.AssetSummary;
import software.amazon.awssdk.services.codeartifact.model.HashAlgorithm;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.ListPackagesResponse;
import software.amazon.awssdk.services.codeartifact.model.PackageFormat;
import software.amazon.awssdk.services.codeartifact.model.PackageSummary;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionDescription;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionOriginType;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionSortType;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionStatus;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionSummary;

/** The read operations, driven by the real AWS SDK over loopback. */
class SandboxListingTest {
  static Sandbox sandbox;
  static CodeartifactClient client;

  @BeforeAll
  static void start() throws Exception {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 230; i++) {
      big.append(i == 0 ? "" : ",")
          .append("{\"version\": \"1.0.")
          .append(i)
          .append("\", \"publishedTime\": \"")
          .append(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * i))
          .append("\"}");
    }
    String bigSeed =
        "{\"domains\": [{\"name\": \"acme\", \"repositories\": [{\"name\": \"big\", \"packages\": ["
            + "{\"format\": \"npm\", \"name\": \"many\", \"versions\": ["
            + big
            + "]}]}]}]}";
    sandbox = Fixtures.seeded().seedJson(bigSeed).generate(150, 2).start();
    client = Fixtures.client(sandbox);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void listsDomainsWithEpochTimestamps() {
    var domains = client.listDomains(r -> {}).domains();
    assertThat(domains).extracting(d -> d.name()).containsExactly("acme", "caprune", "other");
    assertThat(domains.get(2).owner()).isEqualTo("444455556666");
    assertThat(domains.get(0).arn())
        .isEqualTo("arn:aws:codeartifact:us-east-1:111122223333:domain/acme");
    assertThat(domains.get(0).createdTime()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
  }

  @Test
  void listDomainsPagesThroughItsBody() {
    var first = client.listDomains(r -> r.maxResults(2));
    assertThat(first.domains()).hasSize(2);
    assertThat(first.nextToken()).isNotNull();
    var second = client.listDomains(r -> r.maxResults(2).nextToken(first.nextToken()));
    assertThat(second.domains()).extracting(d -> d.name()).containsExactly("other");
    assertThat(second.nextToken()).isNull();
  }

  @Test
  void listsRepositoriesWithPrefixAndOwnerFilters() {
    assertThat(client.listRepositoriesInDomain(r -> r.domain("acme")).repositories())
        .extracting(r -> r.name())
        .containsExactly("big", "empty-repo", "releases");
    assertThat(
            client
                .listRepositoriesInDomain(r -> r.domain("acme").repositoryPrefix("re"))
                .repositories())
        .extracting(r -> r.name())
        .containsExactly("releases");
    assertThat(
            client
                .listRepositoriesInDomain(
                    r -> r.domain("acme").administratorAccount("999999999999"))
                .repositories())
        .isEmpty();
    var repos =
        client
            .listRepositoriesInDomainPaginator(r -> r.domain("acme").maxResults(1))
            .repositories();
    assertThat(repos).extracting(r -> r.name()).containsExactly("big", "empty-repo", "releases");
  }

  @Test
  void listsPackagesWithEveryFilter() {
    assertThat(names(client.listPackages(r -> r.domain("acme").repository("releases"))))
        .containsExactly("maven:com.acme/core", "npm:left-pad", "npm:acme/ui-kit", "pypi:requests");
    assertThat(
            names(
                client.listPackages(
                    r -> r.domain("acme").repository("releases").format(PackageFormat.NPM))))
        .containsExactly("npm:left-pad", "npm:acme/ui-kit");
    // namespace is a prefix match and leaves out packages without a namespace
    assertThat(
            names(
                client.listPackages(r -> r.domain("acme").repository("releases").namespace("ac"))))
        .containsExactly("npm:acme/ui-kit");
    assertThat(
            names(
                client.listPackages(
                    r -> r.domain("acme").repository("releases").packagePrefix("le"))))
        .containsExactly("npm:left-pad");
    assertThat(
            names(
                client.listPackages(
                    r -> r.domain("acme").repository("releases").publish(AllowPublish.BLOCK))))
        .isEmpty();
    PackageSummary p =
        client
            .listPackages(r -> r.domain("acme").repository("releases").packagePrefix("core"))
            .packages()
            .get(0);
    assertThat(p.originConfiguration().restrictions().publishAsString()).isEqualTo("ALLOW");
    assertThat(p.originConfiguration().restrictions().upstreamAsString()).isEqualTo("ALLOW");
  }

  @Test
  void listPackagesDefaultsTo100PerPageAndThePaginatorSeesAll() {
    ListPackagesResponse first =
        client.listPackages(r -> r.domain("caprune").repository("generated"));
    assertThat(first.packages()).hasSize(100);
    assertThat(first.nextToken()).isNotNull();
    List<PackageSummary> all = new ArrayList<>();
    client
        .listPackagesPaginator(r -> r.domain("caprune").repository("generated").maxResults(7))
        .packages()
        .forEach(all::add);
    assertThat(all).hasSize(150);
    assertThat(
            all.stream().map(s -> s.formatAsString() + s.namespace() + s.packageValue()).distinct())
        .hasSize(150);
  }

  @Test
  void listPackageVersionsDefaultsTo50AndPagesWithoutGapsOrRepeats() {
    ListPackageVersionsResponse first =
        client.listPackageVersions(
            r -> r.domain("acme").repository("big").format(PackageFormat.NPM).packageValue("many"));
    assertThat(first.versions()).hasSize(50);
    assertThat(first.nextToken()).isNotNull();
    List<String> all = new ArrayList<>();
    client
        .listPackageVersionsPaginator(
            r ->
                r.domain("acme")
                    .repository("big")
                    .format(PackageFormat.NPM)
                    .packageValue("many")
                    .maxResults(1000))
        .versions()
        .forEach(v -> all.add(v.version()));
    assertThat(all).hasSize(230).doesNotHaveDuplicates();
    assertThat(all).isSorted();
  }

  @Test
  void lastPageOmitsNextToken() {
    ListPackageVersionsResponse page =
        client.listPackageVersions(
            r ->
                r.domain("acme")
                    .repository("big")
                    .format(PackageFormat.NPM)
                    .packageValue("many")
                    .maxResults(200)
                    .sortBy(PackageVersionSortType.PUBLISHED_TIME));
    ListPackageVersionsResponse last =
        client.listPackageVersions(
            r ->
                r.domain("acme")
                    .repository("big")
                    .format(PackageFormat.NPM)
                    .packageValue("many")
                    .maxResults(200)
                    .sortBy(PackageVersionSortType.PUBLISHED_TIME)
                    .nextToken(page.nextToken()));
    assertThat(last.versions()).hasSize(30);
    assertThat(last.nextToken()).isNull();
    // newest first across both pages: 1.0.229 first, 1.0.0 last
    assertThat(page.versions().get(0).version()).isEqualTo("1.0.229");
    assertThat(last.versions().get(29).version()).isEqualTo("1.0.0");
  }

  @Test
  void sortsByPublishedTimeNewestFirst() {
    assertThat(versions(uiKit().sortBy(PackageVersionSortType.PUBLISHED_TIME).build()))
        .containsExactly("2.1.0-beta.1", "2.0.0", "1.1.0", "1.0.0");
    // without sortBy: a stable order (by version string)
    assertThat(versions(uiKit().build()))
        .containsExactly("1.0.0", "1.1.0", "2.0.0", "2.1.0-beta.1");
  }

  @Test
  void generatedVersionsHaveStrictlyDecreasingPublishTimesInPublishedTimeOrder() {
    PackageSummary p =
        client
            .listPackages(r -> r.domain("caprune").repository("generated").maxResults(1))
            .packages()
            .get(0);
    List<PackageVersionSummary> vs =
        client
            .listPackageVersions(
                r ->
                    r.domain("caprune")
                        .repository("generated")
                        .format(p.format())
                        .namespace(p.namespace())
                        .packageValue(p.packageValue())
                        .sortBy(PackageVersionSortType.PUBLISHED_TIME))
            .versions();
    List<Instant> times = new ArrayList<>();
    for (PackageVersionSummary v : vs) {
      times.add(
          client
              .describePackageVersion(
                  r ->
                      r.domain("caprune")
                          .repository("generated")
                          .format(p.format())
                          .namespace(p.namespace())
                          .packageValue(p.packageValue())
                          .packageVersion(v.version()))
              .packageVersion()
              .publishedTime());
    }
    assertThat(times).hasSize(2);
    assertThat(times.get(0)).isAfter(times.get(1));
  }

  @Test
  void filtersVersionsByStatusAndOriginType() {
    assertThat(versions(uiKit().status(PackageVersionStatus.UNLISTED).build()))
        .containsExactly("1.1.0");
    assertThat(versions(uiKit().originType(PackageVersionOriginType.EXTERNAL).build()))
        .containsExactly("2.1.0-beta.1");
    assertThat(
            versions(
                uiKit()
                    .status(PackageVersionStatus.PUBLISHED)
                    .originType(PackageVersionOriginType.INTERNAL)
                    .build()))
        .containsExactly("1.0.0", "2.0.0");
    assertThat(versions(uiKit().status(PackageVersionStatus.DELETED).build())).isEmpty();
  }

  @Test
  void versionSummariesCarryRevisionStatusAndOrigin() {
    var resp = client.listPackageVersions(uiKit().build());
    assertThat(resp.formatAsString()).isEqualTo("npm");
    assertThat(resp.namespace()).isEqualTo("acme");
    assertThat(resp.packageValue()).isEqualTo("ui-kit");
    PackageVersionSummary v200 = resp.versions().get(2);
    assertThat(v200.revision()).isEqualTo("rev-200");
    assertThat(v200.status()).isEqualTo(PackageVersionStatus.PUBLISHED);
    assertThat(v200.origin().originType()).isEqualTo(PackageVersionOriginType.INTERNAL);
    assertThat(v200.origin().domainEntryPoint().repositoryName()).isEqualTo("releases");
    PackageVersionSummary beta = resp.versions().get(3);
    assertThat(beta.origin().domainEntryPoint().externalConnectionName()).isEqualTo("public:npmjs");
    assertThat(resp.versions().get(0).revision()).isNotBlank();
  }

  @Test
  void defaultDisplayVersionFollowsTheFormatRules() {
    // npm: the latest tag, even though 2.1.0-beta.1 was published later
    assertThat(client.listPackageVersions(uiKit().build()).defaultDisplayVersion())
        .isEqualTo("2.0.0");
    // npm without a latest tag: most recently published
    assertThat(
            client
                .listPackageVersions(
                    r ->
                        r.domain("acme")
                            .repository("releases")
                            .format(PackageFormat.NPM)
                            .packageValue("left-pad"))
                .defaultDisplayVersion())
        .isEqualTo("1.3.0");
    // maven: most recently published, whatever the version order says
    assertThat(
            client
                .listPackageVersions(
                    r ->
                        r.domain("acme")
                            .repository("releases")
                            .format(PackageFormat.MAVEN)
                            .namespace("com.acme")
                            .packageValue("core"))
                .defaultDisplayVersion())
        .isEqualTo("1.2");
    // pypi: a version without publish time never wins over one with
    assertThat(
            client
                .listPackageVersions(
                    r ->
                        r.domain("acme")
                            .repository("releases")
                            .format(PackageFormat.PYPI)
                            .packageValue("requests"))
                .defaultDisplayVersion())
        .isEqualTo("2.1.0");
  }

  @Test
  void describesAVersionWithFractionalPublishTime() {
    PackageVersionDescription d =
        client
            .describePackageVersion(
                r ->
                    r.domain("acme")
                        .repository("releases")
                        .format(PackageFormat.MAVEN)
                        .namespace("com.acme")
                        .packageValue("core")
                        .packageVersion("1.2"))
            .packageVersion();
    assertThat(d.publishedTime()).isEqualTo(Instant.parse("2024-09-01T10:20:30.123Z"));
    assertThat(d.packageName()).isEqualTo("core");
    assertThat(d.namespace()).isEqualTo("com.acme");
    assertThat(d.version()).isEqualTo("1.2");
    assertThat(d.status()).isEqualTo(PackageVersionStatus.PUBLISHED);
    assertThat(d.origin().originType()).isEqualTo(PackageVersionOriginType.INTERNAL);
    assertThat(d.revision()).isNotBlank();
  }

  @Test
  void describeOmitsAMissingPublishTime() {
    PackageVersionDescription d =
        client
            .describePackageVersion(
                r ->
                    r.domain("acme")
                        .repository("releases")
                        .format(PackageFormat.PYPI)
                        .packageValue("requests")
                        .packageVersion("2.0.0"))
            .packageVersion();
    assertThat(d.publishedTime()).isNull();
    assertThat(d.namespace()).isNull();
  }

  @Test
  void listsSeededAssetsWithHashesAndPages() {
    var first =
        client.listPackageVersionAssets(
            r ->
                r.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.MAVEN)
                    .namespace("com.acme")
                    .packageValue("core")
                    .packageVersion("1.2")
                    .maxResults(1));
    assertThat(first.assets()).extracting(AssetSummary::name).containsExactly("core-1.2.jar");
    assertThat(first.assets().get(0).size()).isEqualTo(12345L);
    assertThat(first.assets().get(0).hashes().get(HashAlgorithm.SHA_256)).hasSize(64);
    assertThat(first.assets().get(0).hashes().get(HashAlgorithm.MD5)).hasSize(32);
    assertThat(first.versionRevision()).isNotBlank();
    assertThat(first.version()).isEqualTo("1.2");
    var second =
        client.listPackageVersionAssets(
            r ->
                r.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.MAVEN)
                    .namespace("com.acme")
                    .packageValue("core")
                    .packageVersion("1.2")
                    .maxResults(1)
                    .nextToken(first.nextToken()));
    assertThat(second.assets()).extracting(AssetSummary::name).containsExactly("core-1.2.pom");
    assertThat(second.nextToken()).isNull();
    var none =
        client.listPackageVersionAssets(
            r ->
                r.domain("acme")
                    .repository("releases")
                    .format(PackageFormat.MAVEN)
                    .namespace("com.acme")
                    .packageValue("core")
                    .packageVersion("1.0"));
    assertThat(none.assets()).isEmpty();
  }

  @Test
  void emptyListsAreEmptyNotErrors() {
    assertThat(client.listPackages(r -> r.domain("acme").repository("empty-repo")).packages())
        .isEmpty();
  }

  private static software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsRequest
          .Builder
      uiKit() {
    return software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsRequest.builder()
        .domain("acme")
        .repository("releases")
        .format(PackageFormat.NPM)
        .namespace("acme")
        .packageValue("ui-kit");
  }

  private static List<String> versions(
      software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsRequest request) {
    return client.listPackageVersions(request).versions().stream()
        .map(PackageVersionSummary::version)
        .toList();
  }

  private static List<String> names(ListPackagesResponse r) {
    return r.packages().stream()
        .map(
            p ->
                p.formatAsString()
                    + ":"
                    + (p.namespace() == null ? "" : p.namespace() + "/")
                    + p.packageValue())
        .toList();
  }
}
