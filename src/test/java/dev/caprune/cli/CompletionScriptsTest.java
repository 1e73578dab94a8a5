package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompletionScriptsTest {
  private static final Path DIR = Path.of("completions");

  @Test
  void committedScriptsMatchTheCommandModel() throws IOException {
    for (Map.Entry<String, String> e : BuildTools.completionScripts().entrySet()) {
      Path file = DIR.resolve(e.getKey());
      String committed = Files.exists(file) ? Files.readString(file) : "(missing)";
      assertEquals(
          e.getValue(),
          committed,
          file
              + " is stale: the command model changed. Regenerate completions/ with: "
              + BuildTools.REGENERATE_COMPLETIONS);
    }
  }

  @ParameterizedTest
  @CsvSource({"bash,caprune.bash", "zsh,_caprune", "fish,caprune.fish"})
  void completionCommandPrintsTheScript(String shell, String file) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Caprune.run(new PrintWriter(out), new PrintWriter(err), "completion", shell);
    assertEquals(0, code, err.toString());
    assertEquals(Files.readString(DIR.resolve(file)), out.toString());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void unknownShellIsAUsageError() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Caprune.run(new PrintWriter(out), new PrintWriter(err), "completion", "tcsh");
    assertEquals(ExitCodes.USAGE, code);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("tcsh");
  }

  @Test
  void zshFileIsACompdefFile() throws IOException {
    String zsh = Files.readString(DIR.resolve("_caprune"));
    assertThat(zsh).startsWith("#compdef caprune\n");
  }

  /** Runs the bash completion function as bash would on Tab, and returns what it offers. */
  private static List<String> bashComplete(String... words) throws Exception {
    assumeTrue(onPath("bash"), "bash is not installed: bash completion behaviour not checked");
    StringBuilder script = new StringBuilder("source completions/caprune.bash\n");
    script.append("COMP_WORDS=(");
    for (String w : words) {
      script.append("'").append(w).append("' ");
    }
    script.append(")\nCOMP_CWORD=").append(words.length - 1).append('\n');
    script.append("COMP_LINE=\"${COMP_WORDS[*]}\"\n_complete_caprune\n");
    script.append("printf '%s\\n' \"${COMPREPLY[@]}\"\n");
    Process p =
        new ProcessBuilder("bash", "--norc", "--noprofile", "-c", script.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  @Test
  void bashOffersSubcommands() throws Exception {
    assertThat(bashComplete("caprune", "")).contains("sandbox", "completion");
  }

  @Test
  void bashOffersOptionValues() throws Exception {
    assertThat(bashComplete("caprune", "completion", "")).containsExactly("bash", "zsh", "fish");
    assertThat(bashComplete("caprune", "completion", "--h")).containsExactly("--help");
  }

  @Test
  void fishOffersSubcommandsAndValues() throws Exception {
    assumeTrue(onPath("fish"), "fish is not installed: fish completion behaviour not checked");
    Process p =
        new ProcessBuilder(
                "fish",
                "--no-config",
                "-c",
                "source completions/caprune.fish; complete -C 'caprune '; complete -C 'caprune"
                    + " completion '")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("sandbox\t", "completion\t", "bash\t", "zsh\t", "fish\t");
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
