package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Inventory;
import dev.caprune.select.Asset;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --sizes}: lists the files of selected versions (one ListPackageVersionAssets call per
 * version, more for a version with more than 1,000 files), many at once on a pool of its own, each
 * call through the run's guard (its own limiter at the operation's 200/s quota, retries).
 *
 * <p>A version whose files cannot be listed is left unsized, never a failed run: gone meanwhile
 * (not found), or a call that failed after its retries (with a warning). Only a failure that makes
 * every call pointless (access denied, no credentials) ends the run.
 */
public final class Sizes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sizes.class);

  private final Inventory inventory;
  private final Workers workers;
  private final Progress progress;
  private final double pricePerGbMonth;

  /**
   * @param concurrency calls at once (the run's {@code --concurrency})
   * @param pricePerGbMonth USD per GiB-month, for the estimated saving
   */
  public Sizes(
      CodeArtifactGateway gateway,
      int concurrency,
      Stop stop,
      Progress progress,
      double pricePerGbMonth) {
    this.inventory = new Inventory(gateway);
    this.workers = new Workers(concurrency, stop);
    this.progress = progress;
    this.pricePerGbMonth = pricePerGbMonth;
  }

  public double pricePerGbMonth() {
    return pricePerGbMonth;
  }

  /** Lists the files of every version the entry selected, into the entry. */
  public void size(Ledger.Entry entry) {
    List<String> versions = entry.selected().stream().map(v -> v.version()).toList();
    lookUp(entry.repository(), entry.pkg(), versions).forEach(entry::sized);
  }

  /** One version to size. */
  public record Request(RepositoryRef repository, PackageId pkg, String version) {}

  /**
   * The files of each version that could be listed, in the given order (unlisted ones absent).
   *
   * @throws GatewayException when no call can succeed (access denied, no credentials)
   * @throws Stop.StoppedException after a stop
   */
  public Map<String, List<Asset>> lookUp(RepositoryRef repo, PackageId pkg, List<String> versions) {
    Map<Request, List<Asset>> found =
        lookUp(versions.stream().map(v -> new Request(repo, pkg, v)).toList());
    Map<String, List<Asset>> out = new LinkedHashMap<>();
    found.forEach((r, files) -> out.put(r.version(), files));
    return out;
  }

  /** The files of every selected version of these selections (a listing's {@code --sizes}). */
  public Map<Request, List<Asset>> lookUpSelected(
      List<dev.caprune.select.PackageSelection> selections) {
    List<Request> wanted = new java.util.ArrayList<>();
    for (var sel : selections) {
      for (var d : sel.decisions()) {
        if (d.selected()) {
          wanted.add(new Request(sel.repository(), sel.pkg(), d.version().version()));
        }
      }
    }
    return lookUp(wanted);
  }

  /**
   * The files of every version a listing shows (the selected ones and the protected ones it lists;
   * with {@code explain} every version), so that each row has its size and the total adds them up.
   */
  public Map<Request, List<Asset>> lookUpListed(
      List<dev.caprune.select.PackageSelection> selections, boolean explain) {
    List<Request> wanted = new java.util.ArrayList<>();
    for (var sel : selections) {
      for (var d : sel.decisions()) {
        if (explain || d.listed()) {
          wanted.add(new Request(sel.repository(), sel.pkg(), d.version().version()));
        }
      }
    }
    return lookUp(wanted);
  }

  /** The files of many versions of many packages, all on the pool at once. */
  public Map<Request, List<Asset>> lookUp(List<Request> requests) {
    progress.sizesWanted(requests.size());
    List<List<Asset>> found =
        workers.map(
            requests,
            r -> {
              try {
                return inventory.files(r.repository(), r.pkg(), r.version());
              } catch (GatewayException e) {
                switch (e.kind()) {
                  case ACCESS_DENIED, UNTRUSTED, CONFIGURATION -> throw e;
                  case NOT_FOUND ->
                      LOG.debug("{} {} is gone: not sized", r.pkg().display(), r.version());
                  default ->
                      LOG.warn(
                          "the size of {} {} is unknown: {}",
                          r.pkg().display(),
                          r.version(),
                          e.getMessage());
                }
                return null;
              } finally {
                progress.oneSized();
              }
            });
    Map<Request, List<Asset>> out = new LinkedHashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      if (found.get(i) != null) {
        out.put(requests.get(i), found.get(i));
      }
    }
    return out;
  }

  /** The bytes of these files, each stored file (by its hash) counted once. */
  public static long storedOnce(java.util.Collection<List<Asset>> files) {
    Map<String, Long> once = new java.util.HashMap<>();
    for (List<Asset> list : files) {
      for (Asset a : list) {
        once.putIfAbsent(a.identity(), a.size() == null ? 0 : a.size());
      }
    }
    return once.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A version's size: its files' sizes added up (unknown sizes as 0). */
  public static long size(List<Asset> files) {
    long sum = 0;
    for (Asset a : files) {
      sum += a.size() == null ? 0 : a.size();
    }
    return sum;
  }

  @Override
  public void close() {
    workers.close();
  }
}
