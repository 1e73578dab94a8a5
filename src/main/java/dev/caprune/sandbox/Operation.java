package dev.caprune.sandbox;

import java.util.Map;

/** The CodeArtifact operations the sandbox serves, each on its method and path. */
enum Operation {
  LIST_DOMAINS("ListDomains", "POST", "/v1/domains", false),
  LIST_REPOSITORIES_IN_DOMAIN("ListRepositoriesInDomain", "POST", "/v1/domain/repositories", false),
  LIST_PACKAGES("ListPackages", "POST", "/v1/packages", false),
  LIST_PACKAGE_VERSIONS("ListPackageVersions", "POST", "/v1/package/versions", false),
  DESCRIBE_PACKAGE_VERSION("DescribePackageVersion", "GET", "/v1/package/version", false),
  LIST_PACKAGE_VERSION_ASSETS(
      "ListPackageVersionAssets", "POST", "/v1/package/version/assets", false),
  LIST_PACKAGE_VERSION_DEPENDENCIES(
      "ListPackageVersionDependencies", "POST", "/v1/package/version/dependencies", false),
  DELETE_PACKAGE_VERSIONS("DeletePackageVersions", "POST", "/v1/package/versions/delete", true),
  UPDATE_PACKAGE_VERSIONS_STATUS(
      "UpdatePackageVersionsStatus", "POST", "/v1/package/versions/update_status", true),
  DISPOSE_PACKAGE_VERSIONS("DisposePackageVersions", "POST", "/v1/package/versions/dispose", true),
  DELETE_PACKAGE("DeletePackage", "DELETE", "/v1/package", true),
  PUBLISH_PACKAGE_VERSION("PublishPackageVersion", "POST", "/v1/package/version/publish", true);

  final String awsName;
  final String method;
  final String path;
  final boolean write;

  Operation(String awsName, String method, String path, boolean write) {
    this.awsName = awsName;
    this.method = method;
    this.path = path;
    this.write = write;
  }

  /** A bulk write of versions: the calls --conflict-rate answers 409. */
  boolean versionWrite() {
    return this == DELETE_PACKAGE_VERSIONS || statusChange();
  }

  /** A status change (update or dispose): the calls --partial-rate applies only in part. */
  boolean statusChange() {
    return this == UPDATE_PACKAGE_VERSIONS_STATUS || this == DISPOSE_PACKAGE_VERSIONS;
  }

  /** The other operations of the service model, by "METHOD path": known to AWS, not served here. */
  private static final Map<String, String> NOT_SERVED =
      Map.ofEntries(
          Map.entry("POST /v1/repository/external-connection", "AssociateExternalConnection"),
          Map.entry("POST /v1/package/versions/copy", "CopyPackageVersions"),
          Map.entry("POST /v1/domain", "CreateDomain"),
          Map.entry("POST /v1/package-group", "CreatePackageGroup"),
          Map.entry("POST /v1/repository", "CreateRepository"),
          Map.entry("DELETE /v1/domain", "DeleteDomain"),
          Map.entry("DELETE /v1/domain/permissions/policy", "DeleteDomainPermissionsPolicy"),
          Map.entry("DELETE /v1/package-group", "DeletePackageGroup"),
          Map.entry("DELETE /v1/repository", "DeleteRepository"),
          Map.entry(
              "DELETE /v1/repository/permissions/policies", "DeleteRepositoryPermissionsPolicy"),
          Map.entry("GET /v1/domain", "DescribeDomain"),
          Map.entry("GET /v1/package", "DescribePackage"),
          Map.entry("GET /v1/package-group", "DescribePackageGroup"),
          Map.entry("GET /v1/repository", "DescribeRepository"),
          Map.entry("DELETE /v1/repository/external-connection", "DisassociateExternalConnection"),
          Map.entry("GET /v1/get-associated-package-group", "GetAssociatedPackageGroup"),
          Map.entry("POST /v1/authorization-token", "GetAuthorizationToken"),
          Map.entry("GET /v1/domain/permissions/policy", "GetDomainPermissionsPolicy"),
          Map.entry("GET /v1/package/version/asset", "GetPackageVersionAsset"),
          Map.entry("GET /v1/package/version/readme", "GetPackageVersionReadme"),
          Map.entry("GET /v1/repository/endpoint", "GetRepositoryEndpoint"),
          Map.entry("GET /v1/repository/permissions/policy", "GetRepositoryPermissionsPolicy"),
          Map.entry(
              "GET /v1/package-group-allowed-repositories", "ListAllowedRepositoriesForGroup"),
          Map.entry("GET /v1/list-associated-packages", "ListAssociatedPackages"),
          Map.entry("POST /v1/package-groups", "ListPackageGroups"),
          Map.entry("POST /v1/repositories", "ListRepositories"),
          Map.entry("POST /v1/package-groups/sub-groups", "ListSubPackageGroups"),
          Map.entry("POST /v1/tags", "ListTagsForResource"),
          Map.entry("PUT /v1/domain/permissions/policy", "PutDomainPermissionsPolicy"),
          Map.entry("POST /v1/package", "PutPackageOriginConfiguration"),
          Map.entry("PUT /v1/repository/permissions/policy", "PutRepositoryPermissionsPolicy"),
          Map.entry("POST /v1/tag", "TagResource"),
          Map.entry("POST /v1/untag", "UntagResource"),
          Map.entry("PUT /v1/package-group", "UpdatePackageGroup"),
          Map.entry(
              "PUT /v1/package-group-origin-configuration",
              "UpdatePackageGroupOriginConfiguration"),
          Map.entry("PUT /v1/repository", "UpdateRepository"));

  /** The served operation on {@code method} + {@code path}, or null. */
  static Operation route(String method, String path) {
    for (Operation op : values()) {
      if (op.method.equals(method) && op.path.equals(path)) {
        return op;
      }
    }
    return null;
  }

  /** The name of a model operation the sandbox does not serve, or null for an unknown route. */
  static String notServed(String method, String path) {
    return NOT_SERVED.get(method + " " + path);
  }
}
