package dev.caprune.select;

import dev.caprune.select.order.MavenOrder;
import dev.caprune.select.order.VersionOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides, per package, which listed versions the criteria select, and why. Pure: the one call it
 * may cause (a version's publish time) comes through the {@code describe} function it is given.
 *
 * <p>The steps, in order: filters (status, origin, version globs and regexes, pre-release, snapshot
 * builds); keep the newest N of what passed; protections (latest, protect file); the time window,
 * found by binary search over the publish-time order.
 */
public final class Selector {
  private final Criteria criteria;
  private final boolean listing;

  /** For an action: the versions a protection holds back are never judged against the window. */
  public Selector(Criteria criteria) {
    this(criteria, false);
  }

  /**
   * @param listing for a listing ({@code versions}, {@code --explain}): the versions a protection
   *     holds back are judged against the time window too (in the same search: a describe call or
   *     so more), so that the listing shows them, marked, exactly when they match
   */
  public Selector(Criteria criteria, boolean listing) {
    this.criteria = criteria;
    this.listing = listing;
  }

  /**
   * @param defaultDisplayVersion what {@code latest} resolves to, or null
   * @param listed the versions in the API's order: newest first by publish time when {@link
   *     Criteria#needsPublishOrder()}, any order otherwise
   * @param describeOnce a version's publish time (one API call; asked at most once per version
   *     here); only used with a time window or keep-latest by publish time
   * @return one decision per listed version, oldest first by the format's version order
   */
  public PackageSelection select(
      RepositoryRef repo,
      PackageId pkg,
      String defaultDisplayVersion,
      List<VersionSummary> listed,
      Function<String, Optional<Instant>> describeOnce) {
    Map<String, Optional<Instant>> described = new HashMap<>();
    Function<String, Optional<Instant>> describe =
        v -> described.computeIfAbsent(v, describeOnce); // keep-latest and the window share times
    VersionOrder order = VersionOrder.of(pkg.format()).memoized();
    List<String> warnings = new ArrayList<>();
    Map<String, String> reasons = new HashMap<>();
    List<VersionSummary> candidates = new ArrayList<>();
    Map<String, String> latest = latest(order, pkg, defaultDisplayVersion, listed, warnings);
    boolean observe = !criteria.protect().isEmpty();
    for (VersionSummary v : listed) {
      if (observe) {
        criteria.protect().observe(pkg, v.version());
      }
      String excluded = excludedBy(order, v);
      if (excluded != null) {
        reasons.put(v.version(), excluded);
      } else {
        candidates.add(v);
      }
    }

    // What passed the filters, in the listing's order; a protection may hold some of it back.
    List<VersionSummary> passed = List.copyOf(candidates);
    Map<String, String> protections = new HashMap<>();
    Map<String, Instant> times = new HashMap<>();
    // Versions the time window took in without their publish time: the cut-off they precede.
    Map<String, Instant> before = new HashMap<>();

    // Keep the newest N of what passed the filters (of each release line, with keep-latest-per);
    // time filters only narrow what remains.
    if (criteria.keepLatest() != null && criteria.keepLatest() > 0) {
      Criteria.Per per = criteria.keepLatestPer();
      String why =
          "kept: newest "
              + criteria.keepLatest()
              + (criteria.order() == Criteria.Order.published ? " by publish time" : "");
      if (criteria.order() == Criteria.Order.published) {
        // An unknown publish time is never a reason to fall out of the keep: such versions stay.
        // Each line is searched on its own, in the listing's (publish-time) order.
        for (Map.Entry<String, List<VersionSummary>> line :
            ReleaseLines.group(candidates, VersionSummary::version, order, per).entrySet()) {
          AgeSearch.Newest newest =
              AgeSearch.newest(
                  line.getValue().stream().map(VersionSummary::version).toList(),
                  criteria.keepLatest(),
                  describe);
          times.putAll(newest.times());
          String lineWhy = why + ReleaseLines.label(line.getKey(), per);
          for (VersionSummary v : line.getValue()) {
            if (newest.kept().contains(v.version())) {
              reasons.put(
                  v.version(),
                  newest.unknownTime().contains(v.version())
                      ? Decision.UNKNOWN_TIME_KEPT
                      : lineWhy);
              protections.put(v.version(), Decision.KEEP_LATEST);
            }
          }
        }
      } else {
        List<VersionSummary> newestFirst = new ArrayList<>(candidates);
        sort(newestFirst, (a, b) -> order.compare(b.version(), a.version()), pkg, warnings);
        for (Map.Entry<String, List<VersionSummary>> line :
            ReleaseLines.group(newestFirst, VersionSummary::version, order, per).entrySet()) {
          String lineWhy = why + ReleaseLines.label(line.getKey(), per);
          line.getValue().stream()
              .limit(criteria.keepLatest())
              .forEach(
                  v -> {
                    reasons.put(v.version(), lineWhy);
                    protections.put(v.version(), Decision.KEEP_LATEST);
                  });
        }
      }
      candidates.removeIf(v -> reasons.containsKey(v.version()));
    }

    for (VersionSummary v : candidates) {
      String latestReason = latest.get(v.version());
      if (latestReason != null) {
        reasons.put(v.version(), latestReason);
        protections.put(v.version(), Decision.LATEST);
        continue;
      }
      criteria
          .protect()
          .protecting(pkg, v.version())
          .ifPresent(
              rule -> {
                reasons.put(
                    v.version(),
                    Decision.PROTECTED + criteria.protect().name() + " line " + rule.line());
                protections.put(v.version(), "protect-file line " + rule.line());
              });
    }
    candidates.removeIf(v -> reasons.containsKey(v.version()));

    if (!criteria.window().unbounded()) {
      // Both lists keep the listing's publish-time order (newest first): search it.
      List<VersionSummary> judged = listing ? passed : candidates;
      if (!judged.isEmpty()) {
        AgeSearch.Result r =
            AgeSearch.classify(
                judged.stream().map(VersionSummary::version).toList(), criteria.window(), describe);
        r.verdicts()
            .forEach(
                (version, verdict) -> {
                  if (verdict.publishedTime() != null) {
                    times.put(version, verdict.publishedTime());
                  } else if (verdict.kind() == AgeSearch.Kind.IN_WINDOW
                      && criteria.window().before() != null) {
                    before.put(version, criteria.window().before());
                  }
                  String why = timeReason(verdict);
                  if (why == null) {
                    return;
                  }
                  if (protections.remove(version) == null) {
                    reasons.put(version, why);
                  } // else held back anyway, and outside the window: not listed
                });
      }
      if (!listing) {
        protections.clear(); // not judged against the window: whether they match is not known
      }
    }

    // The keys hold each version's parsed form by index: not through the memo, keyed by version.
    VersionOrder.Keys keys = VersionOrder.of(pkg.format()).keys(new Versions(listed));
    int[] ordered = ascending(keys, listed.size(), pkg, warnings);
    List<Decision> decisions = new ArrayList<>(ordered.length);
    for (int index : ordered) {
      VersionSummary listedVersion = listed.get(index);
      Instant time = times.get(listedVersion.version());
      VersionSummary v = time == null ? listedVersion : listedVersion.withPublishedTime(time);
      String why = reasons.get(v.version());
      decisions.add(
          why == null
              ? new Decision(v, true, "selected", null, null, before.get(v.version()))
              : new Decision(v, false, why, protections.get(v.version())));
      if (!keys.parses(index)) {
        warnings.add(unparseable(pkg, v.version()));
      }
    }
    return new PackageSelection(repo, pkg, defaultDisplayVersion, decisions, warnings);
  }

  /** The warning of a version the format's rules cannot parse. */
  public static String unparseable(PackageId pkg, String version) {
    return pkg.display()
        + " "
        + version
        + ": not a valid "
        + pkg.format().wire()
        + " version; it sorts below every valid one";
  }

  /** The version strings of a listing, as a view (nothing copied). */
  static final class Versions extends java.util.AbstractList<String>
      implements java.util.RandomAccess {
    private final List<VersionSummary> listed;

    Versions(List<VersionSummary> listed) {
      this.listed = listed;
    }

    @Override
    public String get(int index) {
      return listed.get(index).version();
    }

    @Override
    public int size() {
      return listed.size();
    }
  }

  /**
   * The indices {@code 0..n-1} in ascending order of {@code keys}: a stable merge sort of an {@code
   * int[]} (4 bytes a version, and as many for the merge), no copy of the versions. When the order
   * is not transitive for some odd versions (Maven's ComparableVersion has such cycles, e.g. {@code
   * 0 < 0-alphaa < 0-0-alpha < 0}) and the sorted indices show it (two neighbours out of order,
   * either way round), an insertion sort sets the neighbours right, with a warning, as {@link
   * #sort} does when TimSort refuses; neither sees every cycle.
   */
  static int[] ascending(VersionOrder.Keys keys, int n, PackageId pkg, List<String> warnings) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    if (n < 2) {
      return a;
    }
    Ascending.mergeSort(a, new int[n], 0, n, keys);
    for (int i = 1; i < n; i++) {
      if (!Ascending.inOrder(keys, a[i - 1], a[i])) {
        for (int k = 1; k < n; k++) {
          int v = a[k];
          int j = k - 1;
          while (j >= 0 && keys.compare(a[j], v) > 0) {
            a[j + 1] = a[j];
            j--;
          }
          a[j + 1] = v;
        }
        warnings.add(inconsistent(pkg));
        break;
      }
    }
    return a;
  }

  /** The warning of a package whose versions have no consistent order. */
  public static String inconsistent(PackageId pkg) {
    return pkg.display()
        + ": its versions have no consistent "
        + pkg.format().wire()
        + " order; check what --keep-latest keeps with --explain";
  }

  /**
   * Sorts, even when the order is not transitive for some odd versions (Maven's ComparableVersion
   * has such cycles, e.g. {@code 0 < 0-alphaa < 0-0-alpha < 0}): TimSort may then refuse, and an
   * insertion sort, which never does, takes over with a warning.
   */
  static void sort(
      List<VersionSummary> versions,
      java.util.Comparator<VersionSummary> by,
      PackageId pkg,
      List<String> warnings) {
    try {
      versions.sort(by);
    } catch (IllegalArgumentException e) {
      for (int i = 1; i < versions.size(); i++) {
        VersionSummary v = versions.get(i);
        int j = i - 1;
        while (j >= 0 && by.compare(versions.get(j), v) > 0) {
          versions.set(j + 1, versions.get(j));
          j--;
        }
        versions.set(j + 1, v);
      }
      warnings.add(inconsistent(pkg));
    }
  }

  /** The first filter that rejects the version, in words; null when every filter passes. */
  String excludedBy(VersionOrder order, VersionSummary v) {
    if (!criteria.statuses().isEmpty() && !criteria.statuses().contains(v.status())) {
      return "status " + v.status() + " not asked for (--status)";
    }
    if (criteria.origin() != null && v.origin() != criteria.origin()) {
      return "origin " + v.origin() + " not asked for (--origin)";
    }
    if (!criteria.versions().isEmpty()
        && criteria.versions().stream().noneMatch(m -> m.matches(v.version()))) {
      return "no --version pattern matches";
    }
    if (!criteria.versionRegexes().isEmpty()
        && criteria.versionRegexes().stream().noneMatch(m -> m.matches(v.version()))) {
      return "no --version-regex matches";
    }
    for (Matcher m : criteria.excludeVersions()) {
      if (m.matches(v.version())) {
        return "excluded by --exclude-version '" + m.source() + "'";
      }
    }
    if (criteria.onlyPrerelease() && !order.isPrerelease(v.version())) {
      return "not a pre-release (--only-prerelease)";
    }
    if (criteria.excludePrerelease() && order.isPrerelease(v.version())) {
      return "a pre-release (--exclude-prerelease)";
    }
    if (criteria.snapshotBuilds()) {
      if (!MavenOrder.isTimestampedSnapshot(v.version())) {
        return "not a snapshot build (--snapshot-builds)";
      }
      if (v.status() != VersionStatus.UNLISTED) {
        return "snapshot build still " + v.status() + " (--snapshot-builds takes Unlisted ones)";
      }
    }
    return null;
  }

  /**
   * The versions latest protection holds back, with the reason for each. The API's {@code
   * defaultDisplayVersion} when the listing has one. When it has none, protection fails closed: the
   * newest version by the format's order and the most recently published one (known when the
   * listing came newest first by publish time) are both protected, with a warning.
   */
  Map<String, String> latest(
      VersionOrder order,
      PackageId pkg,
      String defaultDisplayVersion,
      List<VersionSummary> listed,
      List<String> warnings) {
    if (!criteria.protectLatest() || listed.isEmpty()) {
      return Map.of();
    }
    if (defaultDisplayVersion != null) {
      return Map.of(defaultDisplayVersion, Decision.PROTECTED + "latest");
    }
    String newest = listed.get(0).version();
    for (VersionSummary v : listed) {
      if (order.compare(v.version(), newest) > 0) {
        newest = v.version();
      }
    }
    String recent = criteria.needsPublishOrder() ? listed.get(0).version() : null;
    Map<String, String> out = new HashMap<>();
    String why = " (no defaultDisplayVersion in the listing)";
    if (newest.equals(recent)) {
      out.put(newest, Decision.PROTECTED + "latest: newest and most recently published" + why);
    } else {
      out.put(
          newest, Decision.PROTECTED + "latest: newest by " + pkg.format().wire() + " order" + why);
      if (recent != null) {
        out.put(recent, Decision.PROTECTED + "latest: most recently published" + why);
      }
    }
    warnings.add(
        pkg.display()
            + ": the listing names no latest version (defaultDisplayVersion); protecting "
            + (newest.equals(recent)
                ? Names.quote(newest) + ", newest by version order and most recently published"
                : Names.quote(newest)
                    + ", newest by "
                    + pkg.format().wire()
                    + " order"
                    + (recent != null
                        ? ", and " + Names.quote(recent) + ", most recently published"
                        : " (publish times unknown)")));
    return out;
  }

  /**
   * The reason names the cut-off alone, never the publish time: the search describes only some
   * versions, and which ones depends on the rest of the list (a version deleted since, another
   * status filter), so a reason that named the time when known flipped between runs. The time, when
   * known, is the version's own ({@link VersionSummary#publishedTime}).
   */
  private static String timeReason(AgeSearch.Verdict v) {
    return switch (v.kind()) {
      case IN_WINDOW -> null;
      case UNKNOWN_TIME -> "publish time unknown (a time filter never selects it)";
      case TOO_NEW -> "too new: published at or after the cut-off " + Times.iso(v.bound());
      case TOO_OLD -> "too old: published at or before the cut-off " + Times.iso(v.bound());
    };
  }
}
