package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CriteriaTest {

  @Test
  void noFilterDoesNotNarrow() {
    assertThat(new Criteria.Builder().build().narrows()).isFalse();
  }

  @Test
  void everyFilterNarrows() {
    assertThat(new Criteria.Builder().format(Format.NPM).build().narrows()).isTrue();
    assertThat(new Criteria.Builder().namespace(Matcher.glob("a")).build().narrows()).isTrue();
    assertThat(new Criteria.Builder().includePackage(PackagePattern.parse("a")).build().narrows())
        .isTrue();
    assertThat(new Criteria.Builder().excludePackage(PackagePattern.parse("a")).build().narrows())
        .isTrue();
    assertThat(new Criteria.Builder().includeVersion(Matcher.glob("1")).build().narrows()).isTrue();
    assertThat(new Criteria.Builder().excludeVersion(Matcher.glob("1")).build().narrows()).isTrue();
    assertThat(new Criteria.Builder().status(VersionStatus.UNLISTED).build().narrows()).isTrue();
    assertThat(new Criteria.Builder().origin(Origin.EXTERNAL).build().narrows()).isTrue();
    assertThat(new Criteria.Builder().excludePrerelease(true).build().narrows()).isTrue();
  }

  @Test
  void aCopyKeepsTheNewMembers() {
    Criteria c =
        new Criteria.Builder()
            .excludePrerelease(true)
            .keepLatest(3)
            .keepLatestPer(Criteria.Per.minor)
            .build();
    Criteria copy = c.toBuilder().status(VersionStatus.PUBLISHED).build();
    assertThat(copy.excludePrerelease()).isTrue();
    assertThat(copy.keepLatestPer()).isEqualTo(Criteria.Per.minor);
    assertThat(copy.keepLatest()).isEqualTo(3);
  }

  @Test
  void serverPrefixesAreTheCommonLiteralPrefixes() {
    Criteria c =
        new Criteria.Builder()
            .includePackage(PackagePattern.parse("@acme/ui-kit"))
            .includePackage(PackagePattern.parse("@acme/ui-*"))
            .build();
    assertThat(c.serverPackagePrefix()).isEqualTo("ui-");
    assertThat(c.serverNamespacePrefix()).isEqualTo("acme");
  }

  @Test
  void noServerNamespaceWhenOnePatternHasNone() {
    Criteria c =
        new Criteria.Builder()
            .includePackage(PackagePattern.parse("@acme/ui-kit"))
            .includePackage(PackagePattern.parse("other"))
            .build();
    assertThat(c.serverNamespacePrefix()).isNull();
    assertThat(c.serverPackagePrefix()).isNull();
  }

  @Test
  void namespaceOptionWinsForTheServerPrefix() {
    Criteria c =
        new Criteria.Builder()
            .namespace(Matcher.glob("com.acme*"))
            .includePackage(PackagePattern.parse("org.x/core"))
            .build();
    assertThat(c.serverNamespacePrefix()).isEqualTo("com.acme");
  }

  @Test
  void onlyASingleStatusGoesToTheServer() {
    assertThat(new Criteria.Builder().status(VersionStatus.UNLISTED).build().serverStatus())
        .isEqualTo(VersionStatus.UNLISTED);
    assertThat(
            new Criteria.Builder()
                .status(VersionStatus.UNLISTED)
                .status(VersionStatus.ARCHIVED)
                .build()
                .serverStatus())
        .isNull();
  }

  @Test
  void excludeAlwaysWinsOverInclude() {
    Criteria c =
        new Criteria.Builder()
            .includePackage(PackagePattern.parse("ui-*"))
            .excludePackage(PackagePattern.parse("ui-kit"))
            .build();
    assertThat(c.matchesPackage(new PackageId(Format.NPM, null, "ui-kit"))).isFalse();
    assertThat(c.matchesPackage(new PackageId(Format.NPM, null, "ui-core"))).isTrue();
  }

  @Test
  void namespaceFilterNeverMatchesPackagesWithoutOne() {
    Criteria c = new Criteria.Builder().namespace(Matcher.glob("*")).build();
    assertThat(c.matchesPackage(new PackageId(Format.PYPI, null, "requests"))).isFalse();
    assertThat(c.matchesPackage(new PackageId(Format.NPM, "acme", "x"))).isTrue();
  }
}
