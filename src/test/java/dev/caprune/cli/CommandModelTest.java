package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.ExitCodes;
import dev.caprune.startup.Preselection;
import dev.caprune.testing.CliResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A run builds only the subcommands it needs; what users see must not depend on it: help still
 * lists every command, a typo still gets a suggestion, {@code --version} still answers.
 */
class CommandModelTest {
  private static final List<Class<?>> ALL = List.copyOf(Caprune.COMMANDS.values());

  @Test
  void eachNameIsItsCommandsOwnName() {
    for (Map.Entry<String, Class<?>> e : Caprune.COMMANDS.entrySet()) {
      assertThat(e.getValue().getAnnotation(Command.class).name())
          .as(e.getValue().getSimpleName())
          .isEqualTo(e.getKey());
    }
    assertThat(Caprune.COMMANDS).hasSize(14);
  }

  @Test
  void aNamedCommandIsBuiltAlone() {
    assertThat(Preselection.needed("versions", "--domain", "acme", "--help"))
        .containsExactly(VersionsCommand.class);
    assertThat(Preselection.needed("-vv", "-q", "--verbose", "delete", "--dry-run"))
        .containsExactly(DeleteCommand.class);
    assertThat(Preselection.needed("plan", "show", "p.json")).containsExactly(PlanCommand.class);
  }

  @Test
  void versionNeedsNoSubcommand() {
    assertThat(Preselection.needed("--version")).isEmpty();
    assertThat(Preselection.needed("-v", "-V")).isEmpty();
  }

  /** The SDK's tables are filled ahead ({@code Preload.sdk}) for a run of one AWS command only. */
  @Test
  void onlyARunOfOneCommandThatCallsAwsPreloadsTheSdk() {
    assertThat(Preselection.callsAws(Preselection.needed("versions", "--domain", "acme"))).isTrue();
    assertThat(Preselection.callsAws(Preselection.needed("-q", "delete", "--dry-run"))).isTrue();
    assertThat(Preselection.callsAws(Preselection.needed("policy", "run", "p.yaml"))).isTrue();
    assertThat(Preselection.callsAws(Preselection.needed("--version"))).isFalse();
    assertThat(Preselection.callsAws(Preselection.needed("--help"))).isFalse();
    assertThat(Preselection.callsAws(Preselection.needed("verions"))).isFalse();
    assertThat(Preselection.callsAws(Preselection.needed("sandbox", "--demo"))).isFalse();
    assertThat(Preselection.callsAws(Preselection.needed("completion", "bash"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "--help",
        "-h",
        "verions",
        "completion bash",
        "--version versions",
        "-x versions",
        "-- versions",
        "-vx versions"
      })
  void everythingElseGetsTheWholeModel(String args) {
    String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
    assertThat(Preselection.needed(argv)).isEqualTo(ALL);
  }

  @Test
  void topLevelHelpStillListsEveryCommand() {
    CliResult r = run("--help");
    assertThat(r.exitCode()).isZero();
    for (String name : Caprune.COMMANDS.keySet()) {
      assertThat(r.out()).containsPattern("(?m)^\\s+" + name + "\\s");
    }
  }

  @Test
  void aMistypedCommandStillGetsASuggestion() {
    CliResult r = run("verions", "--domain", "acme");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Unmatched argument").contains("versions");
  }

  @Test
  void versionAnswersWithoutSubcommands() {
    CommandLine cmd =
        Caprune.commandLine(
            CliContext.system(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            "--version");
    assertThat(cmd.getSubcommands()).isEmpty();
    CliResult r = run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("caprune ");
  }

  @Test
  void aSubcommandsHelpKeepsItsExitCodeFooter() {
    CliResult r = run("versions", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: caprune versions").contains("Exit codes:");
  }

  private static CliResult run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Caprune.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliResult(code, out.toString(), err.toString());
  }
}
