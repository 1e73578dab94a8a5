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

  private static final PackageId ACME_CLI = new PackageId(Format.NPM, null, "acme-cli");

  private static int line(ProtectList list, PackageId pkg, String version) {
    return list.protecting(pkg, version).map(ProtectList.Rule::line).orElse(0);
  }

  @Test
  void aByteOrderMarkAndCrlfLineEndsAreWhatAWindowsEditorMeant() {
    ProtectList list =
        ProtectList.parse("win.txt", "\uFEFFacme-cli@1.2.0\r\n# note\r\nacme-cli@2.*\r\n");
    assertThat(line(list, ACME_CLI, "1.2.0")).isEqualTo(1);
    assertThat(line(list, ACME_CLI, "2.5.0")).isEqualTo(3);
    assertThat(list.warnings()).isEmpty();
    ProtectList oldMac = ProtectList.parse("mac.txt", "acme-cli@1.0\racme-cli@1.1");
    assertThat(line(oldMac, ACME_CLI, "1.1")).isEqualTo(2);
    // The List form (lines already split) drops a BOM too.
    assertThat(line(ProtectList.parse("l.txt", List.of("\uFEFFacme-cli@1.2.0")), ACME_CLI, "1.2.0"))
        .isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'acme-cli @ 1.2.0'|U+0020 SPACE before '@'",
        "'acme-cli@ 1.2.0'|U+0020 SPACE after '@'",
        "'acme-cli@1.2.0\u00a0'|U+00A0 NO-BREAK SPACE at the end",
        "'\u00a0acme-cli@1.2.0'|U+00A0 NO-BREAK SPACE at the start",
        "'acme-cli\u200b@1.2.0'|U+200B ZERO WIDTH SPACE before '@'",
        "'acme-cli@1.2\u200d.0'|U+200D ZERO WIDTH JOINER inside the rule",
        "'acme-cli@\ufeff1.2.0'|U+FEFF ZERO WIDTH NO-BREAK SPACE after '@'",
        "'acme-cli\t@1.2.0'|U+0009 CHARACTER TABULATION before '@'",
        "'acme-cli\u2007@\u202f1.2.0'|U+2007 FIGURE SPACE and U+202F NARROW NO-BREAK SPACE before '@'",
      })
  void invisibleCharactersInARuleAreAWarningAndTheRuleStillProtects(String rule, String warning) {
    ProtectList list = ProtectList.parse("p.txt", "# keep\n" + rule + "\n");
    assertThat(list.warnings()).hasSize(1);
    assertThat(list.warnings().get(0))
        .startsWith("p.txt line 2: " + warning)
        .endsWith("the rule is read as 'acme-cli@1.2.0'")
        .doesNotContain("\u00a0", "\u200b", "\u200d", "\ufeff", "\t");
    assertThat(line(list, ACME_CLI, "1.2.0")).isEqualTo(2);
  }

  @Test
  void aLineLongerThan64KibIsRefusedWithItsNumber() {
    String text = "acme-cli@1.0\n" + "x".repeat(ProtectList.MAX_LINE + 1) + "\n";
    assertThatThrownBy(() -> ProtectList.parse("big.txt", text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("big.txt line 2: longer than 65,536 characters");
  }

  @Test
  void rulesRememberWhetherTheyMatchedAnything() {
    ProtectList list =
        ProtectList.parse("p.txt", "acme-cli@1.*\nacme-clj@1.2.0 # typo\nacme-cli@9.9.9\n");
    assertThat(list.unmatched()).hasSize(3);
    list.observe(ACME_CLI, "1.2.0");
    list.observe(new PackageId(Format.NPM, null, "other"), "9.9.9");
    assertThat(list.unmatched())
        .containsExactly(
            "p.txt line 2: 'acme-clj@1.2.0' matched no version in this run",
            "p.txt line 3: 'acme-cli@9.9.9' matched no version in this run");
    assertThat(line(list, ACME_CLI, "9.9.9")).isEqualTo(3);
    assertThat(list.unmatched()).hasSize(1);
  }

  @Test
  void rulePartsFollowCodeArtifactsNamingRules() {
    assertThatThrownBy(() -> ProtectList.parse("p.txt", "ok@1\nacme-cli@1.0/2\n"))
        .hasMessageStartingWith("p.txt line 2: ")
        .hasMessageContaining("'/'");
    assertThatThrownBy(() -> ProtectList.parse("p.txt", "x".repeat(300) + "@1\n"))
        .hasMessageStartingWith("p.txt line 1: ")
        .hasMessageContaining("255");
  }
}
