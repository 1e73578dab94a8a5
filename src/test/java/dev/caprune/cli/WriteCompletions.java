package dev.caprune.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Writes {@code completions/} from the command model. Run it with {@code mvn -B -q -Pcompletions
 * process-test-classes}; {@link CompletionScriptsTest} fails while the files are stale.
 */
public final class WriteCompletions {
  static final String REGENERATE = "mvn -B -q -Pcompletions process-test-classes";

  private WriteCompletions() {}

  /** File name in {@code completions/} and its content, per shell. */
  static Map<String, String> scripts() {
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    CommandLine model = Caprune.commandLine(CliContext.system(), none, none);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("caprune.bash", Completions.script(Completions.Shell.bash, model));
    files.put("_caprune", Completions.script(Completions.Shell.zsh, model));
    files.put("caprune.fish", Completions.script(Completions.Shell.fish, model));
    return files;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "completions");
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : scripts().entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }
}
