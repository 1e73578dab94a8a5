package dev.caprune.codeartifact;

import dev.caprune.codeartifact.CallGuard.Operation;
import dev.caprune.select.Asset;
import dev.caprune.select.Format;
import dev.caprune.select.Origin;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.WriteResult;
import dev.caprune.select.WriteResult.Failure;
import dev.caprune.select.WriteResult.Success;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.AccessDeniedException;
import software.amazon.awssdk.services.codeartifact.model.AssetSummary;
import software.amazon.awssdk.services.codeartifact.model.CodeartifactException;
import software.amazon.awssdk.services.codeartifact.model.ConflictException;
import software.amazon.awssdk.services.codeartifact.model.DeletePackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.DisposePackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.DomainSummary;
import software.amazon.awssdk.services.codeartifact.model.ListDomainsResponse;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionAssetsResponse;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionDependenciesResponse;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsRequest;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.ListPackagesRequest;
import software.amazon.awssdk.services.codeartifact.model.ListPackagesResponse;
import software.amazon.awssdk.services.codeartifact.model.ListRepositoriesInDomainResponse;
import software.amazon.awssdk.services.codeartifact.model.PackageDependency;
import software.amazon.awssdk.services.codeartifact.model.PackageSummary;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionError;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionSortType;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionStatus;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionSummary;
import software.amazon.awssdk.services.codeartifact.model.RepositorySummary;
import software.amazon.awssdk.services.codeartifact.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeartifact.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.codeartifact.model.SuccessfulPackageVersionInfo;
import software.amazon.awssdk.services.codeartifact.model.ThrottlingException;
import software.amazon.awssdk.services.codeartifact.model.UpdatePackageVersionsStatusResponse;
import software.amazon.awssdk.services.codeartifact.model.ValidationException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** {@link CodeArtifactGateway} over the AWS SDK for Java v2. */
final class SdkGateway implements CodeArtifactGateway {
  /** The API's largest page: fewer list calls for the same listing. */
  private static final int PAGE = 1000;

  /**
   * More pages than any listing of the service can have (100 million items at 1,000 a page): a
   * server that keeps sending new tokens is not ending its listing.
   */
  static final int MAX_PAGES = 100_000;

  private final CodeartifactClient client;
  private final SdkHttpClient http;
  private final CallGuard guard;
  private final Duration attemptTimeout;
  private final Duration callTimeout;
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  /** The benchmark's call log ({@code -Dcaprune.callLog}), or null. */
  private final SdkGatewayCalls calls = SdkGatewayCalls.get();

  /** Where the calls go, for the call log's lines. */
  private final Object endpoint;

  SdkGateway(CodeartifactClient client, SdkHttpClient http, CallGuard guard, AwsSettings settings) {
    this.client = client;
    this.http = http;
    this.guard = guard;
    this.attemptTimeout = settings.attemptTimeout();
    this.callTimeout = settings.callTimeout();
    this.endpoint = settings.endpoint() == null ? "aws" : settings.endpoint();
    // A call timeout shorter than the default attempt timeout lowers it (AwsRequest): an attempt
    // cut then ends at the time the user gave, and the message names that option.
    this.attemptTimeoutText =
        attemptTimeout.equals(callTimeout)
            ? "the call timeout of " + human(callTimeout) + " (--call-timeout)"
            : "the attempt timeout of " + human(attemptTimeout) + " (--attempt-timeout)";
  }

  /** What cut an attempt, for messages: the option the user gave, with its time. */
  private final String attemptTimeoutText;

  @Override
  public void abortCalls() {
    if (http instanceof AbortableHttpClient a) {
      a.abortAll();
    }
  }

  @Override
  public String region() {
    Region r = client.serviceClientConfiguration().region();
    return r == null ? null : r.id();
  }

  @Override
  public Optional<String> domainOwner(String domain, String domainOwner) {
    if (domainOwner != null) {
      return Optional.of(domainOwner);
    }
    String seen = owners.get(domain);
    if (seen != null) {
      return Optional.of(seen);
    }
    ListRepositoriesInDomainResponse page =
        read(
            Operation.ListRepositoriesInDomain,
            "finding the account of domain " + domain,
            cfg ->
                client.listRepositoriesInDomain(
                    r -> r.domain(domain).maxResults(1).overrideConfiguration(cfg)));
    return page.repositories().stream()
        .map(RepositorySummary::domainOwner)
        .filter(o -> o != null && !o.isEmpty())
        .findFirst()
        .map(
            o -> {
              owners.putIfAbsent(domain, o);
              return o;
            });
  }

  @Override
  public List<String> listDomains() {
    List<String> names = new ArrayList<>();
    Pages pages = new Pages(Operation.ListDomains, "the account");
    String token = null;
    do {
      String next = token;
      ListDomainsResponse page =
          read(
              Operation.ListDomains,
              "listing domains",
              cfg ->
                  client.listDomains(
                      r -> r.maxResults(PAGE).nextToken(next).overrideConfiguration(cfg)));
      for (DomainSummary d : page.domains()) {
        names.add(d.name());
      }
      token = pages.next(page.nextToken());
    } while (token != null);
    return names;
  }

  @Override
  public List<String> listRepositories(String domain, String domainOwner) {
    List<String> names = new ArrayList<>();
    Pages pages = new Pages(Operation.ListRepositoriesInDomain, "domain " + domain);
    String token = null;
    do {
      String next = token;
      ListRepositoriesInDomainResponse page =
          read(
              Operation.ListRepositoriesInDomain,
              "listing repositories of domain " + domain,
              cfg ->
                  client.listRepositoriesInDomain(
                      r ->
                          r.domain(domain)
                              .domainOwner(domainOwner)
                              .maxResults(PAGE)
                              .nextToken(next)
                              .overrideConfiguration(cfg)));
      for (RepositorySummary r : page.repositories()) {
        names.add(r.name());
        if (domainOwner == null && r.domainOwner() != null && !r.domainOwner().isEmpty()) {
          owners.putIfAbsent(domain, r.domainOwner());
        }
      }
      token = pages.next(page.nextToken());
    } while (token != null);
    return names;
  }

  @Override
  public void listPackages(RepositoryRef repo, PackageQuery query, Consumer<PackageId> sink) {
    Pages pages = new Pages(Operation.ListPackages, repo.toString());
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
              cfg -> client.listPackages(b.overrideConfiguration(cfg).build()));
      for (PackageSummary p : page.packages()) {
        Optional<Format> format = Format.fromWire(p.formatAsString());
        if (format.isEmpty()) {
          continue; // A format newer than this caprune: never touch what we cannot order.
        }
        sink.accept(new PackageId(format.get(), emptyToNull(p.namespace()), p.packageValue()));
      }
      token = pages.next(page.nextToken());
    } while (token != null);
  }

  @Override
  public VersionListing listVersions(
      RepositoryRef repo, PackageId pkg, VersionQuery query, java.util.function.IntConsumer pages) {
    ListedVersions versions = new ListedVersions(listingWhat(repo, pkg), pages);
    listVersionPages(repo, pkg, query, versions);
    return versions.listing();
  }

  /** What a listing of {@code pkg}'s versions is called in its errors. */
  static String listingWhat(RepositoryRef repo, PackageId pkg) {
    return "listing versions of " + pkg.display() + " in " + repo;
  }

  @Override
  public void listVersionPages(
      RepositoryRef repo, PackageId pkg, VersionQuery query, VersionPages sink) {
    String what = listingWhat(repo, pkg);
    Pages paging = new Pages(Operation.ListPackageVersions, pkg.display() + " in " + repo);
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
      // Checked inside the call: a page that is not a well-formed listing is a failed read,
      // retried like a 5xx.
      ListPackageVersionsResponse page =
          read(
              Operation.ListPackageVersions,
              what,
              cfg ->
                  wellFormed(
                      client.listPackageVersions(b.overrideConfiguration(cfg).build()), pkg, what));
      for (var v : page.versions()) {
        Origin origin =
            v.origin() == null
                ? Origin.UNKNOWN
                : Origin.parse(v.origin().originTypeAsString()).orElse(Origin.UNKNOWN);
        sink.version(v.version(), v.revision(), v.statusAsString(), origin);
      }
      int count = page.versions().size();
      String display = page.defaultDisplayVersion();
      String next = page.nextToken();
      page = null; // the SDK's page is not held while this listing waits for memory
      sink.pageEnd(display, count); // memory is charged here, and may be waited for
      token = paging.next(next);
    } while (token != null);
  }

  /**
   * {@code page} if it is a well-formed listing of {@code pkg}: it names the package asked for (as
   * the format compares names: {@link Format#sameName}), carries a {@code versions} array (possibly
   * empty), and each entry has a version and a status. Anything else (an error document with status
   * 200, another package's listing, a page without its versions) is a failed read: believed, it
   * would read as "no version left".
   */
  static ListPackageVersionsResponse wellFormed(
      ListPackageVersionsResponse page, PackageId pkg, String what) {
    if (!pkg.format().wire().equals(page.formatAsString())
        || !Objects.equals(emptyToNull(pkg.namespace()), emptyToNull(page.namespace()))
        || !pkg.format().sameName(pkg.name(), page.packageValue())) {
      throw malformed(
          what,
          "the answer is about "
              + describe(page.formatAsString(), page.namespace(), page.packageValue())
              + ", not the package asked for");
    }
    if (!page.hasVersions()) {
      throw malformed(what, "the answer has no versions list");
    }
    Map<String, PackageVersionSummary> seen = new HashMap<>();
    for (PackageVersionSummary v : page.versions()) {
      if (v == null
          || v.version() == null
          || v.version().isEmpty()
          || v.statusAsString() == null
          || v.statusAsString().isEmpty()) {
        throw malformed(what, "the answer lists a version without its name or status");
      }
      PackageVersionSummary before = seen.putIfAbsent(v.version(), v);
      if (before != null && !sameEntry(before, v)) {
        throw malformed(what, "version " + v.version() + " is listed twice, differently");
      }
    }
    return page;
  }

  private static boolean sameEntry(PackageVersionSummary a, PackageVersionSummary b) {
    return a.statusAsString().equals(b.statusAsString())
        && Objects.equals(a.revision(), b.revision());
  }

  private static String describe(String format, String namespace, String name) {
    return (format == null ? "no format" : format)
        + " "
        + (namespace == null || namespace.isEmpty() ? "" : namespace + "/")
        + (name == null ? "no package" : name);
  }

  static GatewayException malformed(String what, String why) {
    return new GatewayException(
        GatewayException.Kind.SERVICE,
        what + ": not a well-formed listing (" + why + "); nothing is concluded from it",
        null);
  }

  @Override
  public Optional<Instant> publishedTime(RepositoryRef repo, PackageId pkg, String version) {
    var response =
        read(
            Operation.DescribePackageVersion,
            "describing " + pkg.display() + " " + version,
            cfg ->
                client.describePackageVersion(
                    r ->
                        r.domain(repo.domain())
                            .domainOwner(repo.domainOwner())
                            .repository(repo.repository())
                            .format(pkg.format().wire())
                            .namespace(pkg.namespace())
                            .packageValue(pkg.name())
                            .packageVersion(version)
                            .overrideConfiguration(cfg)));
    return Optional.ofNullable(response.packageVersion().publishedTime());
  }

  @Override
  public List<Asset> assets(RepositoryRef repo, PackageId pkg, String version) {
    List<Asset> assets = new ArrayList<>();
    String what = pkg.display() + " " + version + " in " + repo;
    Pages pages = new Pages(Operation.ListPackageVersionAssets, what);
    String token = null;
    do {
      String next = token;
      ListPackageVersionAssetsResponse page =
          read(
              Operation.ListPackageVersionAssets,
              "listing the files of " + what,
              cfg ->
                  client.listPackageVersionAssets(
                      r ->
                          r.domain(repo.domain())
                              .domainOwner(repo.domainOwner())
                              .repository(repo.repository())
                              .format(pkg.format().wire())
                              .namespace(pkg.namespace())
                              .packageValue(pkg.name())
                              .packageVersion(version)
                              .maxResults(PAGE)
                              .nextToken(next)
                              .overrideConfiguration(cfg)));
      for (AssetSummary a : page.assets()) {
        if (a == null) {
          continue;
        }
        Long size = a.size() == null || a.size() < 0 ? null : a.size();
        assets.add(new Asset(a.name(), size, a.hasHashes() ? a.hashesAsStrings() : Map.of()));
      }
      token = pages.next(page.nextToken());
    } while (token != null);
    return assets;
  }

  @Override
  public List<dev.caprune.select.Dependency> dependencies(
      RepositoryRef repo, PackageId pkg, String version) {
    List<dev.caprune.select.Dependency> dependencies = new ArrayList<>();
    String what = "listing the dependencies of " + pkg.display() + " " + version + " in " + repo;
    Pages pages =
        new Pages(
            Operation.ListPackageVersionDependencies,
            pkg.display() + " " + version + " in " + repo);
    String token = null;
    do {
      String next = token;
      // Checked inside the call: a page that is not a well-formed listing is a failed read,
      // retried like a 5xx; believed, it would read as "needs nothing".
      ListPackageVersionDependenciesResponse page =
          read(
              Operation.ListPackageVersionDependencies,
              what,
              cfg ->
                  wellFormed(
                      client.listPackageVersionDependencies(
                          r ->
                              r.domain(repo.domain())
                                  .domainOwner(repo.domainOwner())
                                  .repository(repo.repository())
                                  .format(pkg.format().wire())
                                  .namespace(pkg.namespace())
                                  .packageValue(pkg.name())
                                  .packageVersion(version)
                                  .nextToken(next)
                                  .overrideConfiguration(cfg)),
                      pkg,
                      version,
                      what));
      for (PackageDependency d : page.dependencies()) {
        dependencies.add(
            new dev.caprune.select.Dependency(
                emptyToNull(d.namespace()),
                d.packageValue(),
                emptyToNull(d.dependencyType()),
                d.versionRequirement()));
      }
      token = pages.next(page.nextToken());
    } while (token != null);
    return dependencies;
  }

  /**
   * {@code page} if it is a well-formed answer about {@code pkg} {@code version}: it names the
   * package and version asked for, carries a {@code dependencies} array (possibly empty), and each
   * entry names a package. Anything else is a failed read: believed, it would read as "this version
   * needs nothing", and what it needs could be deleted.
   */
  static ListPackageVersionDependenciesResponse wellFormed(
      ListPackageVersionDependenciesResponse page, PackageId pkg, String version, String what) {
    if (!pkg.format().wire().equals(page.formatAsString())
        || !Objects.equals(emptyToNull(pkg.namespace()), emptyToNull(page.namespace()))
        || !pkg.format().sameName(pkg.name(), page.packageValue())
        || !version.equals(page.version())) {
      throw malformed(
          what,
          "the answer is about "
              + describe(page.formatAsString(), page.namespace(), page.packageValue())
              + " "
              + (page.version() == null ? "no version" : page.version())
              + ", not the version asked for");
    }
    if (!page.hasDependencies()) {
      throw malformed(what, "the answer has no dependencies list");
    }
    for (PackageDependency d : page.dependencies()) {
      if (d == null || d.packageValue() == null || d.packageValue().isEmpty()) {
        throw malformed(what, "the answer lists a dependency without its package");
      }
    }
    return page;
  }

  @Override
  public void deletePackage(RepositoryRef repo, PackageId pkg) {
    write(
        Operation.DeletePackage,
        "deleting package " + pkg.display() + " in " + repo,
        cfg ->
            client.deletePackage(
                b ->
                    b.domain(repo.domain())
                        .domainOwner(repo.domainOwner())
                        .repository(repo.repository())
                        .format(pkg.format().wire())
                        .namespace(pkg.namespace())
                        .packageValue(pkg.name())
                        .overrideConfiguration(cfg)));
  }

  @Override
  public WriteResult deleteVersions(
      RepositoryRef repo, PackageId pkg, List<String> versions, VersionStatus expectedStatus) {
    DeletePackageVersionsResponse r =
        write(
            Operation.DeletePackageVersions,
            "deleting versions of " + pkg.display(),
            cfg ->
                client.deletePackageVersions(
                    b ->
                        b.domain(repo.domain())
                            .domainOwner(repo.domainOwner())
                            .repository(repo.repository())
                            .format(pkg.format().wire())
                            .namespace(pkg.namespace())
                            .packageValue(pkg.name())
                            .versions(versions)
                            .expectedStatus(wire(expectedStatus))
                            .overrideConfiguration(cfg)));
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
            cfg ->
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
                            .targetStatus(wire(targetStatus))
                            .overrideConfiguration(cfg)));
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
            cfg ->
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
                            .expectedStatus(wire(expectedStatus))
                            .overrideConfiguration(cfg)));
    return result(r.successfulVersions(), r.failedVersions());
  }

  @Override
  public void close() {
    long start = calls == null ? 0 : SdkGatewayCalls.now();
    // A provider given to the builder is not the client's to close: an assumed role's STS client.
    if (client.serviceClientConfiguration().credentialsProvider()
        instanceof SdkAutoCloseable credentials) {
      credentials.close();
    }
    client.close();
    http.close();
    if (calls != null) {
      calls.record(start, "close", "ok", endpoint);
      calls.flush();
    }
  }

  private <T> T read(Operation op, String what, Function<AwsRequestOverrideConfiguration, T> call) {
    Deadline deadline = new Deadline();
    return guard.call(
        op,
        () -> {
          AwsRequestOverrideConfiguration cfg = deadline.attempt(op, what);
          long start = calls == null ? 0 : SdkGatewayCalls.now();
          try {
            T result = call.apply(cfg);
            if (calls != null) {
              calls.record(start, op, "ok", endpoint);
            }
            return result;
          } catch (SdkException e) {
            GatewayException g = translate(e, what, attemptTimeoutText);
            if (calls != null) {
              calls.record(start, op, g.kind().name(), endpoint);
            }
            throw g;
          }
        });
  }

  private <T> T write(
      Operation op, String what, Function<AwsRequestOverrideConfiguration, T> call) {
    Deadline deadline = new Deadline();
    return guard.call(
        op,
        () -> {
          AwsRequestOverrideConfiguration cfg = deadline.attempt(op, what);
          if (calls == null) {
            return translatedWrite(op, what, call, cfg, attemptTimeoutText);
          }
          long start = SdkGatewayCalls.now();
          try {
            T result = translatedWrite(op, what, call, cfg, attemptTimeoutText);
            calls.record(start, op, "ok", endpoint);
            return result;
          } catch (GatewayException e) {
            calls.record(start, op, e.kind().name(), endpoint);
            throw e;
          }
        });
  }

  /**
   * The call's deadline, counted from its first attempt: each attempt gets the attempt timeout or
   * what is left of the call's, whichever is shorter; none starts once the call's time is up.
   */
  private final class Deadline {
    private long start = -1;

    AwsRequestOverrideConfiguration attempt(Operation op, String what) {
      long now = System.nanoTime();
      if (start < 0) {
        start = now;
      }
      Duration left = callTimeout.minusNanos(now - start);
      if (left.toMillis() < 1) {
        throw new GatewayException(
            GatewayException.Kind.TIMEOUT,
            what
                + ": "
                + op
                + " got no answer within the call timeout of "
                + human(callTimeout)
                + " (--call-timeout)",
            null);
      }
      Duration attempt = left.compareTo(attemptTimeout) < 0 ? left : attemptTimeout;
      return AwsRequestOverrideConfiguration.builder()
          .apiCallAttemptTimeout(attempt)
          .apiCallTimeout(left)
          .build();
    }
  }

  /** Stops a listing whose server repeats a page token or never stops sending new ones. */
  static final class Pages {
    private final Operation op;
    private final String what;
    private final Set<UUID> seen = new HashSet<>();
    private int count;

    Pages(Operation op, String what) {
      this.op = op;
      this.what = what;
    }

    /** {@code token} if the listing goes on with it, null at its end. */
    String next(String token) {
      count++;
      if (token == null || token.isEmpty()) {
        return null;
      }
      // A 128-bit digest stands for each token: a hostile server's long tokens cost no memory.
      if (!seen.add(UUID.nameUUIDFromBytes(token.getBytes(StandardCharsets.UTF_8)))) {
        throw new GatewayException(
            GatewayException.Kind.SERVICE,
            op
                + " for "
                + what
                + " returned a nextToken it had already returned (page "
                + count
                + "): the listing would never end",
            null);
      }
      if (count >= MAX_PAGES) {
        throw new GatewayException(
            GatewayException.Kind.SERVICE,
            op
                + " for "
                + what
                + " went on past "
                + MAX_PAGES
                + " pages, more than the service can have: the listing would never end",
            null);
      }
      return token;
    }
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }

  private static <T> T translatedWrite(
      Operation op,
      String what,
      Function<AwsRequestOverrideConfiguration, T> call,
      AwsRequestOverrideConfiguration cfg,
      String attemptTimeoutText) {
    try {
      return call.apply(cfg);
    } catch (SdkClientException e) {
      GatewayException g = translate(e, what, attemptTimeoutText);
      if ((g.kind() == GatewayException.Kind.NETWORK && !neverSent(e))
          // A request without a body (DeletePackage) is sent again by the JDK, unasked, on a new
          // connection when the first closes without an answer: the refused handshake may be
          // that second sending's, after the first reached the service.
          || (g.kind() == GatewayException.Kind.UNTRUSTED && op == Operation.DeletePackage)) {
        // The request may have reached the service and taken effect before the answer was lost.
        throw new GatewayException(GatewayException.Kind.UNKNOWN_OUTCOME, g.getMessage(), e, null);
      }
      throw g;
    } catch (SdkException e) {
      throw translate(e, what, attemptTimeoutText);
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

  /**
   * A TLS handshake that caprune's trust check refused: the server's certificate, not the network.
   * The check runs before the handshake's last message, and a request is only written once the
   * handshake is complete, so nothing was sent on that connection: a write with a body (sent in
   * fixed-length streaming mode, which the JDK never sends twice) refused this way did not take
   * effect.
   */
  static boolean untrustedCertificate(Throwable e) {
    boolean handshake = false;
    boolean certificate = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      handshake |= t instanceof SSLHandshakeException;
      certificate |=
          t instanceof CertificateException
              || t instanceof CertPathValidatorException
              || t instanceof CertPathBuilderException;
    }
    return handshake && certificate;
  }

  /** The SDK's exceptions in caprune's terms, with a message that says what to do. */
  static GatewayException translate(SdkException e, String what) {
    return translate(e, what, "the attempt timeout (--attempt-timeout)");
  }

  /**
   * @param attemptTimeoutText what cuts an attempt, as the user set it: {@code the call timeout of
   *     2 s (--call-timeout)}
   */
  static GatewayException translate(SdkException e, String what, String attemptTimeoutText) {
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
    if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
      // The server took too long (a slow or silent reply): retried as a network failure; a write
      // may have taken effect (see translatedWrite).
      return new GatewayException(
          GatewayException.Kind.NETWORK,
          what + ": no complete answer within " + attemptTimeoutText,
          e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AssumedRole.Refused refused) {
        // Denied (a wrong role or external id, a trust policy that leaves the caller out) is access
        // denied; a request STS finds malformed is the set-up to fix.
        return new GatewayException(
            refused.status == 403
                ? GatewayException.Kind.ACCESS_DENIED
                : GatewayException.Kind.CONFIGURATION,
            refused.getMessage(),
            e);
      }
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.startsWith(BoundedCredentials.UNTRUSTED)) {
      return new GatewayException(GatewayException.Kind.UNTRUSTED, message, e);
    }
    if (message.startsWith(BoundedCredentials.TIMED_OUT)) {
      return new GatewayException(GatewayException.Kind.CONFIGURATION, message, e);
    }
    if (message.contains("Unable to load region")) {
      return new GatewayException(
          GatewayException.Kind.CONFIGURATION,
          "no AWS region: pass --region, set AWS_REGION or AWS_DEFAULT_REGION, or set a region in"
              + " your AWS profile",
          e);
    }
    if (message.contains("Unable to load credentials")) {
      return new GatewayException(
          GatewayException.Kind.CONFIGURATION,
          "no AWS credentials: pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID and"
              + " AWS_SECRET_ACCESS_KEY, or run 'aws sso login'",
          e);
    }
    if (e instanceof SdkClientException && untrustedCertificate(e)) {
      return new GatewayException(
          GatewayException.Kind.UNTRUSTED,
          what
              + ": the server's TLS certificate is not trusted ("
              + rootMessage(e)
              + "); behind a proxy, or for an endpoint whose certificate comes from a private"
              + " authority, name that authority's certificate (PEM) with AWS_CA_BUNDLE or the"
              + " profile's ca_bundle",
          e);
    }
    if (e instanceof SdkClientException && unreadableAnswer(e)) {
      // The service answered, but not in its own format (wrong JSON types, truncated JSON): a
      // service failure, not a network one; a write's outcome is unknown (the executor re-lists).
      return new GatewayException(
          GatewayException.Kind.SERVICE,
          what + ": the answer could not be read (" + rootMessage(e) + ")",
          e);
    }
    if (e instanceof SdkClientException && hasIoCause(e)) {
      return new GatewayException(GatewayException.Kind.NETWORK, what + ": " + rootMessage(e), e);
    }
    return new GatewayException(GatewayException.Kind.SERVICE, what + ": " + message, e);
  }

  private static boolean unreadableAnswer(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getName().endsWith(".JsonProcessingException")
          || t.getClass().getName().endsWith(".JsonParseException")
          || t.getClass().getName().endsWith(".JsonMappingException")) {
        return true;
      }
    }
    return e.getMessage() != null && e.getMessage().startsWith("Unable to unmarshall response");
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static WriteResult result(
      Map<String, SuccessfulPackageVersionInfo> ok, Map<String, PackageVersionError> failed) {
    // An entry whose value is null ({"1.0.0": null}) is kept, without details: the executor
    // decides what the service meant.
    Map<String, Success> s = new LinkedHashMap<>();
    ok.forEach(
        (v, info) ->
            s.put(
                v,
                info == null
                    ? new Success(null, null)
                    : new Success(info.revision(), info.statusAsString())));
    Map<String, Failure> f = new LinkedHashMap<>();
    failed.forEach(
        (v, err) ->
            f.put(
                v,
                err == null
                    ? new Failure(null, null)
                    : new Failure(err.errorCodeAsString(), err.errorMessage())));
    return new WriteResult(s, f);
  }

  private static PackageVersionStatus wire(VersionStatus s) {
    return s == null ? null : PackageVersionStatus.fromValue(s.wire());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
