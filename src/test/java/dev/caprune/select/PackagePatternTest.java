package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackagePatternTest {

  @ParameterizedTest(name = "{0} matches {1}:{2}/{3} -> {4}")
  @CsvSource({
    // pattern, format, namespace, name, expected
    "@acme/ui-kit, npm, acme, ui-kit, true",
    "@acme/ui-kit, npm, other, ui-kit, false",
    "@acme/ui-kit, npm, , ui-kit, false",
    "ui-kit, npm, acme, ui-kit, true",
    "ui-kit, npm, , ui-kit, true",
    "@acme/*, npm, acme, anything, true",
    "@types/*, npm, typesx, react, false",
    "@*/react, npm, types, react, true",
    "com.acme/core, maven, com.acme, core, true",
    "com.acme/core, maven, com.acme.x, core, false",
    "com.acme.*/core, maven, com.acme.x, core, true",
    "requests, pypi, , requests, true",
    "req*, pypi, , requests, true",
  })
  void matchesNamespaceAndName(
      String pattern, String format, String namespace, String name, boolean expected) {
    PackageId pkg = new PackageId(Format.fromWire(format).orElseThrow(), namespace, name);
    assertThat(PackagePattern.parse(pattern).matches(pkg)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"@acme", "/name", "ns/", "a/b/c", "@/x"})
  void malformedPatternsAreRejected(String pattern) {
    assertThatThrownBy(() -> PackagePattern.parse(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(pattern);
  }

  @org.junit.jupiter.api.Test
  void npmScopeNeverKeepsTheAt() {
    PackagePattern p = PackagePattern.parse("@acme/ui-kit");
    assertThat(p.namespace().source()).isEqualTo("acme");
    assertThat(p.namespace().literalPrefix()).isEqualTo("acme");
  }
}
