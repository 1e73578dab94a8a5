package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtectListTest {
  private static final ProtectList LIST =
      ProtectList.parse(
          "protect.txt",
          List.of(
              "# releases we promised to keep",
              "",
              "@types/*@1.*",
              "com.acme/core@*-RC*   # release candidates",
              "left-pad@1.3.0",
              "  requests@2.*  "));

  @ParameterizedTest(name = "{0}:{1}/{2}@{3} -> line {4}")
  @CsvSource({
    "npm, types, react, 1.2.0, 3",
    "npm, types, react, 2.0.0, 0",
    "npm, typesx, react, 1.2.0, 0",
    "maven, com.acme, core, 1.2-RC1, 4",
    "maven, com.acme, core, 1.2, 0",
    "npm, , left-pad, 1.3.0, 5",
    "npm, acme, left-pad, 1.3.0, 5",
    "npm, , left-pad, 1.3.1, 0",
    "pypi, , requests, 2.32.0, 6",
  })
  void rulesMatchPackageAndVersion(
      String format, String ns, String name, String version, int line) {
    PackageId pkg = new PackageId(Format.fromWire(format).orElseThrow(), ns, name);
    assertThat(LIST.protecting(pkg, version).map(ProtectList.Rule::line).orElse(0)).isEqualTo(line);
  }

  @ParameterizedTest
  @CsvSource({"left-pad", "left-pad@", "@types/react", "@1.0", "ns/@1.0"})
  void badRulesNameTheFileAndLine(String rule) {
    assertThatThrownBy(() -> ProtectList.parse("p.txt", List.of("# ok", rule)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("p.txt line 2: ");
  }

  @Test
  void commentsAndBlankLinesOnlyMakeAnEmptyList() {
    assertThat(ProtectList.parse("p", List.of("# a", "   ", "#b")).isEmpty()).isTrue();
  }
}
