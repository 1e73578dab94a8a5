package dev.caprune.codeartifact;

import dev.caprune.codeartifact.CallGuard.Operation;
import dev.caprune.select.Format;
import dev.caprune.select.Origin;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.AccessDeniedException;
import software.amazon.awssdk.services.codeartifact.model.CodeartifactException;
import software.amazon.awssdk.services.codeartifact.model.ConflictException;
import software.amazon.awssdk.services.codeartifact.model.DeletePackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.DisposePackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsRequest;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.ListPackagesRequest;
import software.amazon.awssdk.services.codeartifact.model.ListPackagesResponse;
import software.amazon.awssdk.services.codeartifact.model.ListRepositoriesInDomainResponse;
import software.amazon.awssdk.services.codeartifact.model.PackageSummary;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionError;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionSortType;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionStatus;
import software.amazon.awssdk.services.codeartifact.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeartifact.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.codeartifact.model.SuccessfulPackageVersionInfo;
import software.amazon.awssdk.services.codeartifact.model.ThrottlingException;
import software.amazon.awssdk.services.codeartifact.model.UpdatePackageVersionsStatusResponse;
import software.amazon.awssdk.services.codeartifact.model.ValidationException;

/** {@link CodeArtifactGateway} over the AWS SDK for Java v2. */
final class SdkGateway implements CodeArtifactGateway {
  /** The API's largest page: fewer list calls for the same listing. */
  private static final int PAGE = 1000;

  private final CodeartifactClient client;
  private final SdkHttpClient http;
  private final CallGuard guard;

  SdkGateway(CodeartifactClient client, SdkHttpClient http, CallGuard guard) {
    this.client = client;
    this.http = http;
    this.guard = guard;
  }

  @Override
  public List<String> listRepositories(String domain, String domainOwner) {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListRepositoriesInDomainResponse page =
          read(
              Operation.ListRepositoriesInDomain,
              "listing repositories of domain " + domain,
              () ->
                  client.listRepositoriesInDomain(
                      r ->
                          r.domain(domain)
                              .domainOwner(domainOwner)
                              .maxResults(PAGE)
                              .nextToken(next)));
      page.repositories().forEach(r -> names.add(r.name()));
      token = page.nextToken();
    } while (token != null);
    return names;
  }

  @Override
  public void listPackages(RepositoryRef repo, PackageQuery query, Consumer<PackageId> sink) {
    String token = null;
    do {
      ListPackagesRequest.Builder b =
          ListPackagesRequest.builder()
              .domain(repo.domain())
              .domainOwner(repo.domainOwner())
              .repository(repo.repository())
              .maxResults(PAGE)
              .nextToken(token);
      if (query.format() != null) {
        b.format(query.format().wire());
      }
      if (query.namespacePrefix() != null && !query.namespacePrefix().isEmpty()) {
        b.namespace(query.namespacePrefix());
      }
      if (query.packagePrefix() != null && !query.packagePrefix().isEmpty()) {
        b.packagePrefix(query.packagePrefix());
      }
      ListPackagesResponse page =
          read(
              Operation.ListPackages,
              "listing packages in " + repo,
              () -> client.listPackages(b.build()));
      for (PackageSummary p : page.packages()) {
        Optional<Format> format = Format.fromWire(p.formatAsString());
        if (format.isEmpty()) {
          continue; // A format newer than this caprune: never touch what we cannot order.
        }
        sink.accept(new PackageId(format.get(), emptyToNull(p.namespace()), p.packageValue()));
      }
      token = page.nextToken();
    } while (token != null);
  }

  @Override
  public VersionListing listVersions(RepositoryRef repo, PackageId pkg, VersionQuery query) {
    List<VersionSummary> versions = new ArrayList<>();
    String defaultDisplay = null;
    String token = null;
    do {
      ListPackageVersionsRequest.Builder b =
          ListPackageVersionsRequest.builder()
              .domain(repo.domain())
              .domainOwner(repo.domainOwner())
              .repository(repo.repository())
              .format(pkg.format().wire())
              .namespace(pkg.namespace())
              .packageValue(pkg.name())
              .maxResults(PAGE)
              .nextToken(token);
      if (query.status() != null) {
        b.status(query.status().wire());
      }
      if (query.origin() != null) {
        b.originType(query.origin().wire());
      }
      if (query.byPublishedTime()) {
        b.sortBy(PackageVersionSortType.PUBLISHED_TIME);
      }
      ListPackageVersionsResponse page =
          read(
              Operation.ListPackageVersions,
              "listing versions of " + pkg.display() + " in " + repo,
              () -> client.listPackageVersions(b.build()));
      if (defaultDisplay == null) {
        defaultDisplay = page.defaultDisplayVersion();
      }
      for (var v : page.versions()) {
        Optional<VersionStatus> status = VersionStatus.parse(v.statusAsString());
        if (status.isEmpty()) {
          continue; // A status newer than this caprune: never select what we cannot reason about.
        }
        Origin origin =
            v.origin() == null
                ? Origin.UNKNOWN
                : Origin.parse(v.origin().originTypeAsString()).orElse(Origin.UNKNOWN);
        versions.add(new VersionSummary(v.version(), v.revision(), status.get(), origin));
      }
      token = page.nextToken();
    } while (token != null);
    return new VersionListing(defaultDisplay, versions);
  }

  @Override
  public Optional<Instant> publishedTime(RepositoryRef repo, PackageId pkg, String version) {
    var response =
        read(
            Operation.DescribePackageVersion,
            "describing " + pkg.display() + " " + version,
            () ->
                client.describePackageVersion(
                    r ->
                        r.domain(repo.domain())
                            .domainOwner(repo.domainOwner())
                            .repository(repo.repository())
                            .format(pkg.format().wire())
                            .namespace(pkg.namespace())
                            .packageValue(pkg.name())
                            .packageVersion(version)));
    return Optional.ofNullable(response.packageVersion().publishedTime());
  }

  @Override
  public WriteResult deleteVersions(
      RepositoryRef repo, PackageId pkg, List<String> versions, VersionStatus expectedStatus) {
    DeletePackageVersionsResponse r =
        write(
            Operation.DeletePackageVersions,
            "deleting versions of " + pkg.display(),
            () ->
                client.deletePackageVersions(
                    b ->
                        b.domain(repo.domain())
                            .domainOwner(repo.domainOwner())
                            .repository(repo.repository())
                            .format(pkg.format().wire())
                            .namespace(pkg.namespace())
                            .packageValue(pkg.name())
                            .versions(versions)
                            .expectedStatus(wire(expectedStatus))));
    return result(r.successfulVersions(), r.failedVersions());
  }

  @Override
  public WriteResult updateStatus(
      RepositoryRef repo,
      PackageId pkg,
      List<String> versions,
      Map<String, String> revisions,
      VersionStatus expectedStatus,
      VersionStatus targetStatus) {
    UpdatePackageVersionsStatusResponse r =
        write(
            Operation.UpdatePackageVersionsStatus,
            "changing the status of versions of " + pkg.display(),
            () ->
                client.updatePackageVersionsStatus(
                    b ->
                        b.domain(repo.domain())
                            .domainOwner(repo.domainOwner())
                            .repository(repo.repository())
                            .format(pkg.format().wire())
                            .namespace(pkg.namespace())
                            .packageValue(pkg.name())
                            .versions(versions)
                            .versionRevisions(revisions.isEmpty() ? null : revisions)
                            .expectedStatus(wire(expectedStatus))
                            .targetStatus(wire(targetStatus))));
    return result(r.successfulVersions(), r.failedVersions());
  }

  @Override
  public WriteResult dispose(
      RepositoryRef repo,
      PackageId pkg,
      List<String> versions,
      Map<String, String> revisions,
      VersionStatus expectedStatus) {
    DisposePackageVersionsResponse r =
        write(
            Operation.DisposePackageVersions,
            "disposing versions of " + pkg.display(),
            () ->
                client.disposePackageVersions(
                    b ->
                        b.domain(repo.domain())
                            .domainOwner(repo.domainOwner())
                            .repository(repo.repository())
                            .format(pkg.format().wire())
                            .namespace(pkg.namespace())
                            .packageValue(pkg.name())
                            .versions(versions)
                            .versionRevisions(revisions.isEmpty() ? null : revisions)
                            .expectedStatus(wire(expectedStatus))));
    return result(r.successfulVersions(), r.failedVersions());
  }

  @Override
  public void close() {
    client.close();
    http.close();
  }

  private <T> T read(Operation op, String what, Supplier<T> call) {
    return guard.call(
        op,
        () -> {
          try {
            return call.get();
          } catch (SdkException e) {
            throw translate(e, what);
          }
        });
  }

  private <T> T write(Operation op, String what, Supplier<T> call) {
    return guard.call(op, () -> translatedWrite(what, call));
  }

  private static <T> T translatedWrite(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkClientException e) {
      GatewayException g = translate(e, what);
      if (g.kind() == GatewayException.Kind.NETWORK && !neverSent(e)) {
        // The request may have reached the service and taken effect before the answer was lost.
        throw new GatewayException(GatewayException.Kind.UNKNOWN_OUTCOME, g.getMessage(), e, null);
      }
      throw g;
    } catch (SdkException e) {
      throw translate(e, what);
    }
  }

  private static boolean neverSent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  /** The SDK's exceptions in caprune's terms, with a message that says what to do. */
  static GatewayException translate(SdkException e, String what) {
    if (e instanceof CodeartifactException ca) {
      String message = ca.awsErrorDetails() != null ? ca.awsErrorDetails().errorMessage() : null;
      if (message == null || message.isBlank()) {
        message = ca.getMessage();
      }
      String text = what + ": " + message;
      if (ca instanceof ResourceNotFoundException nf) {
        return new GatewayException(
            GatewayException.Kind.NOT_FOUND, text, e, null, nf.resourceTypeAsString());
      }
      if (ca instanceof AccessDeniedException || ca.statusCode() == 403) {
        return new GatewayException(
            GatewayException.Kind.ACCESS_DENIED,
            text + " (check the credentials and the IAM permissions listed in the README)",
            e);
      }
      if (ca instanceof ValidationException) {
        return new GatewayException(GatewayException.Kind.VALIDATION, text, e);
      }
      if (ca instanceof ThrottlingException t) {
        Integer seconds = t.retryAfterSeconds();
        return new GatewayException(
            GatewayException.Kind.THROTTLED,
            text,
            e,
            seconds == null ? null : Duration.ofSeconds(seconds));
      }
      if (ca instanceof ConflictException || ca instanceof ServiceQuotaExceededException) {
        return new GatewayException(GatewayException.Kind.CONFLICT, text, e);
      }
      if (ca.statusCode() == 429) {
        return new GatewayException(GatewayException.Kind.THROTTLED, text, e);
      }
      return new GatewayException(
          GatewayException.Kind.SERVICE, text + " (HTTP " + ca.statusCode() + ")", e);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.contains("Unable to load region")) {
      return new GatewayException(
          GatewayException.Kind.CONFIGURATION,
          "no AWS region: pass --region, set AWS_REGION, or set a region in your AWS profile",
          e);
    }
    if (message.contains("Unable to load credentials")) {
      return new GatewayException(
          GatewayException.Kind.CONFIGURATION,
          "no AWS credentials: pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID and"
              + " AWS_SECRET_ACCESS_KEY, or run 'aws sso login'",
          e);
    }
    if (e instanceof SdkClientException && hasIoCause(e)) {
      return new GatewayException(GatewayException.Kind.NETWORK, what + ": " + rootMessage(e), e);
    }
    return new GatewayException(GatewayException.Kind.SERVICE, what + ": " + message, e);
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static WriteResult result(
      Map<String, SuccessfulPackageVersionInfo> ok, Map<String, PackageVersionError> failed) {
    Map<String, Success> s = new LinkedHashMap<>();
    ok.forEach((v, info) -> s.put(v, new Success(info.revision(), info.statusAsString())));
    Map<String, Failure> f = new LinkedHashMap<>();
    failed.forEach((v, err) -> f.put(v, new Failure(err.errorCodeAsString(), err.errorMessage())));
    return new WriteResult(s, f);
  }

  private static PackageVersionStatus wire(VersionStatus s) {
    return s == null ? null : PackageVersionStatus.fromValue(s.wire());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
