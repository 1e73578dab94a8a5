package dev.caprune.select;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reviewed selection: exactly which versions an action will touch, each with the status and
 * revision it had when listed. {@code caprune apply} carries out this and nothing else.
 *
 * @param schemaVersion the plan format's version
 * @param capruneVersion the caprune that made it
 * @param createdAt when it was made
 * @param domain the domain
 * @param domainOwner the domain's owner, or null
 * @param action the action's name (delete, archive, unlist, restore, dispose)
 * @param versions every selected version
 */
public record Plan(
    int schemaVersion,
    String capruneVersion,
    Instant createdAt,
    String domain,
    String domainOwner,
    String action,
    List<Entry> versions) {

  /** The plan format this caprune writes and understands. */
  public static final int SCHEMA_VERSION = 1;

  public Plan {
    versions = List.copyOf(versions);
  }

  /** One version as it was when listed. */
  public record Entry(
      String repository,
      Format format,
      String namespace,
      String pkg,
      String version,
      VersionStatus status,
      String revision) {}

  /** The plan of a selection. */
  public static Plan of(
      String capruneVersion,
      Instant createdAt,
      String domain,
      String domainOwner,
      String action,
      List<PackageSelection> selections) {
    List<Entry> entries = new ArrayList<>();
    for (PackageSelection sel : selections) {
      for (VersionSummary v : sel.selected()) {
        entries.add(
            new Entry(
                sel.repository().repository(),
                sel.pkg().format(),
                sel.pkg().namespace(),
                sel.pkg().name(),
                v.version(),
                v.status(),
                v.revision()));
      }
    }
    return new Plan(
        SCHEMA_VERSION, capruneVersion, createdAt, domain, domainOwner, action, entries);
  }

  /** The plan as selections, one per package, every version selected, in plan order. */
  public List<PackageSelection> selections() {
    Map<String, List<Entry>> byPackage = new LinkedHashMap<>();
    for (Entry e : versions) {
      String key =
          e.repository() + "\u0000" + e.format() + "\u0000" + e.namespace() + "\u0000" + e.pkg();
      byPackage.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
    }
    List<PackageSelection> result = new ArrayList<>();
    for (List<Entry> entries : byPackage.values()) {
      Entry first = entries.get(0);
      List<Decision> decisions =
          entries.stream()
              .map(
                  e ->
                      new Decision(
                          new VersionSummary(e.version(), e.revision(), e.status(), Origin.UNKNOWN),
                          true,
                          "in the plan"))
              .toList();
      result.add(
          new PackageSelection(
              new RepositoryRef(domain, domainOwner, first.repository()),
              new PackageId(first.format(), first.namespace(), first.pkg()),
              null,
              decisions,
              List.of()));
    }
    return result;
  }

  public long packageCount() {
    return selections().size();
  }
}
