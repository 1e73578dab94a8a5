package dev.caprune.codeartifact;

import java.util.function.Supplier;

/**
 * Wraps every HTTP call the gateway makes (each page of a listing, each write), so that rate
 * limits, retries and counting live in one place outside the SDK. The supplier throws {@link
 * GatewayException}, already translated.
 */
@FunctionalInterface
public interface CallGuard {
  <T> T call(Operation operation, Supplier<T> call);

  /** Calls straight through: no limit, no retry. */
  CallGuard DIRECT =
      new CallGuard() {
        @Override
        public <T> T call(Operation operation, Supplier<T> call) {
          return call.get();
        }
      };

  /** The CodeArtifact operations caprune calls, by their API names. */
  enum Operation {
    ListDomains(false),
    ListRepositoriesInDomain(false),
    ListPackages(false),
    ListPackageVersions(false),
    DescribePackageVersion(false),
    ListPackageVersionAssets(false),
    ListPackageVersionDependencies(false),
    DeletePackageVersions(true),
    UpdatePackageVersionsStatus(true),
    DisposePackageVersions(true),
    DeletePackage(true);

    private final boolean write;

    Operation(boolean write) {
      this.write = write;
    }

    /** Whether the call changes anything (and so counts against the write quota). */
    public boolean write() {
      return write;
    }
  }
}
