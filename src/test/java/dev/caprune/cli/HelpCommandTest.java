package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.ExitCodes;
import dev.caprune.startup.Preselection;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Runs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code caprune help [COMMAND...]} and a bare {@code caprune}, as git and the AWS CLI answer. */
class HelpCommandTest {
  private static final Class<?> HELP = HelpCommand.class;

  private static CliResult run(String... args) {
    return Runs.run(Runs.context(), args);
  }

  @Test
  void helpAlonePrintsTheTopLevelUsageWithTheCommandList() {
    CliResult help = run("help");
    CliResult flag = run("--help");

    assertThat(help.exitCode()).as(help.toString()).isEqualTo(ExitCodes.OK);
    assertThat(help.err()).isEmpty();
    assertThat(help.out()).isEqualTo(flag.out()).contains("delete", "versions", "policy", "help");
  }

  @Test
  void helpCommandPrintsThatCommandsHelpAsItsHelpFlagDoes() {
    CliResult help = run("help", "delete");
    CliResult flag = run("delete", "--help");

    assertThat(help.exitCode()).as(help.toString()).isEqualTo(ExitCodes.OK);
    assertThat(help.err()).isEmpty();
    assertThat(help.out()).isEqualTo(flag.out()).contains("--older-than");
  }

  @Test
  void helpOfANestedCommandPrintsItsHelp() {
    CliResult help = run("help", "policy", "run");
    CliResult flag = run("policy", "run", "--help");

    assertThat(help.exitCode()).as(help.toString()).isEqualTo(ExitCodes.OK);
    assertThat(help.out()).isEqualTo(flag.out());
  }

  @Test
  void helpOfAnUnknownCommandIsOneLineAndExit2() {
    CliResult r = run("help", "nosuch");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err().strip())
        .startsWith("caprune: help: 'nosuch' is not a command of caprune (its commands: versions,")
        .doesNotContain(", help");
  }

  /** As git, kubectl and the AWS CLI: the usage on stderr and a non-zero exit. */
  @Test
  void noCommandPrintsTheUsageOnStderrAndIsExit2() {
    CliResult bare = run();
    CliResult flag = run("--help");

    assertThat(bare.exitCode()).as(bare.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(bare.out()).isEmpty();
    assertThat(bare.err()).isEqualTo(flag.out());
  }

  @Test
  void helpCommandBuildsOnlyHelpAndTheCommandItNames() {
    assertThat(Preselection.needed("help", "delete")).containsExactly(HELP, DeleteCommand.class);
    assertThat(Preselection.needed("-v", "help", "policy", "run"))
        .containsExactly(HELP, PolicyCommand.class);
    assertThat(Preselection.needed("help")).hasSize(Caprune.COMMANDS.size());
    assertThat(Preselection.needed("help", "nosuch")).hasSize(Caprune.COMMANDS.size());
    assertThat(Preselection.callsAws(Preselection.needed("help", "delete"))).isFalse();
  }

  @Test
  void helpIsListedAmongTheCommands() {
    assertThat(List.copyOf(Caprune.COMMANDS.keySet())).contains("help");
  }
}
