package dev.caprune.select;

import java.util.List;

/**
 * The decisions for one package, in display order.
 *
 * @param repository where the package lives
 * @param pkg the package
 * @param defaultDisplayVersion what {@code latest} resolves to, or null
 * @param decisions every version considered (only the selected ones unless explaining)
 * @param warnings things a person should know (versions the format's rules cannot parse)
 */
public record PackageSelection(
    RepositoryRef repository,
    PackageId pkg,
    String defaultDisplayVersion,
    List<Decision> decisions,
    List<String> warnings) {

  public PackageSelection {
    decisions = List.copyOf(decisions);
    warnings = List.copyOf(warnings);
  }

  public List<VersionSummary> selected() {
    return decisions.stream().filter(Decision::selected).map(Decision::version).toList();
  }

  public boolean anySelected() {
    return decisions.stream().anyMatch(Decision::selected);
  }
}
