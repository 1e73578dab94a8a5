package dev.caprune.cli;

import dev.caprune.select.Criteria;
import dev.caprune.select.Format;
import dev.caprune.select.Matcher;
import dev.caprune.select.Origin;
import dev.caprune.select.PackagePattern;
import dev.caprune.select.VersionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The filters every selecting command shares. All are ANDed; an exclude always wins. */
public final class FilterOptions {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = Converters.FormatConverter.class,
      completionCandidates = Converters.Formats.class,
      description = "Only this package format: ${COMPLETION-CANDIDATES}.")
  Format format;

  @Option(
      names = "--namespace",
      paramLabel = "GLOB",
      description = "Only packages whose namespace matches (Maven groupId, npm scope without '@').")
  String namespace;

  @Option(
      names = "--package",
      paramLabel = "GLOB",
      description =
          "Only packages that match; [namespace/]name or npm @scope/name (repeatable: any"
              + " matches).")
  List<String> packages = new ArrayList<>();

  @Option(
      names = "--exclude-package",
      paramLabel = "GLOB",
      description = "Never packages that match (repeatable).")
  List<String> excludePackages = new ArrayList<>();

  @Option(
      names = "--version",
      paramLabel = "GLOB",
      description = "Only versions that match (repeatable: any matches).")
  List<String> versions = new ArrayList<>();

  @Option(
      names = "--exclude-version",
      paramLabel = "GLOB",
      description = "Never versions that match (repeatable).")
  List<String> excludeVersions = new ArrayList<>();

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      converter = Converters.StatusConverter.class,
      completionCandidates = Converters.Statuses.class,
      description = "Only versions with this status (repeatable): ${COMPLETION-CANDIDATES}.")
  List<VersionStatus> statuses = new ArrayList<>();

  @Option(
      names = "--origin",
      paramLabel = "ORIGIN",
      converter = Converters.OriginConverter.class,
      completionCandidates = Converters.Origins.class,
      description =
          "Only versions of this origin: internal (published here), external (cached from an"
              + " upstream), unknown.")
  Origin origin;

  /** The criteria these options describe; a bad pattern is a usage error. */
  Criteria criteria() {
    Criteria.Builder b = new Criteria.Builder().format(format).origin(origin);
    if (namespace != null) {
      String ns = namespace.startsWith("@") ? namespace.substring(1) : namespace;
      b.namespace(parse("--namespace", ns, Matcher::glob));
    }
    packages.forEach(p -> b.includePackage(parse("--package", p, PackagePattern::parse)));
    excludePackages.forEach(
        p -> b.excludePackage(parse("--exclude-package", p, PackagePattern::parse)));
    versions.forEach(v -> b.includeVersion(parse("--version", v, Matcher::glob)));
    excludeVersions.forEach(v -> b.excludeVersion(parse("--exclude-version", v, Matcher::glob)));
    statuses.forEach(b::status);
    return b.build();
  }

  private static <T> T parse(String option, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw CapruneException.usage(option + ": " + e.getMessage());
    }
  }
}
