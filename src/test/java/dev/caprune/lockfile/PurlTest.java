package dev.caprune.lockfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurlTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "pkg:npm/%40angular/core@16.0.0 | npm | angular | core | 16.0.0",
        "pkg:npm/@angular/core@16.0.0 | npm | angular | core | 16.0.0",
        "pkg:npm/left-pad@1.3.0 | npm | - | left-pad | 1.3.0",
        "PKG:NPM/left-pad@1.3.0 | npm | - | left-pad | 1.3.0",
        "pkg://npm/left-pad@1.3.0 | npm | - | left-pad | 1.3.0",
        "pkg:maven/org.apache.commons/commons-lang3@3.14.0?type=jar&classifier=sources#src/main"
            + " | maven | org.apache.commons | commons-lang3 | 3.14.0",
        "pkg:maven/com.acme/lib@1.0%2Bbuild.1 | maven | com.acme | lib | 1.0+build.1",
        "pkg:pypi/django@5.0.2 | pypi | - | django | 5.0.2",
        "pkg:pypi/zope.interface@6.0?file_name=zope.interface-6.0.tar.gz | pypi | - | zope.interface"
            + " | 6.0",
        "pkg:nuget/EnterpriseLibrary.Common@6.0.1304 | nuget | - | EnterpriseLibrary.Common"
            + " | 6.0.1304",
        "pkg:gem/rails@7.1.3?platform=java | ruby | - | rails | 7.1.3",
        "pkg:cargo/rand@0.8.5 | cargo | - | rand | 0.8.5",
        "pkg:swift/github.com/apple/swift-nio@2.40.0 | swift | apple | swift-nio | 2.40.0",
        "pkg:generic/acme/tool@1.0.0 | generic | acme | tool | 1.0.0",
        "pkg:generic/tool@1.0.0?download_url=https://example.com/t.tgz | generic | - | tool"
            + " | 1.0.0",
        "pkg:generic/a%20b/c%2Fd@1.0 | generic | a b | c/d | 1.0",
      })
  void parsesAsTheSpecificationSays(
      String purl, String format, String ns, String name, String version) {
    assertThat(Purl.pin(purl))
        .isEqualTo(
            new Pin(
                Format.fromWire(format).orElseThrow(), ns.equals("-") ? null : ns, name, version));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "pkg:npm/left-pad", // no version
        "pkg:npm/@angular/core", // a scope but no version
        "pkg:deb/debian/curl@7.50.3-1?arch=i386",
        "pkg:docker/library/alpine@3.19",
        "pkg:github/package-url/purl-spec@244fd47e07d1004",
        "pkg:maven/commons-lang3@3.14.0", // Maven without a groupId
        "pkg:swift/swift-nio@2.40.0", // Swift without a scope
        "pkg:npm/left-pad@1.3%zz", // bad percent-encoding
        "pkg:npm/left-pad@", // empty version
        "https://example.com/left-pad@1.3.0",
        "pkg:npm",
      })
  void pinsNothing(String purl) {
    assertThat(Purl.pin(purl)).isNull();
  }
}
