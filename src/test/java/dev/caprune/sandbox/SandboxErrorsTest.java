package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.testing.Fixtures;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsRequest;
import software.amazon.awssdk.services.codeartifact.model.PackageFormat;
import software.amazon.awssdk.services.codeartifact.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeartifact.model.ValidationException;

/** Errors as AWS sends them, and as the real SDK surfaces them. */
class SandboxErrorsTest {
  static Sandbox sandbox;
  static CodeartifactClient client;

  @BeforeAll
  static void start() throws Exception {
    sandbox = Fixtures.seeded().start();
    client = Fixtures.client(sandbox);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  private static ListPackageVersionsRequest.Builder uiKit() {
    return ListPackageVersionsRequest.builder()
        .domain("acme")
        .repository("releases")
        .format(PackageFormat.NPM)
        .namespace("acme")
        .packageValue("ui-kit");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "domain, Acme, 'Member must satisfy regular expression pattern: [a-z][a-z0-9\\-]{0,48}[a-z0-9]'",
    "domain, a, 'Member must have length greater than or equal to 2'",
    "domainOwner, 12345, 'Member must have length greater than or equal to 12'",
    "domainOwner, 12345678901x, 'Member must satisfy regular expression pattern: [0-9]{12}'",
    "repository, -bad, 'Member must satisfy regular expression pattern'",
    "format, docker, 'Member must satisfy enum value set: [npm, pypi, maven, nuget, generic, ruby, swift, cargo]'",
    "namespace, a/b, 'Member must satisfy regular expression pattern: [^#/\\s]+'",
    "package, 'has space', 'Member must satisfy regular expression pattern'",
    "status, Gone, 'Member must satisfy enum value set'",
    "sortBy, NAME, 'Member must satisfy enum value set: [PUBLISHED_TIME]'",
    "originType, LOCAL, 'Member must satisfy enum value set: [INTERNAL, EXTERNAL, UNKNOWN]'",
    "maxResults, 0, 'Member must have value greater than or equal to 1'",
    "maxResults, 1001, 'Member must have value less than or equal to 1000'",
  })
  void rejectsValuesOutsideTheModel(String member, String value, String constraint) {
    ListPackageVersionsRequest.Builder b = uiKit();
    switch (member) {
      case "domain" -> b.domain(value);
      case "domainOwner" -> b.domainOwner(value);
      case "repository" -> b.repository(value);
      case "format" -> b.format(value);
      case "namespace" -> b.namespace(value);
      case "package" -> b.packageValue(value);
      case "status" -> b.status(value);
      case "sortBy" -> b.sortBy(value);
      case "originType" -> b.originType(value);
      case "maxResults" -> b.maxResults(Integer.parseInt(value));
      default -> throw new IllegalArgumentException(member);
    }
    assertThatThrownBy(() -> client.listPackageVersions(b.build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.reasonAsString()).isEqualTo("FIELD_VALIDATION_FAILED");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("at '" + member + "'")
                  .contains(constraint);
            });
  }

  @Test
  void aMissingRequiredMemberIsAValidationError() {
    assertThatThrownBy(
            () ->
                client.listPackageVersions(
                    r -> r.domain("acme").repository("releases").format(PackageFormat.NPM)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo(
                        "1 validation error detected: Value null at 'package' failed to satisfy"
                            + " constraint: Member must not be null"));
    assertThatThrownBy(
            () ->
                client.deletePackageVersions(
                    r ->
                        r.domain("acme")
                            .repository("releases")
                            .format(PackageFormat.NPM)
                            .packageValue("left-pad")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'versions'");
  }

  @Test
  void aBadVersionInAWriteIsAValidationError() {
    assertThatThrownBy(
            () ->
                client.deletePackageVersions(
                    r ->
                        r.domain("acme")
                            .repository("releases")
                            .format(PackageFormat.NPM)
                            .packageValue("left-pad")
                            .versions("1.0.0", "1.0#2")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("versions.2.member");
    assertThat(sandbox.stateJson()).contains("\"left-pad\"").contains("\"1.0.0\"");
  }

  @Test
  void unknownThingsAreResourceNotFoundWithIdAndType() {
    assertNotFound(
        () -> client.listPackages(r -> r.domain("nope").repository("releases")), "domain", "nope");
    assertNotFound(
        () -> client.listPackages(r -> r.domain("acme").repository("nope")), "repository", "nope");
    assertNotFound(
        () -> client.listPackageVersions(uiKit().packageValue("nope").build()), "package", "nope");
    // same name, other namespace: another package
    assertNotFound(
        () -> client.listPackageVersions(uiKit().namespace("other").build()), "package", "ui-kit");
    assertNotFound(
        () ->
            client.describePackageVersion(
                r ->
                    r.domain("acme")
                        .repository("releases")
                        .format(PackageFormat.NPM)
                        .namespace("acme")
                        .packageValue("ui-kit")
                        .packageVersion("0.0.1")),
        "package-version",
        "0.0.1");
    assertNotFound(() -> client.listRepositoriesInDomain(r -> r.domain("nope")), "domain", "nope");
  }

  @Test
  void aDomainOfAnotherOwnerIsNotFound() {
    assertNotFound(
        () -> client.listPackageVersions(uiKit().domainOwner("444455556666").build()),
        "domain",
        "acme");
    assertThat(client.listPackageVersions(uiKit().domainOwner("111122223333").build()).versions())
        .hasSize(4);
  }

  private static void assertNotFound(Runnable call, String type, String id) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.resourceTypeAsString()).isEqualTo(type);
              assertThat(e.resourceId()).isEqualTo(id);
            });
  }

  @Test
  void forgedGarbledOrForeignTokensAreValidationErrors() {
    var page = client.listPackageVersions(uiKit().maxResults(1).build());
    String token = page.nextToken();
    assertThat(token).isNotNull();
    String forged =
        token.substring(0, token.indexOf('.')) + ".AAAA" + token.substring(token.indexOf('.') + 5);
    for (String bad : new String[] {forged, "garbage", "abc.def", token + "x", "%%%"}) {
      assertThatThrownBy(() -> client.listPackageVersions(uiKit().nextToken(bad).build()))
          .as(bad)
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }
    // a genuine token, but for another request (another filter)
    assertThatThrownBy(
            () -> client.listPackageVersions(uiKit().nextToken(token).status("Published").build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("different request");
    assertThat(
            client.listPackageVersions(uiKit().maxResults(1).nextToken(token).build()).versions())
        .extracting(v -> v.version())
        .containsExactly("1.1.0");
  }

  @Test
  void withoutAnAuthorizationHeaderAccessIsDenied() {
    HttpResponse<String> r =
        Fixtures.http(sandbox, "POST", "/v1/packages?domain=acme&repository=releases", null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).contains("\"message\":\"Missing Authentication Token\"");
  }

  @Test
  void aSignatureForAnotherServiceIsDenied() {
    HttpResponse<String> r =
        Fixtures.http(
            sandbox,
            "POST",
            "/v1/packages?domain=acme&repository=releases",
            null,
            Fixtures.FAKE_AUTH.replace("/codeartifact/", "/s3/"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("codeartifact");
  }

  @Test
  void errorsCarryTheAwsWireShape() {
    HttpResponse<String> r =
        Fixtures.http(
            sandbox, "POST", "/v1/packages?domain=acme&repository=nope", null, Fixtures.FAKE_AUTH);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
    assertThat(r.body())
        .contains("\"resourceId\":\"nope\"")
        .contains("\"resourceType\":\"repository\"")
        .contains("\"message\":");
  }

  @Test
  void listCallsAcceptAnEmptyBodyAndTimestampsAreEpochNumbers() {
    HttpResponse<String> r =
        Fixtures.http(
            sandbox,
            "GET",
            "/v1/package/version?domain=acme&repository=releases&format=maven&namespace=com.acme"
                + "&package=core&version=1.2",
            null,
            Fixtures.FAKE_AUTH);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"publishedTime\":1725186030.123");
    HttpResponse<String> list =
        Fixtures.http(
            sandbox,
            "POST",
            "/v1/package/versions?domain=acme&repository=releases&format=npm&package=left-pad",
            "",
            Fixtures.FAKE_AUTH);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"1.3.0\"").doesNotContain("nextToken");
  }

  @Test
  void unparseableBodiesAreValidationErrors() {
    HttpResponse<String> r =
        Fixtures.http(
            sandbox,
            "POST",
            "/v1/package/versions/delete?domain=acme&repository=releases&format=npm&package=left-pad",
            "{not json",
            Fixtures.FAKE_AUTH);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("CANNOT_PARSE");
    HttpResponse<String> wrongType =
        Fixtures.http(
            sandbox,
            "POST",
            "/v1/package/versions/delete?domain=acme&repository=releases&format=npm&package=left-pad",
            "{\"versions\": \"1.0.0\"}",
            Fixtures.FAKE_AUTH);
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(sandbox.stateJson()).contains("left-pad");
  }

  @Test
  void otherOperationsAndPathsAreRefusedClearly() {
    HttpResponse<String> describePackage =
        Fixtures.http(
            sandbox,
            "GET",
            "/v1/package?domain=acme&repository=releases&format=npm&package=left-pad",
            null,
            Fixtures.FAKE_AUTH);
    assertThat(describePackage.statusCode()).isEqualTo(400);
    assertThat(describePackage.body()).contains("UNKNOWN_OPERATION").contains("DescribePackage");
    HttpResponse<String> nowhere =
        Fixtures.http(sandbox, "POST", "/v2/whatever", "{}", Fixtures.FAKE_AUTH);
    assertThat(nowhere.statusCode()).isEqualTo(404);
    assertThat(nowhere.body()).contains("POST /v2/whatever");
  }
}
