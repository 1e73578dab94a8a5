package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class VersionOutputTest {
  @Test
  void showsVersionCommitAndJava() {
    StringWriter out = new StringWriter();
    int code = Caprune.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version");
    assertEquals(0, code);
    String[] lines = out.toString().split("\\R");
    // Built from git: a hex commit; from a source tarball without .git: "unknown".
    assertThat(lines[0]).matches("caprune \\S+ \\(commit ([0-9a-f]{7,40}|unknown)\\)");
    assertThat(lines[0]).doesNotContain("${");
    assertThat(lines[1]).startsWith("Java " + System.getProperty("java.version"));
  }
}
