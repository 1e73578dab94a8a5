package dev.caprune.depend;

import dev.caprune.lockfile.Lockfile;
import dev.caprune.lockfile.Pin;
import dev.caprune.select.Dependency;
import dev.caprune.select.Format;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which selected versions something that remains needs: pure logic over what was listed. A version
 * remains when the run leaves it in place (any status but Disposed or Deleted, and not selected by
 * a delete or a dispose); every version of a {@code dependentsFrom} repository remains. What a
 * remaining version's dependency resolves to (by {@link Requirements#resolve}) among its package's
 * versions in the repositories being cleaned is protected; protected, it remains, and what it needs
 * is protected in turn, until nothing changes. Whatever cannot be read protects more, never less.
 */
public final class DependencyGuard {
  private DependencyGuard() {}

  /** One package as listed whole, every version whatever its status. */
  public record Listed(RepositoryRef repository, PackageId pkg, List<VersionSummary> versions) {
    public Listed {
      versions = List.copyOf(versions);
    }
  }

  /** What listing one version's dependencies gave. */
  public sealed interface Needs {
    /** The version's direct dependencies, as listed. */
    record Known(List<Dependency> dependencies) implements Needs {
      public Known {
        dependencies = List.copyOf(dependencies);
      }
    }

    /** They could not be listed (after retries): every version of the format is protected. */
    record Unknown(String why) implements Needs {}
  }

  /** Lists the dependencies of versions, at most once each (a run-scoped cache behind it). */
  @FunctionalInterface
  public interface Lister {
    /** Every one of {@code versions}, with what listing its dependencies gave. */
    Map<VersionRef, Needs> needs(List<VersionRef> versions);
  }

  /**
   * What is protected, and why.
   *
   * @param protectedBy each selected version held back, with what holds it: {@code needed by
   *     com.acme:service 5.0 ([1.0,2.0))}, {@code pinned in services/api/package-lock.json}
   * @param warnings one line each, for stderr (unreadable requirements)
   * @param unmatchedPins one line per lockfile with pins that matched no version of the run
   * @param failures one line per dependent whose dependencies could not be listed: the run cannot
   *     complete (exit 1), and nothing of its format is changed in the repositories being cleaned
   * @param dependents how many versions' dependencies were read
   */
  public record Result(
      Map<VersionRef, String> protectedBy,
      List<String> warnings,
      List<String> unmatchedPins,
      List<String> failures,
      int dependents) {}

  /**
   * @param cleaned every package of the repositories the run changes, listed whole
   * @param from every package of the {@code dependentsFrom} repositories, listed whole
   * @param selected every version the run would change (any action)
   * @param removed those of {@code selected} the run would delete or dispose
   */
  public static Result protect(
      Protections protections,
      List<Listed> cleaned,
      List<Listed> from,
      Set<VersionRef> selected,
      Set<VersionRef> removed,
      Lister lister) {
    return new Run(protections, cleaned, selected, removed).run(from, lister);
  }

  /** Whether a version of this status is still there to be installed or restored. */
  static boolean present(VersionStatus s) {
    return s != VersionStatus.DISPOSED && s != VersionStatus.DELETED;
  }

  /** A package's name as its format compares names ({@link Format#sameName}). */
  static String nameKey(Format format, String name) {
    return switch (format) {
      case PYPI -> name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
      case NUGET -> name.toLowerCase(Locale.ROOT);
      default -> name;
    };
  }

  /** A namespace as CodeArtifact stores it: none is empty, npm's scope without '@'. */
  static String namespaceKey(Format format, String namespace) {
    if (namespace == null) {
      return "";
    }
    return format == Format.NPM && namespace.startsWith("@") ? namespace.substring(1) : namespace;
  }

  private record Key(Format format, String namespace, String name) {
    static Key of(Format format, String namespace, String name) {
      return new Key(format, namespaceKey(format, namespace), nameKey(format, name));
    }
  }

  private static final class Run {
    private final Protections protections;
    private final List<Listed> cleaned;
    private final Set<VersionRef> selected;
    private final Set<VersionRef> removed;
    private final Map<Key, List<Listed>> index = new HashMap<>();
    private final Map<VersionRef, String> protectedBy = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> warned = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Resolution> resolved = new HashMap<>();

    Run(
        Protections protections,
        List<Listed> cleaned,
        Set<VersionRef> selected,
        Set<VersionRef> removed) {
      this.protections = protections;
      this.cleaned = cleaned;
      this.selected = selected;
      this.removed = removed;
      for (Listed l : cleaned) {
        index
            .computeIfAbsent(
                Key.of(l.pkg().format(), l.pkg().namespace(), l.pkg().name()),
                k -> new ArrayList<>())
            .add(l);
      }
    }

    Result run(List<Listed> from, Lister lister) {
      List<VersionRef> next = new ArrayList<>();
      List<String> unmatched = pins(next);
      int dependents = 0;
      if (protections.dependencies()) {
        for (Listed l : cleaned) {
          for (VersionSummary v : l.versions()) {
            VersionRef ref = new VersionRef(l.repository(), l.pkg(), v.version());
            if (present(v.status()) && !removed.contains(ref)) {
              next.add(ref);
            }
          }
        }
        for (Listed l : from) {
          for (VersionSummary v : l.versions()) {
            if (present(v.status())) {
              next.add(new VersionRef(l.repository(), l.pkg(), v.version()));
            }
          }
        }
        Set<VersionRef> read = new java.util.HashSet<>();
        Set<Format> blocked = new LinkedHashSet<>();
        while (!next.isEmpty()) {
          List<VersionRef> batch = new ArrayList<>();
          for (VersionRef r : next) {
            if (read.add(r)) {
              batch.add(r);
            }
          }
          next = new ArrayList<>();
          if (batch.isEmpty()) {
            break;
          }
          dependents += batch.size();
          Map<VersionRef, Needs> needs = lister.needs(batch);
          for (VersionRef dependent : batch) {
            Needs n = needs.get(dependent);
            if (n instanceof Needs.Known known) {
              for (Dependency d : known.dependencies()) {
                need(dependent, d, next);
              }
            } else {
              String why = n instanceof Needs.Unknown u ? u.why() : "no answer";
              failures.add(
                  "the dependencies of "
                      + dependent.display()
                      + " in "
                      + dependent.repository()
                      + " could not be listed ("
                      + why
                      + "): no "
                      + dependent.pkg().format().wire()
                      + " version was changed");
              blocked.add(dependent.pkg().format());
            }
          }
        }
        for (VersionRef ref : selected) {
          if (blocked.contains(ref.pkg().format())) {
            protectedBy.putIfAbsent(
                ref,
                "dependencies unknown: what needs "
                    + ref.pkg().format().wire()
                    + " versions could not be listed");
          }
        }
      }
      return new Result(
          Map.copyOf(protectedBy),
          List.copyOf(warnings),
          unmatched,
          List.copyOf(failures),
          dependents);
    }

    /** Every version a lockfile pins is protected; it remains, so what it needs is too. */
    private List<String> pins(List<VersionRef> next) {
      List<String> unmatched = new ArrayList<>();
      for (Lockfile lockfile : protections.lockfiles()) {
        List<String> missed = new ArrayList<>();
        for (Pin pin : lockfile.pins()) {
          boolean matched = false;
          for (Listed l :
              index.getOrDefault(Key.of(pin.format(), pin.namespace(), pin.name()), List.of())) {
            for (VersionSummary v : l.versions()) {
              if (!pin.matches(
                  l.pkg().format(), l.pkg().namespace(), l.pkg().name(), v.version())) {
                continue;
              }
              matched = true;
              VersionRef ref = new VersionRef(l.repository(), l.pkg(), v.version());
              if (selected.contains(ref)
                  && protectedBy.putIfAbsent(ref, "pinned in " + lockfile.path()) == null
                  && removed.contains(ref)) {
                next.add(ref);
              }
            }
          }
          if (!matched) {
            missed.add(
                "'"
                    + (pin.namespace() == null
                        ? pin.name()
                        : (pin.format() == Format.NPM ? "@" : "")
                            + pin.namespace()
                            + "/"
                            + pin.name())
                    + "@"
                    + pin.version()
                    + "'");
          }
        }
        if (!missed.isEmpty()) {
          unmatched.add(
              lockfile.path()
                  + ": "
                  + (missed.size() == 1 ? "pin " : missed.size() + " pins ")
                  + String.join(", ", missed.subList(0, Math.min(3, missed.size())))
                  + (missed.size() > 3 ? " and " + (missed.size() - 3) + " more" : "")
                  + " matched no version in this run");
        }
      }
      return List.copyOf(unmatched);
    }

    /** One dependency of a version that remains: what it resolves to is protected. */
    private void need(VersionRef dependent, Dependency d, List<VersionRef> next) {
      Format format = dependent.pkg().format();
      List<Listed> packages = index.get(Key.of(format, d.namespace(), d.name()));
      if (packages == null) {
        return; // not in the repositories being cleaned: nothing of the run's to protect
      }
      for (Listed l : packages) {
        if (!format.sameName(l.pkg().name(), d.name())) {
          continue;
        }
        List<String> available =
            l.versions().stream()
                .filter(
                    v ->
                        v.status() == VersionStatus.PUBLISHED
                            || v.status() == VersionStatus.UNLISTED)
                .map(VersionSummary::version)
                .toList();
        String requirement = d.requirement();
        Resolution r =
            resolved.computeIfAbsent(
                l.repository() + "\u0000" + l.pkg() + "\u0000" + requirement,
                k -> Requirements.resolve(format, requirement, available));
        String because =
            "needed by "
                + dependent.display()
                + " ("
                + (requirement == null ? "any version" : requirement)
                + ")";
        List<String> picks;
        if (r instanceof Resolution.Picks p) {
          picks = List.copyOf(p.versions());
        } else {
          String why = r instanceof Resolution.Unreadable u ? u.why() : "unreadable";
          String name = VersionRef.name(l.pkg());
          String warning =
              dependent.display()
                  + " needs "
                  + name
                  + " \""
                  + (requirement == null ? "" : requirement)
                  + "\": "
                  + why
                  + "; every version of "
                  + name
                  + " is protected";
          if (warned.add(warning)) {
            warnings.add(warning);
          }
          picks = l.versions().stream().map(VersionSummary::version).toList();
          because = because + ", unreadable: every version protected";
        }
        for (String version : picks) {
          VersionRef ref = new VersionRef(l.repository(), l.pkg(), version);
          if (selected.contains(ref)
              && protectedBy.putIfAbsent(ref, because) == null
              && removed.contains(ref)) {
            next.add(ref); // it remains after all: what it needs must remain too
          }
        }
      }
    }
  }
}
