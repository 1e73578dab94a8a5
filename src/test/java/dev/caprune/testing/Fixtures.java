package dev.caprune.testing;

import dev.caprune.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;

/** Seed data and clients shared by the sandbox tests. */
public final class Fixtures {
  private Fixtures() {}

  /**
   * Domain acme: repository releases with npm acme/ui-kit (latest tag 2.0.0), npm left-pad, maven
   * com.acme/core (with assets), pypi requests (one version without a publish time); an empty
   * repository; domain other of another account.
   */
  public static final String SEED =
      """
      {"domains": [
        {"name": "acme", "owner": "111122223333", "repositories": [
          {"name": "releases", "packages": [
            {"format": "npm", "namespace": "acme", "name": "ui-kit", "latestTag": "2.0.0",
             "versions": [
               {"version": "1.0.0", "publishedTime": "2025-01-01T00:00:00Z"},
               {"version": "1.1.0", "status": "Unlisted", "publishedTime": "2025-02-01T00:00:00Z"},
               {"version": "2.0.0", "publishedTime": "2025-03-01T00:00:00Z", "revision": "rev-200"},
               {"version": "2.1.0-beta.1", "origin": "EXTERNAL",
                "publishedTime": "2025-04-01T00:00:00Z"}]},
            {"format": "npm", "name": "left-pad", "versions": [
               {"version": "1.0.0", "publishedTime": "2025-01-01T00:00:00Z"},
               {"version": "1.3.0", "publishedTime": "2025-05-01T00:00:00Z"}]},
            {"format": "maven", "namespace": "com.acme", "name": "core", "versions": [
               {"version": "1.0", "publishedTime": "2024-06-01T00:00:00Z"},
               {"version": "1.1", "status": "Archived", "publishedTime": "2024-07-01T00:00:00Z"},
               {"version": "1.2-SNAPSHOT", "status": "Unlisted",
                "publishedTime": "2024-08-01T00:00:00Z"},
               {"version": "1.2", "publishedTime": "2024-09-01T10:20:30.123Z",
                "assets": [{"name": "core-1.2.jar", "size": 12345},
                           {"name": "core-1.2.pom", "size": 678}]}]},
            {"format": "pypi", "name": "requests", "versions": [
               {"version": "2.0.0"},
               {"version": "2.1.0", "publishedTime": "2025-01-01T00:00:00Z"}]}]},
          {"name": "empty-repo"}]},
        {"name": "other", "owner": "444455556666", "repositories": [{"name": "r1"}]}]}
      """;

  public static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  public static Sandbox.Builder seeded() {
    return Sandbox.builder().seedJson(SEED);
  }

  /** A real SDK client for {@code sandbox}, dummy keys, no retries (so calls can be counted). */
  public static CodeartifactClient client(Sandbox sandbox) {
    return client(sandbox, "AKIDTEST", "secret");
  }

  public static CodeartifactClient client(Sandbox sandbox, String accessKey, String secretKey) {
    return CodeartifactClient.builder()
        .endpointOverride(sandbox.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** An Authorization header that passes when the sandbox does not verify signatures. */
  public static final String FAKE_AUTH =
      "AWS4-HMAC-SHA256 Credential=AKIDTEST/20250601/us-east-1/codeartifact/aws4_request,"
          + " SignedHeaders=host;x-amz-date,"
          + " Signature=0000000000000000000000000000000000000000000000000000000000000000";

  /** A plain HTTP call without a signature (admin routes, missing-auth checks). */
  public static HttpResponse<String> http(
      Sandbox sandbox, String method, String pathAndQuery, String body) {
    return http(sandbox, method, pathAndQuery, body, null);
  }

  /** A plain HTTP call carrying {@code authorization} (null: none), for what the SDK won't send. */
  public static HttpResponse<String> http(
      Sandbox sandbox, String method, String pathAndQuery, String body, String authorization) {
    return http(sandbox, method, pathAndQuery, body, authorization, java.util.Map.of());
  }

  /** As above, with extra request headers. */
  public static HttpResponse<String> http(
      Sandbox sandbox,
      String method,
      String pathAndQuery,
      String body,
      String authorization,
      java.util.Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sandbox.endpoint() + pathAndQuery))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    headers.forEach(b::header);
    try {
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
