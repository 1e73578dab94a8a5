package dev.caprune.cli;

import dev.caprune.run.CapruneException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code caprune help [COMMAND...]}: a command's help exactly as its {@code --help} prints it; the
 * list of commands without one. A name that is no command is exit 2, one line.
 */
@Command(
    name = "help",
    helpCommand = true,
    mixinStandardHelpOptions = true,
    description = {
      "Print a command's help, as COMMAND --help prints it; without a command, caprune's own help"
          + " with the list of commands."
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune help                 # the list of commands",
      "  caprune help delete          # as caprune delete --help",
      "  caprune help policy run      # as caprune policy run --help"
    })
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      completionCandidates = CommandNames.class,
      description = "The command whose help to print, such as delete or policy run.")
  List<String> names = List.of();

  /** caprune's command names, for the completion scripts: {@code caprune help <TAB>}. */
  static final class CommandNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Caprune.COMMANDS.keySet().iterator();
    }
  }

  private CommandLine self;
  private CommandLine.Help.ColorScheme colors;
  private PrintWriter out;

  @Override
  public void init(
      CommandLine helpCommandLine,
      CommandLine.Help.ColorScheme colorScheme,
      PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = outWriter;
  }

  @Override
  public void run() {
    CommandLine target = self.getParent();
    for (String name : names) {
      CommandLine sub = target.getSubcommands().get(name);
      if (sub == null || sub == self) {
        throw CapruneException.usage(
            "help: '"
                + name
                + "' is not a command of "
                + target.getCommandSpec().qualifiedName()
                + " (its commands: "
                + String.join(", ", commandsOf(target))
                + ")");
      }
      target = sub;
    }
    target.usage(out, colors);
    out.flush();
  }

  private List<String> commandsOf(CommandLine command) {
    return command.getSubcommands().values().stream()
        .filter(c -> c != self && !c.getCommandSpec().usageMessage().hidden())
        .map(c -> c.getCommandName())
        .distinct()
        .toList();
  }
}
