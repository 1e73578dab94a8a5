package dev.caprune.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * What the build writes from the command model: man pages ({@code man-pages OUTDIR}, run by the
 * build before the distributions; Asciidoctor turns the AsciiDoc pages into roff) and {@code
 * completions/} ({@code completions DIR}, run by {@code -Pcompletions}). Main scope so that {@code
 * mvn package -Dmaven.test.skip=true} can run it; left out of the shipped jar (picocli-codegen is a
 * build-time dependency only).
 */
public final class BuildTools {
  /** How to rewrite {@code completions/}; {@code CompletionScriptsTest} names it when stale. */
  public static final String REGENERATE_COMPLETIONS = "mvn -B -q -Pcompletions process-classes";

  private BuildTools() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2 || !List.of("man-pages", "completions").contains(args[0])) {
      throw new IllegalArgumentException("usage: BuildTools man-pages|completions DIR");
    }
    Path dir = Path.of(args[1]);
    if (args[0].equals("man-pages")) {
      writeManPages(dir);
    } else {
      writeCompletions(dir);
    }
  }

  /**
   * The whole command model. picocli's generators cannot be given the class name alone: {@link
   * Caprune} adds its subcommands in code.
   */
  public static CommandLine model() {
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    // 80 columns whatever the build's terminal: the synopsis in the man pages is the same
    // everywhere.
    CliContext system = CliContext.system();
    CliContext context =
        new CliContext(
            system.clock(), system.gateways(), system.terminal(), Map.of("COLUMNS", "80"));
    return Caprune.commandLine(context, none, none);
  }

  /** caprune and one name per visible subcommand, as the man pages are named: caprune-sandbox... */
  public static List<String> manPageNames() {
    List<String> names = new ArrayList<>();
    names.add("caprune");
    collect(model(), "caprune", names);
    return names;
  }

  private static void collect(CommandLine cmd, String prefix, List<String> names) {
    for (var e : cmd.getSubcommands().entrySet()) {
      if (e.getKey().equals(e.getValue().getCommandName())
          && !e.getValue().getCommandSpec().usageMessage().hidden()) {
        String name = prefix + "-" + e.getKey();
        names.add(name);
        collect(e.getValue(), name, names);
      }
    }
  }

  /** One AsciiDoc man page per command ({@link ManPages}), named as {@link #manPageNames()}. */
  static void writeManPages(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> page : manPages().entrySet()) {
      Files.writeString(
          dir.resolve(page.getKey() + ".adoc"), page.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** Each man page's name (caprune-plan-show) and AsciiDoc text. */
  public static Map<String, String> manPages() {
    Map<String, String> pages = new LinkedHashMap<>();
    collectPages(model().getCommandSpec(), pages);
    return pages;
  }

  private static void collectPages(
      picocli.CommandLine.Model.CommandSpec spec, Map<String, String> pages) {
    pages.put(spec.qualifiedName("-"), ManPages.page(spec));
    for (picocli.CommandLine.Model.CommandSpec sub : ManPages.visible(spec)) {
      collectPages(sub, pages);
    }
  }

  /** File name in {@code completions/} and its content, per shell. */
  public static Map<String, String> completionScripts() {
    CommandLine model = model();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("caprune.bash", Completions.script(Completions.Shell.bash, model));
    files.put("_caprune", Completions.script(Completions.Shell.zsh, model));
    files.put("caprune.fish", Completions.script(Completions.Shell.fish, model));
    return files;
  }

  static void writeCompletions(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : completionScripts().entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }
}
