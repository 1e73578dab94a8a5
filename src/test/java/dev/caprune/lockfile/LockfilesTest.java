package dev.caprune.lockfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One test per kind: the fixtures under {@code lockfiles/} were written by the tools themselves
 * (npm 11, pnpm 9, yarn 1 and 4: the npm and yarn ones, and the npm SBOMs) or follow the formats'
 * documented shapes (the rest); each asserts exactly the set of pins read.
 */
class LockfilesTest {

  @TempDir Path tmp;

  static Path fixture(String name) {
    URL url = LockfilesTest.class.getResource("/lockfiles/" + name);
    assertThat(url).as(name).isNotNull();
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Lockfile read(String name) throws LockfileException {
    return Lockfiles.read(fixture(name));
  }

  static Set<Pin> pins(String name) throws LockfileException {
    Lockfile lock = read(name);
    assertThat(lock.pins()).as("each pin once").doesNotHaveDuplicates();
    return Set.copyOf(lock.pins());
  }

  static Pin npm(String ns, String name, String version) {
    return new Pin(Format.NPM, ns, name, version);
  }

  static Pin pypi(String name, String version) {
    return new Pin(Format.PYPI, null, name, version);
  }

  /** What the small npm project of the fixtures installs (an alias, a nested copy of ms). */
  static final Set<Pin> NPM_DEMO =
      Set.of(
          npm("isaacs", "string-locale-compare", "1.1.0"),
          npm(null, "ansi-regex", "5.0.1"),
          npm(null, "debug", "2.6.9"),
          npm(null, "ms", "2.0.0"),
          npm(null, "ms", "2.1.3"),
          npm(null, "strip-ansi", "6.0.1"));

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "npm-v1/package-lock.json, package-lock.json v1",
    "npm-v2/package-lock.json, package-lock.json v2",
    "npm-v3/package-lock.json, package-lock.json v3",
    "yarn-classic/yarn.lock, yarn.lock v1",
    "yarn-berry/yarn.lock, 'yarn.lock (Berry, v10)'",
    "pnpm-v9/pnpm-lock.yaml, pnpm-lock.yaml v9.0",
  })
  void npmLockfilesOfOneProjectPinTheSameVersions(String file, String kind) throws Exception {
    Lockfile lock = read(file);
    assertThat(lock.kind()).isEqualTo(kind);
    assertThat(Set.copyOf(lock.pins())).isEqualTo(NPM_DEMO);
    assertThat(lock.path()).isEqualTo(fixture(file));
  }

  @Test
  void npmShrinkwrapIsAPackageLock() throws Exception {
    Path shrinkwrap = tmp.resolve("npm-shrinkwrap.json");
    Files.copy(fixture("npm-v3/package-lock.json"), shrinkwrap);
    Lockfile lock = Lockfiles.read(shrinkwrap);
    assertThat(lock.kind()).isEqualTo("npm-shrinkwrap.json v3");
    assertThat(Set.copyOf(lock.pins())).isEqualTo(NPM_DEMO);
  }

  @Test
  void npmWorkspacesSkipLinksTheRootAndWorkspaceFolders() throws Exception {
    // @acme/mylib and tool are link: true; "packages/mylib" and "local/tool" are folders on disk
    assertThat(pins("npm-workspace/package-lock.json"))
        .isEqualTo(Set.of(npm(null, "ms", "2.1.3"), npm(null, "ms", "2.1.2")));
  }

  @Test
  void npmV3AliasesEntriesWithoutVersionAndNonRegistrySources() throws Exception {
    Path lock = tmp.resolve("package-lock.json");
    Files.writeString(
        lock,
        """
        {"name": "x", "lockfileVersion": 3, "packages": {
          "": {"name": "x", "version": "9.9.9"},
          "node_modules/foo": {"name": "bar", "version": "1.0.0"},
          "node_modules/@s/a/node_modules/@t/b": {"version": "2.0.0"},
          "node_modules/noversion": {"resolved": "https://example.com/x.tgz"},
          "node_modules/gitdep": {"version": "3.0.0", "resolved": "git+ssh://git@github.com/a/b.git#abc"},
          "node_modules/fromfile": {"version": "4.0.0", "resolved": "file:../fromfile"}
        }}
        """);
    assertThat(Set.copyOf(Lockfiles.read(lock).pins()))
        .isEqualTo(Set.of(npm(null, "bar", "1.0.0"), npm("t", "b", "2.0.0")));
  }

  @Test
  void pnpm5KeysWithPeerSuffixes() throws Exception {
    Lockfile lock = read("pnpm-v5/pnpm-lock.yaml");
    assertThat(lock.kind()).isEqualTo("pnpm-lock.yaml v5.4");
    assertThat(Set.copyOf(lock.pins()))
        .isEqualTo(
            Set.of(
                npm("types", "react", "18.2.0"),
                npm(null, "csstype", "3.1.2"),
                npm(null, "react-dom", "18.2.0"),
                npm(null, "react", "18.2.0")));
  }

  @Test
  void pnpm6KeysWithPeerParentheses() throws Exception {
    Lockfile lock = read("pnpm-v6/pnpm-lock.yaml");
    assertThat(lock.kind()).isEqualTo("pnpm-lock.yaml v6.0");
    assertThat(Set.copyOf(lock.pins()))
        .isEqualTo(
            Set.of(
                npm("tanstack", "query-core", "5.0.0"),
                npm("tanstack", "react-query", "5.0.0"),
                npm(null, "loose-envify", "1.4.0"),
                npm(null, "js-tokens", "4.0.0"),
                npm(null, "react", "18.2.0")));
  }

  @Test
  void requirementsPinOnlyExactVersions() throws Exception {
    assertThat(pins("python/requirements.txt"))
        .isEqualTo(
            Set.of(
                pypi("certifi", "2024.2.2"),
                pypi("Charset_Normalizer", "3.3.2"),
                pypi("requests", "2.31.0"),
                pypi("urllib3", "2.2.1"),
                pypi("packaging", "23.2")));
  }

  @Test
  void poetrySkipsGitAndDirectoryPackages() throws Exception {
    assertThat(pins("python/poetry.lock"))
        .isEqualTo(
            Set.of(
                pypi("certifi", "2024.2.2"),
                pypi("internal-utils", "0.4.0"),
                pypi("typing-extensions", "4.10.0")));
  }

  @Test
  void pipfileLockReadsDefaultAndDevelop() throws Exception {
    assertThat(pins("python/Pipfile.lock"))
        .isEqualTo(
            Set.of(
                pypi("certifi", "2024.2.2"), pypi("requests", "2.31.0"), pypi("pytest", "8.0.2")));
  }

  @Test
  void uvSkipsTheProjectsOwnAndGitPackages() throws Exception {
    assertThat(pins("python/uv.lock"))
        .isEqualTo(Set.of(pypi("anyio", "4.3.0"), pypi("idna", "3.6"), pypi("sniffio", "1.3.1")));
  }

  @Test
  void pylockSkipsDirectoryAndVcsPackages() throws Exception {
    assertThat(pins("python/pylock.toml"))
        .isEqualTo(Set.of(pypi("attrs", "25.1.0"), pypi("Cattrs", "24.1.2")));
  }

  @Test
  void gradleLockfileIsMaven() throws Exception {
    assertThat(pins("gradle/gradle.lockfile"))
        .isEqualTo(
            Set.of(
                new Pin(Format.MAVEN, "com.google.guava", "failureaccess", "1.0.1"),
                new Pin(Format.MAVEN, "com.google.guava", "guava", "32.1.3-jre"),
                new Pin(Format.MAVEN, "org.junit.jupiter", "junit-jupiter-api", "5.10.1"),
                new Pin(Format.MAVEN, "org.slf4j", "slf4j-api", "2.0.9")));
  }

  @Test
  void nugetLockReadsEveryFrameworkAndSkipsProjects() throws Exception {
    assertThat(pins("nuget/packages.lock.json"))
        .isEqualTo(
            Set.of(
                new Pin(Format.NUGET, null, "Newtonsoft.Json", "13.0.3"),
                new Pin(Format.NUGET, null, "Newtonsoft.Json", "13.0.1"),
                new Pin(Format.NUGET, null, "Serilog", "3.1.1"),
                new Pin(Format.NUGET, null, "Polly", "8.2.0")));
  }

  @Test
  void gemfileLockReadsGemSectionsWithPlatformsBothWays() throws Exception {
    assertThat(pins("ruby/Gemfile.lock"))
        .isEqualTo(
            Set.of(
                new Pin(Format.RUBY, null, "mini_portile2", "2.8.5"),
                new Pin(Format.RUBY, null, "nokogiri", "1.15.0"),
                new Pin(Format.RUBY, null, "nokogiri", "1.15.0-x86_64-linux"),
                new Pin(Format.RUBY, null, "nokogiri", "1.15.0-arm64-darwin"),
                new Pin(Format.RUBY, null, "racc", "1.7.3"),
                new Pin(Format.RUBY, null, "rack", "3.0.8"),
                new Pin(Format.RUBY, null, "acme-internal", "0.3.1")));
  }

  @Test
  void cargoLockReadsRegistryPackagesOnly() throws Exception {
    Lockfile lock = read("cargo/Cargo.lock");
    assertThat(lock.kind()).isEqualTo("Cargo.lock v4");
    assertThat(Set.copyOf(lock.pins()))
        .isEqualTo(
            Set.of(
                new Pin(Format.CARGO, null, "cfg-if", "1.0.0"),
                new Pin(Format.CARGO, null, "internal-crate", "0.3.1")));
  }

  @Test
  void packageResolvedV1MapsRepositoryUrlsToScopeAndName() throws Exception {
    assertThat(pins("swift-v1/Package.resolved"))
        .isEqualTo(
            Set.of(
                new Pin(Format.SWIFT, "apple", "swift-nio", "2.40.0"),
                new Pin(Format.SWIFT, "apple", "swift-log", "1.4.2")));
  }

  @Test
  void packageResolvedV3ReadsRegistryIdentitiesAndSkipsBranches() throws Exception {
    Lockfile lock = read("swift-v2/Package.resolved");
    assertThat(lock.kind()).isEqualTo("Package.resolved v3");
    assertThat(Set.copyOf(lock.pins()))
        .isEqualTo(
            Set.of(
                new Pin(Format.SWIFT, "apple", "swift-argument-parser", "1.3.1"),
                new Pin(Format.SWIFT, "acme", "networking", "0.9.0")));
  }

  @Test
  void npmsOwnSbomsPinTheProjectAndItsPackages() throws Exception {
    Set<Pin> expected =
        java.util.stream.Stream.concat(
                NPM_DEMO.stream(), Set.of(npm(null, "demo", "1.0.0")).stream())
            .collect(Collectors.toSet());
    Lockfile cdx = read("sbom/npm.cdx.json");
    assertThat(cdx.kind()).isEqualTo("CycloneDX 1.5");
    assertThat(Set.copyOf(cdx.pins())).isEqualTo(expected);
    Lockfile spdx = read("sbom/npm.spdx.json");
    assertThat(spdx.kind()).startsWith("SPDX-2.");
    assertThat(Set.copyOf(spdx.pins())).isEqualTo(expected);
  }

  @Test
  void cycloneDxNestedComponentsAndEveryPurlType() throws Exception {
    assertThat(pins("sbom/mixed.cdx.json"))
        .isEqualTo(
            Set.of(
                new Pin(Format.MAVEN, "com.acme", "acme-app", "1.0.0"),
                new Pin(Format.MAVEN, "com.google.guava", "guava", "32.1.3-jre"),
                new Pin(Format.MAVEN, "com.google.guava", "failureaccess", "1.0.1"),
                new Pin(Format.GENERIC, "acme", "deep", "0.0.1"),
                npm("acme", "util", "2.0.0"),
                pypi("django", "5.0.2"),
                new Pin(Format.NUGET, null, "Newtonsoft.Json", "13.0.3"),
                new Pin(Format.RUBY, null, "nokogiri", "1.15.0"),
                new Pin(Format.CARGO, null, "serde", "1.0.197"),
                new Pin(Format.SWIFT, "apple", "swift-nio", "2.40.0")));
  }

  @Test
  void spdxReadsPurlRefsOnly() throws Exception {
    assertThat(pins("sbom/mixed.spdx.json"))
        .isEqualTo(
            Set.of(
                new Pin(Format.MAVEN, "com.fasterxml.jackson.core", "jackson-databind", "2.16.1"),
                pypi("requests", "2.31.0")));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({
    "npm-v3/package-lock.json, lock.json, package-lock.json v3",
    "npm-v1/package-lock.json, lock.json, package-lock.json v1",
    "yarn-classic/yarn.lock, deps.lock, yarn.lock v1",
    "yarn-berry/yarn.lock, deps.lock, yarn.lock (Berry",
    "pnpm-v9/pnpm-lock.yaml, lock.yaml, pnpm-lock.yaml v9.0",
    "pnpm-v6/pnpm-lock.yaml, lock.yaml, pnpm-lock.yaml v6.0",
    "python/requirements.txt, pins.txt, requirements.txt",
    "python/poetry.lock, deps.lock, poetry.lock",
    "python/Pipfile.lock, deps.json, Pipfile.lock",
    "python/uv.lock, deps.lock, uv.lock",
    "python/pylock.toml, deps.toml, pylock.toml",
    "gradle/gradle.lockfile, deps.txt, gradle.lockfile",
    "nuget/packages.lock.json, deps.json, packages.lock.json",
    "ruby/Gemfile.lock, deps.lock, Gemfile.lock",
    "cargo/Cargo.lock, deps.lock, Cargo.lock",
    "swift-v1/Package.resolved, deps.json, Package.resolved v1",
    "swift-v2/Package.resolved, deps.json, Package.resolved v3",
    "sbom/mixed.cdx.json, bom.json, CycloneDX",
    "sbom/mixed.spdx.json, sbom.json, SPDX-2.3",
  })
  void recognisedByContentUnderANeutralName(String file, String neutral, String kind)
      throws Exception {
    Path copy = tmp.resolve(neutral);
    Files.copy(fixture(file), copy);
    Lockfile lock = Lockfiles.read(copy);
    assertThat(lock.kind()).startsWith(kind);
    assertThat(Set.copyOf(lock.pins())).isEqualTo(pins(file)).isNotEmpty();
  }

  @Test
  void namedVariantsAreRecognisedByName() throws Exception {
    Path dev = tmp.resolve("requirements-dev.txt");
    Files.writeString(dev, "flask==3.0.2\t--hash=sha256:abc\n");
    assertThat(Lockfiles.read(dev).pins()).containsExactly(pypi("flask", "3.0.2"));
    Path named = tmp.resolve("pylock.docs.toml");
    Files.copy(fixture("python/pylock.toml"), named);
    assertThat(Lockfiles.read(named).kind()).isEqualTo("pylock.toml");
    Path buildscript = tmp.resolve("buildscript-gradle.lockfile");
    Files.writeString(buildscript, "org.acme:plugin:1.0=classpath\n");
    assertThat(Lockfiles.read(buildscript).pins())
        .containsExactly(new Pin(Format.MAVEN, "org.acme", "plugin", "1.0"));
    Path upper = tmp.resolve("CARGO.LOCK");
    Files.copy(fixture("cargo/Cargo.lock"), upper);
    assertThat(Lockfiles.read(upper).kind()).isEqualTo("Cargo.lock v4");
    Path cdx = tmp.resolve("app.cdx.json");
    Files.copy(fixture("sbom/mixed.cdx.json"), cdx);
    assertThat(Lockfiles.read(cdx).kind()).isEqualTo("CycloneDX 1.5");
  }

  @Test
  void deeplyNestedNpmV1IsWalkedWithoutRecursion() throws Exception {
    int depth = 450; // below the nesting bound (1000 levels: 2 per dependency here)
    StringBuilder json = new StringBuilder("{\"lockfileVersion\": 1, \"dependencies\": ");
    for (int i = 0; i < depth; i++) {
      json.append("{\"p")
          .append(i)
          .append("\": {\"version\": \"1.0.")
          .append(i)
          .append("\", \"dependencies\": ");
    }
    json.append("{}");
    json.append("}}".repeat(depth)).append("}");
    Path lock = tmp.resolve("package-lock.json");
    Files.writeString(lock, json);
    Set<Pin> pins = Set.copyOf(Lockfiles.read(lock).pins());
    Set<Pin> expected =
        IntStream.range(0, depth)
            .mapToObj(i -> npm(null, "p" + i, "1.0." + i))
            .collect(Collectors.toSet());
    assertThat(pins).isEqualTo(expected);
  }

  @Test
  void yarnClassicHeadersWithSeveralSpecsAndScopes() throws Exception {
    Path lock = tmp.resolve("yarn.lock");
    Files.writeString(
        lock,
        """
        # THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
        # yarn lockfile v1


        "@scope/a@^1.0.0", "@scope/a@~1.0.0":
          version "1.2.3"
          resolved "https://registry.yarnpkg.com/@scope/a/-/a-1.2.3.tgz#abc"
          dependencies:
            b "^2.0.0"

        b@^2.0.0, b@~2.1.0:
          version "2.1.4"

        local@file:../local:
          version "0.0.1"

        gitdep@git+https://github.com/a/gitdep.git#main:
          version "5.0.0"
        """);
    assertThat(Set.copyOf(Lockfiles.read(lock).pins()))
        .isEqualTo(Set.of(npm("scope", "a", "1.2.3"), npm(null, "b", "2.1.4")));
  }

  @Test
  void emptyLockfilesPinNothing() throws IOException, LockfileException {
    Path req = tmp.resolve("requirements.txt");
    Files.writeString(req, "# nothing pinned\nflask>=3\n");
    assertThat(Lockfiles.read(req).pins()).isEmpty();
    Path gradle = tmp.resolve("gradle.lockfile");
    Files.writeString(
        gradle, "# This is a Gradle generated file for dependency locking.\nempty=\n");
    assertThat(Lockfiles.read(gradle).pins()).isEmpty();
  }
}
