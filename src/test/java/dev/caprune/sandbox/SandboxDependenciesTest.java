package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.testing.Fixtures;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.InternalServerException;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionDependenciesRequest;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionDependenciesResponse;
import software.amazon.awssdk.services.codeartifact.model.PackageDependency;
import software.amazon.awssdk.services.codeartifact.model.PackageFormat;
import software.amazon.awssdk.services.codeartifact.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeartifact.model.ThrottlingException;
import software.amazon.awssdk.services.codeartifact.model.ValidationException;

/**
 * ListPackageVersionDependencies through the real SDK: seeded dependencies listed in order, paged,
 * the errors of every version operation, and the sandbox's faults and counters.
 */
class SandboxDependenciesTest {
  /**
   * npm acme/app 1.0.0 with four dependencies (scoped and not, each member present or absent),
   * 2.0.0 with none; maven com.acme/service 1.0 with a parent and a range; pypi tool 1.0 with a
   * specifier; nuget Acme.Web 1.0.0 with a range and no type.
   */
  static final String SEED =
      """
      {"domains": [{"name": "acme", "repositories": [{"name": "releases", "packages": [
        {"format": "npm", "namespace": "acme", "name": "app", "versions": [
          {"version": "1.0.0", "dependencies": [
            {"namespace": "acme", "package": "util", "dependencyType": "regular",
             "versionRequirement": "^1.1.0"},
            {"package": "lodash", "dependencyType": "regular", "versionRequirement": "~4.17.0"},
            {"namespace": "types", "package": "react", "dependencyType": "dev"},
            {"package": "left-pad"}]},
          {"version": "2.0.0"}]},
        {"format": "maven", "namespace": "com.acme", "name": "service", "versions": [
          {"version": "1.0", "dependencies": [
            {"namespace": "com.acme", "package": "parent-pom", "dependencyType": "parent",
             "versionRequirement": "3"},
            {"namespace": "com.acme", "package": "core", "dependencyType": "compile",
             "versionRequirement": "[1.2,2.0)"}]}]},
        {"format": "pypi", "name": "tool", "versions": [
          {"version": "1.0", "dependencies": [
            {"package": "requests", "dependencyType": "Requires-Dist",
             "versionRequirement": ">=2.31,<3"}]}]},
        {"format": "nuget", "name": "Acme.Web", "versions": [
          {"version": "1.0.0", "dependencies": [
            {"package": "Acme.Logging", "versionRequirement": "[2.0.0, )"}]}]}
      ]}]}]}
      """;

  private static ListPackageVersionDependenciesRequest.Builder app(String version) {
    return ListPackageVersionDependenciesRequest.builder()
        .domain("acme")
        .repository("releases")
        .format(PackageFormat.NPM)
        .namespace("acme")
        .packageValue("app")
        .packageVersion(version);
  }

  private static List<String> show(List<PackageDependency> deps) {
    return deps.stream()
        .map(
            d ->
                d.namespace()
                    + "/"
                    + d.packageValue()
                    + " "
                    + d.dependencyType()
                    + " "
                    + d.versionRequirement())
        .toList();
  }

  @Test
  void listsASeededVersionsDependenciesInOrderWithItsIdentityAndRevision() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(SEED).start();
        CodeartifactClient client = Fixtures.client(s)) {
      ListPackageVersionDependenciesResponse r =
          client.listPackageVersionDependencies(app("1.0.0").build());
      assertThat(r.format()).isEqualTo(PackageFormat.NPM);
      assertThat(r.namespace()).isEqualTo("acme");
      assertThat(r.packageValue()).isEqualTo("app");
      assertThat(r.version()).isEqualTo("1.0.0");
      assertThat(r.versionRevision())
          .isEqualTo(
              Store.revisionFor("releases", new Store.PackageKey("npm", "acme", "app"), "1.0.0"));
      assertThat(r.nextToken()).isNull();
      assertThat(show(r.dependencies()))
          .containsExactly(
              "acme/util regular ^1.1.0",
              "null/lodash regular ~4.17.0",
              "types/react dev null",
              "null/left-pad null null");
      // A version without dependencies lists none; a seed that never mentions them too.
      assertThat(client.listPackageVersionDependencies(app("2.0.0").build()).dependencies())
          .isEmpty();
      assertThat(s.calls("ListPackageVersionDependencies")).isEqualTo(2);
    }
  }

  @Test
  void eachFormatsRequirementsComeBackAsSeeded() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(SEED).start();
        CodeartifactClient client = Fixtures.client(s)) {
      assertThat(
              show(
                  client
                      .listPackageVersionDependencies(
                          r ->
                              r.domain("acme")
                                  .repository("releases")
                                  .format(PackageFormat.MAVEN)
                                  .namespace("com.acme")
                                  .packageValue("service")
                                  .packageVersion("1.0"))
                      .dependencies()))
          .containsExactly("com.acme/parent-pom parent 3", "com.acme/core compile [1.2,2.0)");
      ListPackageVersionDependenciesResponse pypi =
          client.listPackageVersionDependencies(
              r ->
                  r.domain("acme")
                      .repository("releases")
                      .format(PackageFormat.PYPI)
                      .packageValue("tool")
                      .packageVersion("1.0"));
      assertThat(pypi.namespace()).isNull();
      assertThat(show(pypi.dependencies()))
          .containsExactly("null/requests Requires-Dist >=2.31,<3");
      assertThat(
              show(
                  client
                      .listPackageVersionDependencies(
                          r ->
                              r.domain("acme")
                                  .repository("releases")
                                  .format(PackageFormat.NUGET)
                                  .packageValue("Acme.Web")
                                  .packageVersion("1.0.0"))
                      .dependencies()))
          .containsExactly("null/Acme.Logging null [2.0.0, )");
    }
  }

  /**
   * Dependencies of npm big 1.0.0 and 2.0.0: dep-00 ... dep-(n-1), each with its own requirement.
   */
  private static String bigSeed(int n) {
    StringBuilder deps = new StringBuilder();
    for (int i = 0; i < n; i++) {
      deps.append(i == 0 ? "" : ",")
          .append(
              "{\"package\": \"dep-%02d\", \"versionRequirement\": \"^%d.0.0\"}".formatted(i, i));
    }
    return """
        {"domains": [{"name": "acme", "repositories": [{"name": "releases", "packages": [
          {"format": "npm", "name": "big", "versions": [
            {"version": "1.0.0", "dependencies": [%s]},
            {"version": "2.0.0", "dependencies": [%s]}]}
        ]}]}]}
        """
        .formatted(deps, deps);
  }

  private static ListPackageVersionDependenciesRequest big() {
    return ListPackageVersionDependenciesRequest.builder()
        .domain("acme")
        .repository("releases")
        .format(PackageFormat.NPM)
        .packageValue("big")
        .packageVersion("1.0.0")
        .build();
  }

  /**
   * The SDK has no paginator for this operation (the service's paginator list names none): a client
   * follows {@code nextToken} itself, as here.
   */
  @Test
  void followingTheTokenGetsEveryDependencyOnceOverSeveralPages() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(bigSeed(23)).dependenciesPageSize(5).start();
        CodeartifactClient client = Fixtures.client(s)) {
      List<String> seen = new ArrayList<>();
      int pages = 0;
      String token = null;
      do {
        ListPackageVersionDependenciesResponse page =
            client.listPackageVersionDependencies(big().toBuilder().nextToken(token).build());
        token = page.nextToken();
        pages++;
        assertThat(page.dependencies()).hasSizeLessThanOrEqualTo(5);
        assertThat(page.version()).isEqualTo("1.0.0");
        page.dependencies().forEach(d -> seen.add(d.packageValue() + " " + d.versionRequirement()));
      } while (token != null && pages < 100);
      assertThat(pages).isEqualTo(5);
      assertThat(seen).hasSize(23).doesNotHaveDuplicates();
      for (int i = 0; i < 23; i++) {
        assertThat(seen.get(i)).isEqualTo("dep-%02d ^%d.0.0".formatted(i, i));
      }
      assertThat(s.calls("ListPackageVersionDependencies")).isEqualTo(5);
    }
  }

  @Test
  void aFullLastPageHasNoToken() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(bigSeed(10)).dependenciesPageSize(5).start();
        CodeartifactClient client = Fixtures.client(s)) {
      ListPackageVersionDependenciesResponse first = client.listPackageVersionDependencies(big());
      assertThat(first.dependencies()).hasSize(5);
      assertThat(first.nextToken()).isNotNull();
      ListPackageVersionDependenciesResponse second =
          client.listPackageVersionDependencies(
              big().toBuilder().nextToken(first.nextToken()).build());
      assertThat(second.dependencies())
          .extracting(PackageDependency::packageValue)
          .containsExactly("dep-05", "dep-06", "dep-07", "dep-08", "dep-09");
      assertThat(second.nextToken()).isNull();
    }
  }

  @Test
  void tokensAreBoundToTheVersionTheyWereIssuedFor() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(bigSeed(10)).dependenciesPageSize(3).start();
        CodeartifactClient client = Fixtures.client(s)) {
      String token = client.listPackageVersionDependencies(big()).nextToken();
      assertThatThrownBy(
              () ->
                  client.listPackageVersionDependencies(
                      big().toBuilder().packageVersion("2.0.0").nextToken(token).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("different request");
      assertThatThrownBy(
              () ->
                  client.listPackageVersionDependencies(
                      big().toBuilder().nextToken("garbage").build()))
          .isInstanceOf(ValidationException.class);
    }
  }

  private static void assertNotFound(
      CodeartifactClient client,
      Consumer<ListPackageVersionDependenciesRequest.Builder> change,
      String type,
      String id) {
    ListPackageVersionDependenciesRequest.Builder b = app("1.0.0");
    change.accept(b);
    assertThatThrownBy(() -> client.listPackageVersionDependencies(b.build()))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.resourceTypeAsString()).isEqualTo(type);
              assertThat(e.resourceId()).isEqualTo(id);
            });
  }

  @Test
  void unknownDomainRepositoryPackageOrVersionIsResourceNotFound() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(SEED).start();
        CodeartifactClient client = Fixtures.client(s)) {
      assertNotFound(client, b -> b.domain("nope"), "domain", "nope");
      assertNotFound(client, b -> b.domainOwner("444455556666"), "domain", "acme");
      assertNotFound(client, b -> b.repository("nope"), "repository", "nope");
      assertNotFound(client, b -> b.packageValue("nope"), "package", "nope");
      assertNotFound(client, b -> b.namespace("other"), "package", "app");
      assertNotFound(client, b -> b.packageVersion("9.9.9"), "package-version", "9.9.9");
      // A deleted version is gone for this operation too.
      client.deletePackageVersions(
          r ->
              r.domain("acme")
                  .repository("releases")
                  .format(PackageFormat.NPM)
                  .namespace("acme")
                  .packageValue("app")
                  .versions("1.0.0"));
      assertNotFound(client, b -> {}, "package-version", "1.0.0");
    }
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "domain, Acme, 'Member must satisfy regular expression pattern'",
    "domainOwner, 12345, 'Member must have length greater than or equal to 12'",
    "repository, -bad, 'Member must satisfy regular expression pattern'",
    "format, docker, 'Member must satisfy enum value set'",
    "namespace, a/b, 'Member must satisfy regular expression pattern'",
    "package, 'has space', 'Member must satisfy regular expression pattern'",
    "packageVersion, '1.0#2', 'Member must satisfy regular expression pattern'",
    "nextToken, ' ', 'Member must satisfy regular expression pattern'",
  })
  void badParametersAreValidationErrors(String member, String value, String constraint)
      throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(SEED).start();
        CodeartifactClient client = Fixtures.client(s)) {
      ListPackageVersionDependenciesRequest.Builder b = app("1.0.0");
      switch (member) {
        case "domain" -> b.domain(value);
        case "domainOwner" -> b.domainOwner(value);
        case "repository" -> b.repository(value);
        case "format" -> b.format(value);
        case "namespace" -> b.namespace(value);
        case "package" -> b.packageValue(value);
        case "packageVersion" -> b.packageVersion(value);
        default -> b.nextToken(value);
      }
      assertThatThrownBy(() -> client.listPackageVersionDependencies(b.build()))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.getMessage()).contains("'" + member + "'").contains(constraint);
              });
    }
  }

  @Test
  void aMissingRequiredParameterIsAValidationError() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(SEED).start()) {
      // The SDK refuses to send a request without a required member: go around it.
      HttpResponse<String> noVersion =
          Fixtures.http(
              s,
              "POST",
              "/v1/package/version/dependencies?domain=acme&repository=releases&format=npm"
                  + "&namespace=acme&package=app",
              null,
              Fixtures.FAKE_AUTH);
      assertThat(noVersion.statusCode()).isEqualTo(400);
      assertThat(noVersion.headers().firstValue("x-amzn-ErrorType"))
          .hasValue("ValidationException");
      assertThat(noVersion.body()).contains("packageVersion").contains("must not be null");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"maven", "swift", "generic"})
  void aMissingNamespaceWhereTheFormatNeedsOneIsAValidationErrorNotANotFound(String format)
      throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(SEED).start();
        CodeartifactClient client = Fixtures.client(s)) {
      assertThatThrownBy(
              () ->
                  client.listPackageVersionDependencies(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(format)
                              .packageValue("service")
                              .packageVersion("1.0")))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.getMessage()).contains("namespace").contains(format);
              });
    }
  }

  @Test
  void everyVersionOperationWantsTheNamespaceOfAMavenPackage() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(SEED).start();
        CodeartifactClient client = Fixtures.client(s)) {
      List<Runnable> calls =
          List.of(
              () ->
                  client.listPackageVersions(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.MAVEN)
                              .packageValue("service")),
              () ->
                  client.describePackageVersion(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.MAVEN)
                              .packageValue("service")
                              .packageVersion("1.0")),
              () ->
                  client.listPackageVersionAssets(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.MAVEN)
                              .packageValue("service")
                              .packageVersion("1.0")),
              () ->
                  client.deletePackageVersions(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.MAVEN)
                              .packageValue("service")
                              .versions("1.0")),
              () ->
                  client.updatePackageVersionsStatus(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.MAVEN)
                              .packageValue("service")
                              .versions("1.0")
                              .targetStatus("Archived")),
              () ->
                  client.disposePackageVersions(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.MAVEN)
                              .packageValue("service")
                              .versions("1.0")),
              () ->
                  client.deletePackage(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.MAVEN)
                              .packageValue("service")));
      for (Runnable call : calls) {
        assertThatThrownBy(call::run)
            .isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
      }
      // Nothing changed.
      assertThat(s.stateJson()).contains("\"service\"").contains("\"parent-pom\"");
    }
  }

  @Test
  void throttlingAndServerFaultsApplyToIt() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(SEED).throttleRate(1).start();
        CodeartifactClient client = Fixtures.client(s)) {
      assertThatThrownBy(() -> client.listPackageVersionDependencies(app("1.0.0").build()))
          .isInstanceOfSatisfying(
              ThrottlingException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
      assertThat(s.throttled()).isEqualTo(1);
      s.setThrottleRate(0);
      s.setFailRate(1);
      assertThatThrownBy(() -> client.listPackageVersionDependencies(app("1.0.0").build()))
          .isInstanceOfSatisfying(
              InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
      assertThat(s.failed()).isEqualTo(1);
      s.setFailRate(0);
      assertThat(client.listPackageVersionDependencies(app("1.0.0").build()).dependencies())
          .hasSize(4);
      // Faulted calls count like every call.
      assertThat(s.calls("ListPackageVersionDependencies")).isEqualTo(3);
    }
  }

  @Test
  void aLostReplyIsNeverHeardAndCounted() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(SEED).lostReplyRate(1).start();
        CodeartifactClient client = Fixtures.client(s)) {
      assertThatThrownBy(() -> client.listPackageVersionDependencies(app("1.0.0").build()))
          .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
      // The JDK's HttpURLConnection resends a body-less POST once when the connection drops:
      // every call it made was answered by nothing.
      assertThat(s.lostReplies()).isPositive().isEqualTo(s.calls("ListPackageVersionDependencies"));
    }
  }

  @Test
  void theStateShowsDependenciesOnlyWhereAVersionHasThemAndLoadsBack() throws Exception {
    try (Sandbox s = Sandbox.builder().seedJson(SEED).start()) {
      String state = s.stateJson();
      JsonNode root = new ObjectMapper().readTree(state);
      JsonNode app = root.at("/domains/0/repositories/0/packages");
      JsonNode appPkg = null;
      for (JsonNode p : app) {
        if (p.get("name").asText().equals("app")) {
          appPkg = p;
        }
      }
      assertThat(appPkg).isNotNull();
      assertThat(appPkg.at("/versions/0/dependencies")).hasSize(4);
      assertThat(appPkg.at("/versions/0/dependencies/2").toString())
          .isEqualTo("{\"namespace\":\"types\",\"package\":\"react\",\"dependencyType\":\"dev\"}");
      assertThat(appPkg.at("/versions/1").has("dependencies")).isFalse();
      try (Sandbox copy = Sandbox.builder().seedJson(state).start()) {
        assertThat(copy.stateJson()).isEqualTo(state);
      }
    }
  }

  private static String oneDependency(String format, String namespace, String dependency) {
    return """
        {"domains": [{"name": "acme", "repositories": [{"name": "releases", "packages": [
          {"format": "%s", %s"name": "p", "versions": [
            {"version": "1.0", "dependencies": %s}]}]}]}]}
        """
        .formatted(
            format, namespace == null ? "" : "\"namespace\": \"" + namespace + "\", ", dependency);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "npm|{}|dependencies: expected a JSON array",
        "npm|[{}]|dependencies[0].package: missing",
        "npm|[\"util\"]|dependencies[0]: expected a JSON object",
        "npm|[{\"package\": \"a\"}, {\"package\": \"b\", \"version\": \"1\"}]"
            + "|dependencies[1].version: unknown field \"version\"",
        "npm|[{\"package\": \"a/b\"}]|dependencies[0].package: invalid value \"a/b\"",
        "npm|[{\"namespace\": \"@acme\", \"package\": \"a\"}]"
            + "|dependencies[0].namespace: write the npm scope without the @",
        "npm|[{\"package\": \"a\", \"dependencyType\": 3}]"
            + "|dependencies[0].dependencyType: expected a string",
        "npm|[{\"package\": \"a\", \"dependencyType\": \"\"}]"
            + "|dependencies[0].dependencyType: invalid value",
        "npm|[{\"package\": \"a\", \"versionRequirement\": \"\"}]"
            + "|dependencies[0].versionRequirement: invalid value",
        "pypi|[{\"namespace\": \"x\", \"package\": \"a\"}]"
            + "|dependencies[0].namespace: pypi packages have no namespace",
        "maven|[{\"package\": \"a\"}]|dependencies[0].namespace: required for maven packages",
      })
  void badSeedDependenciesStopTheSandboxNamingThePlace(
      String format, String dependencies, String message) {
    String namespace = format.equals("maven") ? "com.acme" : null;
    assertThatThrownBy(
            () ->
                Sandbox.builder().seedJson(oneDependency(format, namespace, dependencies)).start())
        .isInstanceOf(SeedException.class)
        .hasMessageStartingWith("seed JSON: domains[0].repositories[0].packages[0].versions[0].")
        .hasMessageContaining(message);
  }

  @Test
  void theDemosApplicationsDependOnItsLibraries() throws Exception {
    try (Sandbox s = Sandbox.builder().demo(Instant.parse("2025-06-01T00:00:00Z")).start();
        CodeartifactClient client = Fixtures.client(s)) {
      assertThat(demo(client, PackageFormat.NPM, null, "acme-cli", "1.3.0"))
          .containsExactly(
              "acme/ui-kit regular ^2.1.0",
              "acme/config regular 0.3.1",
              "null/lodash regular ^4.17.21",
              "types/react dev ^19.0.0");
      assertThat(demo(client, PackageFormat.MAVEN, "com.acme.platform", "billing-service", "3.3.0"))
          .containsExactly(
              "com.acme.platform/core-api compile [1.4,2.0)",
              "com.acme.tools/lint-rules test [1.0.0,)");
      assertThat(demo(client, PackageFormat.MAVEN, "com.acme.platform", "billing-service", "3.3.1"))
          .contains("com.acme.platform/core-api compile 1.4.2");
      assertThat(demo(client, PackageFormat.PYPI, null, "acme-sdk", "1.2.1"))
          .containsExactly(
              "null/requests Requires-Dist >=2.32.3,<3", "null/urllib3 Requires-Dist >=2.2.1,<2.3");
      assertThat(demo(client, PackageFormat.NUGET, null, "Acme.Logging", "2.0.1"))
          .containsExactly("null/Microsoft.Extensions.Logging.Abstractions null [8.0.0, )");
      // Libraries and the other repositories have none.
      assertThat(demo(client, PackageFormat.NPM, "acme", "ui-kit", "2.1.0")).isEmpty();
      // Every dependency named in releases is a package of releases, but for those from npmjs
      // and nuget.org.
      JsonNode releases = new ObjectMapper().readTree(s.stateJson()).at("/domains/0/repositories");
      JsonNode repo = null;
      for (JsonNode r : releases) {
        if (r.get("name").asText().equals("releases")) {
          repo = r;
        }
      }
      assertThat(repo).isNotNull();
      java.util.Set<String> held = new java.util.HashSet<>();
      repo.get("packages")
          .forEach(p -> held.add(p.path("namespace").asText("") + "/" + p.get("name").asText()));
      int inRepository = 0;
      for (JsonNode p : repo.get("packages")) {
        for (JsonNode v : p.get("versions")) {
          for (JsonNode d : v.path("dependencies")) {
            String named = d.path("namespace").asText("") + "/" + d.get("package").asText();
            if (held.contains(named)) {
              inRepository++;
            } else {
              assertThat(named)
                  .isIn("/lodash", "types/react", "/Microsoft.Extensions.Logging.Abstractions");
            }
          }
        }
      }
      // acme-cli 10 (ui-kit, config), billing-service 8, acme-sdk 7.
      assertThat(inRepository).isEqualTo(25);
    }
  }

  private static List<String> demo(
      CodeartifactClient client, PackageFormat format, String ns, String pkg, String version) {
    return show(
        client
            .listPackageVersionDependencies(
                r ->
                    r.domain("acme")
                        .repository("releases")
                        .format(format)
                        .namespace(ns)
                        .packageValue(pkg)
                        .packageVersion(version))
            .dependencies());
  }
}
