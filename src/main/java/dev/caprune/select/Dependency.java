package dev.caprune.select;

/**
 * One direct dependency of a version, as {@code ListPackageVersionDependencies} lists it: a package
 * of the version's own format.
 *
 * @param namespace the dependency's namespace as listed (npm scope, Maven groupId), or null
 * @param name the dependency's package name
 * @param type the listed {@code dependencyType} ({@code regular}, {@code dev}, {@code compile},
 *     ...), or null
 * @param requirement the listed {@code versionRequirement}, in the format's own syntax, or null
 */
public record Dependency(String namespace, String name, String type, String requirement) {}
