package dev.caprune.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void escapesWhatATerminalWouldActOnOrReorder() {
    String[][] cases = {
      {"1.0.0", "1.0.0"},
      {"caf\u00e9-\u6f22\u5b57-\ud83d\ude00", "caf\u00e9-\u6f22\u5b57-\ud83d\ude00"}, // text stays
      {"a\u001b[31mred", "a\\u001b[31mred"},
      {"t\u001b]0;title\u0007", "t\\u001b]0;title\\u0007"},
      {"x\r\u001b[2Ky", "x\\r\\u001b[2Ky"},
      {"n\nl\tt", "n\\nl\\tt"},
      {"nul\u0000del\u007f", "nul\\u0000del\\u007f"},
      {"c1\u009b2J\u0085", "c1\\u009b2J\\u0085"},
      {"rlo\u202egpj.exe", "rlo\\u202egpj.exe"},
      {"\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"},
      {"\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"},
      {"\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"},
      {"zw\u200bsp\ufeff", "zw\\u200bsp\\ufeff"},
      {"ls\u2028ps\u2029", "ls\\u2028ps\\u2029"},
      {"tag\udb40\udc01", "tag\\U000e0001"},
      {"lone\ud800x", "lone\\ud800x"},
    };
    for (String[] c : cases) {
      assertThat(Text.safe(c[0])).as(c[1]).isEqualTo(c[1]);
    }
    assertThat(Text.safe(null)).isEmpty();
  }

  @Test
  void cutsLongTextAfterEscaping() {
    assertThat(Text.safe("x".repeat(200), 20)).hasSize(20).endsWith("...");
    assertThat(Text.safe("short", 20)).isEqualTo("short");
  }
}
