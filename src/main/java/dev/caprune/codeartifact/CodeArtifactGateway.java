package dev.caprune.codeartifact;

import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.WriteResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * CodeArtifact in caprune's own types. Every method may throw {@link GatewayException}; nothing
 * from the AWS SDK crosses this interface.
 */
public interface CodeArtifactGateway extends AutoCloseable {

  /** The region the calls go to and are signed for, as resolved (option, environment, profile). */
  String region();

  /**
   * The account that owns {@code domain}: {@code domainOwner} if given (no call), else the owner a
   * listing of the domain's repositories showed, else one ListRepositoriesInDomain call for a
   * single repository. Empty if the domain has no repository to tell.
   */
  Optional<String> domainOwner(String domain, String domainOwner);

  /**
   * The names of the domains the caller's account owns, all pages (for "did you mean" when a domain
   * is not found).
   */
  List<String> listDomains();

  /** The repository names of a domain, all pages. */
  List<String> listRepositories(String domain, String domainOwner);

  /** Every package that matches the server-side filters, page by page, to {@code sink}. */
  void listPackages(RepositoryRef repo, PackageQuery query, Consumer<PackageId> sink);

  /** Every version of one package that matches the server-side filters, all pages. */
  default VersionListing listVersions(RepositoryRef repo, PackageId pkg, VersionQuery query) {
    return listVersions(repo, pkg, query, n -> {});
  }

  /**
   * {@link #listVersions(RepositoryRef, PackageId, VersionQuery)}, telling {@code pages} how many
   * versions each page brought as soon as it is read (before the next page is asked for).
   */
  VersionListing listVersions(
      RepositoryRef repo, PackageId pkg, VersionQuery query, java.util.function.IntConsumer pages);

  /**
   * Every version of one package that matches the server-side filters, page by page as listed
   * (repeats included, nothing checked across pages), to {@code sink}: what a listing too large for
   * the heap is written from.
   */
  void listVersionPages(RepositoryRef repo, PackageId pkg, VersionQuery query, VersionPages sink);

  /** Where a listing's entries go as they are read. */
  interface VersionPages {
    /**
     * One entry of a page, as listed.
     *
     * @param status the status as the API spelt it (possibly one this caprune does not know)
     */
    void version(String version, String revision, String status, dev.caprune.select.Origin origin);

    /**
     * A page is read (before the next one is asked for): its {@code defaultDisplayVersion} (or
     * null), and how many entries it held. It may wait here (for memory).
     */
    void pageEnd(String defaultDisplayVersion, int count);
  }

  /** The publish time of one version (one DescribePackageVersion call); empty if unknown. */
  Optional<Instant> publishedTime(RepositoryRef repo, PackageId pkg, String version);

  /**
   * Every file of one version (ListPackageVersionAssets, all pages), in the order listed: one call
   * per version, more for a version with more files than a page holds.
   */
  List<dev.caprune.select.Asset> assets(RepositoryRef repo, PackageId pkg, String version);

  /**
   * Every direct dependency of one version (ListPackageVersionDependencies, all pages), in the
   * order listed, from well-formed answers only (the gateway fails a read that is not one).
   */
  List<dev.caprune.select.Dependency> dependencies(
      RepositoryRef repo, PackageId pkg, String version);

  /**
   * One DeletePackage call: the package and every version it still has, whatever their status.
   * Irreversible; the API takes no guard (no expected status), so a caller checks first.
   */
  void deletePackage(RepositoryRef repo, PackageId pkg);

  /** One DeletePackageVersions call: at most 100 versions of one package. */
  WriteResult deleteVersions(
      RepositoryRef repo, PackageId pkg, List<String> versions, VersionStatus expectedStatus);

  /** One UpdatePackageVersionsStatus call, revision-pinned where {@code revisions} names one. */
  WriteResult updateStatus(
      RepositoryRef repo,
      PackageId pkg,
      List<String> versions,
      Map<String, String> revisions,
      VersionStatus expectedStatus,
      VersionStatus targetStatus);

  /** One DisposePackageVersions call, revision-pinned where {@code revisions} names one. */
  WriteResult dispose(
      RepositoryRef repo,
      PackageId pkg,
      List<String> versions,
      Map<String, String> revisions,
      VersionStatus expectedStatus);

  /**
   * Ends every call in flight now, closing its connection, and fails every later one: for a stop
   * that cannot wait for the attempt timeout (SIGTERM). A read so ended fails as a network failure;
   * a write's outcome is unknown. Safe from any thread, e.g. a signal handler.
   */
  void abortCalls();

  @Override
  void close();

  /**
   * Server-side filters of ListPackages; null means "no filter".
   *
   * @param format only this format
   * @param namespacePrefix namespaces starting with this
   * @param packagePrefix package names starting with this
   */
  record PackageQuery(
      dev.caprune.select.Format format, String namespacePrefix, String packagePrefix) {}

  /**
   * Server-side filters of ListPackageVersions; null means "no filter".
   *
   * @param status only versions with this status
   * @param origin only versions of this origin type
   * @param byPublishedTime sort newest first by publish time
   */
  record VersionQuery(
      VersionStatus status, dev.caprune.select.Origin origin, boolean byPublishedTime) {}

  /**
   * One package's versions, from a well-formed listing (the gateway fails a read that is not one).
   *
   * @param defaultDisplayVersion what {@code latest} resolves to, or null
   * @param versions in the order the API returned them, each once
   * @param unknown versions listed with a status this caprune does not know (one the service added
   *     later), version to status as listed: left out of {@code versions}, never selected, but
   *     there (never read as gone)
   */
  record VersionListing(
      String defaultDisplayVersion,
      List<dev.caprune.select.VersionSummary> versions,
      Map<String, String> unknown) {
    public VersionListing {
      versions = List.copyOf(versions);
      unknown = Map.copyOf(unknown);
    }

    public VersionListing(
        String defaultDisplayVersion, List<dev.caprune.select.VersionSummary> versions) {
      this(defaultDisplayVersion, versions, Map.of());
    }

    /** How many versions are of a status this caprune does not know. */
    public int unknownStatuses() {
      return unknown.size();
    }
  }
}
