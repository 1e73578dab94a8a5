package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caprune.run.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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

  // ---- what each shell offers, asked of the shell itself

  /** bash always (CI has it); zsh and fish where installed (apt-get install zsh fish). */
  enum Shell {
    bash,
    zsh,
    fish
  }

  /**
   * Asks {@code shell}, in one process, what it completes for each of {@code queries} (the words
   * typed, the last one being completed): bash through the function {@code complete -p caprune}
   * registered; zsh through bashcompinit's compgen, as its {@code _bash_complete} calls it,
   * filtered by the typed prefix as compadd filters; fish through {@code complete -C}.
   */
  static List<List<String>> complete(Shell shell, List<List<String>> queries) throws Exception {
    assumeTrue(
        onPath(shell.name()),
        shell
            + " is not installed: its completion is not checked here (apt-get install "
            + shell
            + ")");
    StringBuilder script = new StringBuilder();
    List<String> command;
    switch (shell) {
      case bash -> {
        script.append("source completions/caprune.bash\n");
        script.append("spec=$(complete -p caprune) || exit 3\n");
        script.append("fn=${spec##*-F }; fn=${fn%% *}\n");
        script.append(
            "q() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\";"
                + " COMP_POINT=${#COMP_LINE}; COMPREPLY=();"
                + " \"$fn\" caprune \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\""
                + " 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"; echo '### end'; }\n");
        command = List.of("bash", "--norc", "--noprofile", "-s");
      }
      case zsh -> {
        script.append("autoload -U compinit && compinit -u -D\n");
        script.append("autoload -U bashcompinit && bashcompinit\n");
        script.append("source completions/_caprune\n");
        script.append("[[ ${_comps[caprune]} == *_complete_caprune* ]] || exit 3\n");
        script.append(
            "q() { local -a COMP_WORDS words r; COMP_WORDS=(\"$@\"); words=(\"$@\");"
                + " local -x COMP_CWORD=$(( $# - 1 )) COMP_LINE=\"$*\" COMP_POINT=${#${:-$*}};"
                + " local CURRENT=$#; local p=\"${@[-1]}\";"
                + " r=(${(f)\"$(compgen -F _complete_caprune -- \"$p\" 2>/dev/null)\"});"
                + " print -rl -- ${(M)r:#${(b)p}*}; print -r -- '### end' }\n");
        command = List.of("zsh", "-f", "-s");
      }
      default -> {
        script.append("source completions/caprune.fish\n");
        script.append("function q; complete -C (string join ' ' -- $argv); echo '### end'; end\n");
        command = List.of("fish", "--no-config");
      }
    }
    for (List<String> q : queries) {
      script.append("q");
      for (String w : q) {
        script.append(" '").append(w).append("'");
      }
      script.append('\n');
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().write(script.toString().getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as(shell + " did not register caprune's completion:\n" + output)
        .isZero();
    List<List<String>> answers = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.equals("### end")) {
        answers.add(current);
        current = new ArrayList<>();
      } else if (!line.isBlank()) {
        current.add(line.split("\t", 2)[0].strip());
      }
    }
    assertThat(answers).as(output).hasSameSizeAs(queries);
    return answers;
  }

  private static List<String> complete(Shell shell, String... words) throws Exception {
    return complete(shell, List.of(List.of(words))).get(0);
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void offersSubcommands(Shell shell) throws Exception {
    assertThat(complete(shell, "caprune", "")).contains("sandbox", "completion", "policy");
    assertThat(complete(shell, "caprune", "plan", "")).containsExactly("show");
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void offersCommandNamesAfterHelp(Shell shell) throws Exception {
    assertThat(complete(shell, "caprune", "help", ""))
        .contains("versions", "delete", "restore", "policy", "sandbox", "completion");
    assertThat(complete(shell, "caprune", "help", "re")).containsExactly("restore");
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void offersEachOptionItsOwnValues(Shell shell) throws Exception {
    // --format's values, not --output's (both options once had the label FORMAT).
    assertThat(complete(shell, "caprune", "delete", "--format", ""))
        .contains("npm", "maven", "pypi")
        .doesNotContain("json", "table");
    assertThat(complete(shell, "caprune", "delete", "-o", ""))
        .containsExactlyInAnyOrder("table", "json", "ndjson", "csv", "markdown");
    assertThat(complete(shell, "caprune", "plan", "show", "-o", ""))
        .containsExactlyInAnyOrder("table", "json");
    assertThat(complete(shell, "caprune", "sandbox", "--quotas", ""))
        .containsExactlyInAnyOrder("aws", "none");
    assertThat(complete(shell, "caprune", "completion", ""))
        .containsExactlyInAnyOrder("bash", "zsh", "fish");
    assertThat(complete(shell, "caprune", "schema", ""))
        .contains("report", "report-line", "versions", "usage", "policy-run", "plan", "policy");
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void treatsVerboseAsAFlag(Shell shell) throws Exception {
    assertThat(complete(shell, "caprune", "versions", "-v", "--dom"))
        .containsExactlyInAnyOrder("--domain", "--domain-owner");
    assertThat(complete(shell, "caprune", "-v", "del")).containsExactly("delete");
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void doesNotOfferOptionsACommandDoesNotHonour(Shell shell) throws Exception {
    // apply declines --explain; --exclude is its own.
    assertThat(complete(shell, "caprune", "apply", "--exc")).containsExactly("--exclude");
    assertThat(complete(shell, "caprune", "apply", "--exp")).isEmpty();
    assertThat(complete(shell, "caprune", "restore", "--no-p")).isEmpty();
    assertThat(complete(shell, "caprune", "delete", "--no-p"))
        .containsExactly("--no-protect-latest");
  }

  /**
   * Every option of every command, from the model: one with values is offered exactly its values;
   * one that takes no value is followed by options, not by a value.
   */
  @ParameterizedTest
  @EnumSource(Shell.class)
  void everyOptionOfEveryCommandCompletesAsTheModelSays(Shell shell) throws Exception {
    List<List<String>> queries = new ArrayList<>();
    List<List<String>> expected = new ArrayList<>();
    List<String> what = new ArrayList<>();
    for (String path : DocExamplesTest.commandPaths()) {
      CommandSpec spec = specOf(path);
      List<String> words = new ArrayList<>(List.of(path.split(" ")));
      for (OptionSpec o : spec.options()) {
        if (o.hidden()) {
          continue;
        }
        List<String> candidates = new ArrayList<>();
        if (o.completionCandidates() != null) {
          o.completionCandidates().forEach(candidates::add);
        }
        for (String name : o.names()) {
          if (o.arity().max() == 0) {
            List<String> q = new ArrayList<>(words);
            q.addAll(List.of(name, "--he"));
            queries.add(q);
            expected.add(List.of("--help"));
            what.add(path + " " + name + " (a flag) --he<TAB>");
          } else if (!candidates.isEmpty()) {
            List<String> q = new ArrayList<>(words);
            q.addAll(List.of(name, ""));
            queries.add(q);
            expected.add(candidates);
            what.add(path + " " + name + " <TAB>");
          }
        }
      }
    }
    assertThat(queries).hasSizeGreaterThan(100);
    List<List<String>> answers = complete(shell, queries);
    for (int i = 0; i < queries.size(); i++) {
      assertThat(answers.get(i))
          .as(shell + ": " + what.get(i))
          .containsExactlyInAnyOrderElementsOf(expected.get(i));
    }
  }

  private static CommandSpec specOf(String path) {
    CommandSpec spec = BuildTools.model().getCommandSpec();
    for (String name : path.split(" ")) {
      if (!name.equals("caprune")) {
        spec = spec.subcommands().get(name).getCommandSpec();
      }
    }
    return spec;
  }

  @Test
  void aLabelSharedByTwoOptionsKeepsEachOptionsValues() {
    // Two options with one label and different values, and a non-boolean flag.
    CommandSpec spec = CommandSpec.create().name("t");
    spec.addOption(
        OptionSpec.builder("--colour")
            .type(String.class)
            .paramLabel("X")
            .completionCandidates(List.of("red", "blue"))
            .build());
    spec.addOption(
        OptionSpec.builder("--size")
            .type(String.class)
            .paramLabel("X")
            .completionCandidates(List.of("s", "m"))
            .build());
    spec.addOption(OptionSpec.builder("-c", "--count").arity("0").type(boolean[].class).build());
    String script = Completions.bash(new picocli.CommandLine(spec));
    assertThat(script)
        .contains("colour_option_args=(\"red\" \"blue\")")
        .contains("size_option_args=(\"s\" \"m\")")
        .contains("${colour_option_args[@]}")
        .contains("${size_option_args[@]}");
    assertThat(script).doesNotContain("'-c'|'--count')");
    assertThat(script).containsPattern("flag_opts=\"[^\"]*'--count'");
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
