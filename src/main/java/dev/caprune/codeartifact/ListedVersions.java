package dev.caprune.codeartifact;

import dev.caprune.codeartifact.CodeArtifactGateway.VersionListing;
import dev.caprune.select.Origin;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A listing's versions in the order listed, each once, found by version string: what a map from
 * version to summary did, at 8 to 16 bytes a version (an open-addressing table of indices into the
 * list, the strings' own cached hashes) instead of a map entry's 40 or so, while a huge package is
 * listed. A version listed twice (on two pages) is believed only when both entries say the same;
 * otherwise the listing is not well formed. Not thread-safe.
 */
public final class ListedVersions implements CodeArtifactGateway.VersionPages {
  private final String what;
  private final IntConsumer pages;
  private final List<VersionSummary> listed = new ArrayList<>();

  /** Versions listed with a status this caprune does not know, version to status as listed. */
  private final Map<String, String> unknown = new LinkedHashMap<>();

  private String defaultDisplay;

  /** Index + 1 into {@link #listed}; 0 for an empty slot. Never more than half full. */
  private int[] slots = new int[16];

  /**
   * @param what the listing as its errors name it ({@code listing versions of P in R})
   * @param pages told how many entries each page held, once it is read
   */
  public ListedVersions(String what, IntConsumer pages) {
    this.what = what;
    this.pages = pages;
  }

  /** What a listing of {@code pkg}'s versions in {@code repo} is called in its errors. */
  public static String what(
      dev.caprune.select.RepositoryRef repo, dev.caprune.select.PackageId pkg) {
    return SdkGateway.listingWhat(repo, pkg);
  }

  /** The error of a listing that names {@code version} twice, differently. */
  public static GatewayException listedTwice(String what, String version) {
    return SdkGateway.malformed(what, "version " + version + " is listed twice, differently");
  }

  @Override
  public void version(String version, String revision, String wireStatus, Origin origin) {
    Optional<VersionStatus> status = VersionStatus.parse(wireStatus);
    VersionSummary seen = get(version);
    String seenUnknown = unknown.get(version);
    if (seen != null || seenUnknown != null) {
      // Listed twice (on two pages: a page's own repeats are checked with the page): believed
      // only when both entries say the same.
      boolean same =
          seen != null
              ? status.isPresent()
                  && seen.status() == status.get()
                  && Objects.equals(seen.revision(), revision)
              : wireStatus.equals(seenUnknown);
      if (!same) {
        throw listedTwice(what, version);
      }
      return;
    }
    if (status.isEmpty()) {
      // A status newer than this caprune: never selected, but there (never read as gone).
      unknown.put(version, wireStatus);
      return;
    }
    add(new VersionSummary(version, revision, status.get(), origin));
  }

  @Override
  public void pageEnd(String defaultDisplayVersion, int count) {
    if (defaultDisplay == null) {
      defaultDisplay = defaultDisplayVersion;
    }
    pages.accept(count);
  }

  /** The listing so far. */
  public VersionListing listing() {
    return new VersionListing(defaultDisplay, listed, unknown);
  }

  /** The first page's {@code defaultDisplayVersion} that named one, or null. */
  public String defaultDisplayVersion() {
    return defaultDisplay;
  }

  /** The versions of a known status, in the order first listed (held, not copied). */
  public List<VersionSummary> inOrder() {
    return listed;
  }

  /** The versions listed with a status this caprune does not know (held, not copied). */
  public Map<String, String> unknown() {
    return unknown;
  }

  /** The version listed as {@code version}, or null. */
  VersionSummary get(String version) {
    int mask = slots.length - 1;
    for (int i = spread(version.hashCode()) & mask; slots[i] != 0; i = (i + 1) & mask) {
      VersionSummary v = listed.get(slots[i] - 1);
      if (v.version().equals(version)) {
        return v;
      }
    }
    return null;
  }

  /** Adds a version not listed yet ({@link #get} returned null for it). */
  void add(VersionSummary v) {
    listed.add(v);
    if (2L * listed.size() > slots.length) {
      slots = new int[slots.length * 2];
      for (int k = 0; k < listed.size(); k++) {
        place(k);
      }
    } else {
      place(listed.size() - 1);
    }
  }

  private void place(int index) {
    int mask = slots.length - 1;
    int i = spread(listed.get(index).version().hashCode()) & mask;
    while (slots[i] != 0) {
      i = (i + 1) & mask;
    }
    slots[i] = index + 1;
  }

  /** Mixes the high bits in, as HashMap does, so that similar versions spread over the table. */
  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
