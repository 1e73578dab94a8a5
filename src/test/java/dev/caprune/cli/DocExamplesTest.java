package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.Runs;
import dev.caprune.testing.SandboxHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every caprune command line in the code blocks of README.md and of every docs/*.md page, and in
 * every command's {@code --help} examples, is run, in order, against the demo sandbox: none may be
 * refused (exit 2) or fail. The pages run in the order {@link DocPages#all()} gives (the README,
 * then the manual in its table of contents' order) and share one temporary directory, as a reader
 * following them would: a later page may use a file an earlier one wrote ({@code retention.yaml}).
 * The runner changes only what a test must: the endpoint is the sandbox's, a command that writes
 * gets {@code --dry-run} (unless it saves a plan, which writes nothing), files and redirections go
 * to that directory. A line that cannot run here is on {@link #NOT_RUN}, with its reason.
 */
class DocExamplesTest {
  /**
   * Lines that name caprune but are not run, each with why; keyed by the line as the docs give it
   * (continuations joined, comments and extra spaces dropped). A key the docs no longer have fails
   * {@link #everyLineNotRunIsStillInTheDocs()}.
   */
  static final Map<String, String> NOT_RUN =
      Map.of(
          "caprune sandbox --demo",
          "serves until interrupted; SandboxCommandTest starts it",
          "java -jar target/caprune.jar sandbox --demo &",
          "a background job that serves until interrupted",
          "caprune sandbox --generate 2000x50 --throttle-rate 0.05 --quotas aws",
          "serves until interrupted; SandboxCommandTest covers --generate and the fault options",
          "docker run --rm -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e AWS_SESSION_TOKEN -e"
              + " AWS_REGION caprune:0.1.0 versions --domain acme --repository releases",
          "needs docker and the image; the same versions command runs here without it",
          "source <(caprune completion bash)",
          "a shell's process substitution; CompletionScriptsTest runs the script in bash",
          "source <(caprune completion zsh)",
          "a shell's process substitution; CompletionScriptsTest runs the script in zsh",
          "caprune completion fish | source",
          "a pipe into fish; CompletionScriptsTest runs the script in fish",
          "caprune --prepare",
          "the launcher's install step, not the Java command's; DistributionIT runs it",
          "caprune policy run retention.yaml --event event.json --dry-run --explain",
          "needs an EventBridge event file; PolicyEventTest runs it with the sample events");

  /**
   * Lines that select nothing in the demo sandbox, each with why that is the point; keyed as {@link
   * #NOT_RUN} is. Any other example that selects nothing would pass without showing what it claims,
   * so it fails: make it select something, or add it here with why.
   */
  static final Map<String, String> SELECTS_NOTHING = Map.of();

  /**
   * Lines that print a {@code caprune: warning:} on purpose, each with why; keyed as {@link
   * #NOT_RUN} is. Any other example that warns (an exact version or package the demo data does not
   * have, say) shows a typo rather than what it claims, so it fails.
   */
  static final Map<String, String> WARNS = Map.of();

  /**
   * A log record's layout on stderr, which a run at the default level must never print: a time, or
   * a level word between spaces. People read {@code caprune: warning: ...} instead.
   */
  static final Pattern LOG_RECORD =
      Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d+ +(WARN|INFO|ERROR|DEBUG)| (WARN|INFO|ERROR) ");

  /** What a command prints when it selected nothing, in each format. */
  private static final Pattern NOTHING_SELECTED =
      Pattern.compile(
          "No versions match|The plan selects no version|\"selected\"\\s*:\\s*0\\b"
              + "|^0 versions",
          Pattern.MULTILINE);

  /** caprune as a command word: {@code caprune versions}, {@code caprune.jar versions}... */
  private static final Pattern NAMES_CAPRUNE =
      Pattern.compile("(^|[\\s(/|;&])caprune(\\.jar|:[\\w.]+)?\\s+[a-z-]");

  private static final Pattern FILE_ARGUMENT =
      Pattern.compile("[\\w./~-]*\\.(json|ya?ml|txt|ndjson|csv|err|log)");

  private static SandboxHarness sandbox;
  private static final CommandLine MODEL = BuildTools.model();

  @BeforeAll
  static void start() throws Exception {
    sandbox = new SandboxHarness(Sandbox.builder().demo(SandboxHarness.NOW).start());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** One example: where it is written, and its logical line. */
  record Example(String where, String line) {}

  @TestFactory
  Stream<DynamicNode> docExamplesRun(@TempDir Path dir) throws IOException {
    List<DynamicNode> groups = new ArrayList<>();
    for (Map.Entry<String, List<Example>> e : docExamples().entrySet()) {
      groups.add(group(e.getKey(), e.getValue(), dir, true));
    }
    return groups.stream();
  }

  @TestFactory
  Stream<DynamicNode> helpExamplesRun(@TempDir Path dir) throws IOException {
    List<DynamicNode> groups = new ArrayList<>();
    for (Map.Entry<String, List<Example>> e : helpExamples().entrySet()) {
      Path own = Files.createDirectories(dir.resolve(e.getKey().replace(' ', '-')));
      groups.add(group(e.getKey() + " --help", e.getValue(), own, false));
    }
    return groups.stream();
  }

  @Test
  void theDocsHaveExamplesToRun() throws IOException {
    Map<String, List<Example>> docs = docExamples();
    // Every page is read, the README's five everyday examples (and more) among them.
    assertThat(docs.keySet())
        .containsAll(DocPages.onDisk().stream().map(DocPages::name).toList())
        .contains("README.md");
    assertThat(docs.get("README.md")).hasSizeGreaterThanOrEqualTo(6);
    assertThat(docs.values().stream().mapToInt(List::size).sum()).isGreaterThan(25);
    for (String page :
        List.of(
            "docs/plans.md",
            "docs/policies.md",
            "docs/storage.md",
            "docs/scheduling.md",
            "docs/sandbox.md")) {
      assertThat(docs.get(page)).as(page).isNotEmpty();
    }
    Map<String, List<Example>> help = helpExamples();
    // Every command, each with at least one example in its --help.
    assertThat(help.keySet()).containsAll(commandPaths());
    help.forEach((command, examples) -> assertThat(examples).as(command).isNotEmpty());
  }

  @Test
  void everyLineNotRunIsStillInTheDocs() throws IOException {
    Set<String> lines = new LinkedHashSet<>();
    docExamples().values().forEach(l -> l.forEach(e -> lines.add(e.line())));
    helpExamples().values().forEach(l -> l.forEach(e -> lines.add(e.line())));
    assertThat(lines)
        .containsAll(NOT_RUN.keySet())
        .containsAll(SELECTS_NOTHING.keySet())
        .containsAll(WARNS.keySet());
  }

  @Test
  void yearsAreNoAgeUnitAndTheDocsSaySo() throws IOException {
    // The README's own examples once used --older-than 1y, which caprune refuses.
    StringBuilder all = new StringBuilder();
    for (Path page : DocPages.all()) {
      String text = Files.readString(page);
      assertThat(text).as(DocPages.name(page)).doesNotContainPattern("--older-than[ =]\\d+y\\b");
      all.append(text);
    }
    assertThat(all.toString()).contains("a year is `365d`");
    CliResult r =
        sandbox.run(
            "versions", "--domain", "acme", "--repository", "releases", "--older-than", "1y");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'1y'").contains("365d");
  }

  /**
   * @param mustSelect whether an example that selects nothing fails (the pages' examples; not yet
   *     the --help ones, some of which select nothing in the demo data)
   */
  private static DynamicContainer group(
      String where, List<Example> examples, Path dir, boolean mustSelect) {
    List<DynamicTest> tests = new ArrayList<>();
    int n = 0;
    for (Example e : examples) {
      n++;
      tests.add(
          DynamicTest.dynamicTest(n + ": " + e.line(), () -> runOrExplain(e, dir, mustSelect)));
    }
    return DynamicContainer.dynamicContainer(where, tests);
  }

  private static void runOrExplain(Example e, Path dir, boolean mustSelect) throws IOException {
    if (NOT_RUN.containsKey(e.line())) {
      return; // not run, for the reason given there
    }
    Shell.Line parsed = Shell.parse(e.line());
    assertThat(parsed.problem())
        .as(
            "%s: '%s' cannot run in a test (%s): make it runnable, or add it to NOT_RUN with why",
            e.where(), e.line(), parsed.problem())
        .isNull();
    List<String> args = arguments(parsed.words());
    assertThat(args).as("%s: '%s' does not start with caprune", e.where(), e.line()).isNotNull();
    assertThat(args.isEmpty() ? "" : args.get(0))
        .as("%s: '%s' starts a sandbox: add it to NOT_RUN", e.where(), e.line())
        .isNotEqualTo("sandbox");
    List<String> actual = adapt(args, dir);
    CliResult r;
    String stderr;
    // Log4j writes to the process's stderr: the capture sees each line as that appender writes it.
    try (LogCapture log = LogCapture.attach()) {
      r = sandbox.runRaw(actual.toArray(String[]::new));
      stderr = r.err() + log.text();
    }
    if (parsed.stdout() != null) {
      write(dir.resolve(basename(parsed.stdout())), r.out(), parsed.appendOut());
    }
    if (parsed.stderr() != null) {
      write(dir.resolve(basename(parsed.stderr())), r.err(), true);
    }
    assertThat(r.exitCode())
        .as("%s: '%s'%nran as: caprune %s%n%s", e.where(), e.line(), String.join(" ", actual), r)
        .isZero();
    boolean verbose = args.stream().anyMatch(a -> a.matches("-v+|--verbose"));
    for (String line : stderr.split("\\R")) {
      assertThat(verbose || !LOG_RECORD.matcher(line).find())
          .as(
              "%s: '%s' printed a log record, not a message: %s%nran as: caprune %s%n%s",
              e.where(), e.line(), line, String.join(" ", actual), r)
          .isTrue();
    }
    if (!WARNS.containsKey(e.line())) {
      assertThat(stderr)
          .as(
              "%s: '%s' warns in the demo sandbox, so it shows a mistake rather than what it"
                  + " claims: fix the example, or add it to WARNS with why%nran as: caprune %s%n%s",
              e.where(), e.line(), String.join(" ", actual), stderr)
          .doesNotContain("caprune: warning:");
    }
    if (mustSelect && !SELECTS_NOTHING.containsKey(e.line())) {
      assertThat(NOTHING_SELECTED.matcher(r.out()).find())
          .as(
              "%s: '%s' selects nothing in the demo sandbox, so it shows nothing of what it"
                  + " claims: make it select something, or add it to SELECTS_NOTHING with why"
                  + "%nran as: caprune %s%n%s",
              e.where(), e.line(), String.join(" ", actual), r)
          .isFalse();
    }
  }

  /** The arguments after caprune, or null when the line runs something else. */
  private static List<String> arguments(List<String> words) {
    if (!words.isEmpty() && words.get(0).equals("caprune")) {
      return words.subList(1, words.size());
    }
    if (words.size() > 2
        && words.subList(0, 2).equals(List.of("java", "-jar"))
        && words.get(2).endsWith("caprune.jar")) {
      return words.subList(3, words.size());
    }
    return null;
  }

  /** The sandbox's endpoint, --dry-run where the command writes, files in {@code dir}. */
  private static List<String> adapt(List<String> args, Path dir) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (i > 0 && args.get(i - 1).equals("--endpoint-url")) {
        out.add(sandbox.sandbox.endpoint().toString());
      } else if (!a.startsWith("-") && FILE_ARGUMENT.matcher(a).matches()) {
        out.add(dir.resolve(basename(a)).toString());
      } else {
        out.add(a);
      }
    }
    CommandSpec spec = commandOf(args);
    if (spec.findOption("--endpoint-url") != null && !args.contains("--endpoint-url")) {
      out.add("--endpoint-url");
      out.add(sandbox.sandbox.endpoint().toString());
    }
    boolean dryRun = args.contains("--dry-run") || args.contains("-n");
    if (spec.findOption("--dry-run") != null && !dryRun && !args.contains("--save-plan")) {
      out.add("--dry-run");
    }
    return out;
  }

  /** The (sub)command the arguments name. */
  private static CommandSpec commandOf(List<String> args) {
    CommandLine cmd = MODEL;
    for (String a : args) {
      CommandLine sub = a.startsWith("-") ? null : cmd.getSubcommands().get(a);
      if (sub == null) {
        break;
      }
      cmd = sub;
    }
    return cmd.getCommandSpec();
  }

  private static String basename(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }

  private static void write(Path file, String text, boolean append) throws IOException {
    if (append && Files.exists(file)) {
      text = Files.readString(file) + text;
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  // ---- where the examples come from

  /** Each page's caprune lines, keyed by page ("README.md", "docs/plans.md"), in page order. */
  static Map<String, List<Example>> docExamples() throws IOException {
    Map<String, List<Example>> all = new LinkedHashMap<>();
    for (Path page : DocPages.all()) {
      all.put(DocPages.name(page), examplesIn(page));
    }
    return all;
  }

  /** The caprune lines of a page's fenced code blocks (indented ones in lists too), in order. */
  static List<Example> examplesIn(Path page) throws IOException {
    String where = DocPages.name(page);
    List<Example> examples = new ArrayList<>();
    List<String> lines = Files.readAllLines(page);
    String language = null;
    StringBuilder pending = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      if (raw.strip().startsWith("```")) {
        language = language == null ? raw.strip().substring(3).strip() : null;
        continue;
      }
      if (language == null) {
        continue;
      }
      String line = raw.strip();
      if (language.equals("yaml")) {
        line = line.replaceFirst("^(- )?run:\\s*\\|?\\s*", "");
      }
      if (pending.length() == 0) {
        start = i + 1;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      String logical = pending.toString();
      pending.setLength(0);
      if (language.equals("cron") && !logical.startsWith("#")) {
        logical = logical.replaceFirst("^(\\S+\\s+){5}", ""); // the schedule
      }
      String normal = Shell.normalize(logical);
      if (NAMES_CAPRUNE.matcher(normal).find()) {
        examples.add(new Example(where + ":" + start, normal));
      }
    }
    return examples;
  }

  /** Each command's --help examples, as printed, keyed by command path ("plan show"). */
  static Map<String, List<Example>> helpExamples() {
    Map<String, List<Example>> all = new LinkedHashMap<>();
    for (String path : commandPaths()) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.remove(0); // caprune
      args.add("--help");
      CliResult help = Runs.run(Runs.context(), args.toArray(String[]::new));
      assertThat(help.exitCode()).as(help.toString()).isZero();
      all.put(path, examplesIn(path, help.out()));
    }
    return all;
  }

  /** The logical lines of the "Examples:" section of a help text. */
  static List<Example> examplesIn(String command, String help) {
    List<Example> examples = new ArrayList<>();
    boolean in = false;
    StringBuilder pending = new StringBuilder();
    for (String line : help.split("\\R")) {
      if (line.equals("Examples:")) {
        in = true;
        continue;
      }
      if (!in) {
        continue;
      }
      if (line.isBlank()) {
        break;
      }
      String l = line.strip();
      if (l.endsWith("\\")) {
        pending.append(l, 0, l.length() - 1).append(' ');
        continue;
      }
      pending.append(l);
      String normal = Shell.normalize(pending.toString());
      pending.setLength(0);
      if (NAMES_CAPRUNE.matcher(normal).find()) { // not the lines that set the scene (export)
        examples.add(new Example(command + " --help", normal));
      }
    }
    return examples;
  }

  /** "caprune", "caprune versions", ..., "caprune plan show", every visible command. */
  static List<String> commandPaths() {
    List<String> paths = new ArrayList<>();
    collect(MODEL, "caprune", paths);
    return paths;
  }

  private static void collect(CommandLine cmd, String path, List<String> paths) {
    paths.add(path);
    for (CommandSpec sub : ManPages.visible(cmd.getCommandSpec())) {
      collect(sub.commandLine(), path + " " + sub.name(), paths);
    }
  }

  /** Just enough of a POSIX shell's word splitting to run a documented command line. */
  static final class Shell {
    /**
     * @param words the words, quotes removed
     * @param stdout where {@code >} or {@code >>} sends stdout, or null
     * @param stderr where {@code 2>} or {@code 2>>} sends stderr, or null
     * @param problem why the line is not a plain command (a pipe, a background job, an expansion),
     *     or null
     */
    record Line(
        List<String> words, String stdout, boolean appendOut, String stderr, String problem) {}

    /** The line without its comment and with single spaces between words. */
    static String normalize(String line) {
      StringBuilder s = new StringBuilder();
      char quote = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote == 0 && c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
          break;
        }
        if (quote == 0 && (c == '\'' || c == '"')) {
          quote = c;
        } else if (c == quote) {
          quote = 0;
        }
        s.append(quote == 0 && Character.isWhitespace(c) ? ' ' : c);
      }
      return s.toString().strip().replaceAll(" {2,}", " ");
    }

    static Line parse(String line) {
      List<String> words = new ArrayList<>();
      String stdout = null;
      String stderr = null;
      boolean append = false;
      String problem = null;
      String redirect = null; // "1" or "2" while the next word is a redirection's target
      StringBuilder word = null;
      for (int i = 0; i <= line.length(); i++) {
        char c = i < line.length() ? line.charAt(i) : ' ';
        if (Character.isWhitespace(c)) {
          if (word != null) {
            if (redirect != null) {
              if (redirect.equals("1")) {
                stdout = word.toString();
              } else {
                stderr = word.toString();
              }
              redirect = null;
            } else {
              words.add(word.toString());
            }
            word = null;
          }
          continue;
        }
        if (c == '>') {
          boolean err = word != null && word.toString().equals("2");
          if (word != null && !err) {
            words.add(word.toString());
          }
          word = null;
          redirect = err ? "2" : "1";
          if (i + 1 < line.length() && line.charAt(i + 1) == '>') {
            i++;
            append |= !err;
          }
          continue;
        }
        if ("|&;<`".indexOf(c) >= 0) {
          problem = problem != null ? problem : "the shell operator '" + c + "'";
          continue;
        }
        if (c == '$' || (c == '~' && word == null && redirect == null)) {
          problem = problem != null ? problem : "a shell expansion ('" + c + "')";
        }
        if (word == null) {
          word = new StringBuilder();
        }
        if (c == '\'') {
          int end = line.indexOf('\'', i + 1);
          word.append(line, i + 1, end);
          i = end;
        } else if (c == '"') {
          int end = line.indexOf('"', i + 1);
          String quoted = line.substring(i + 1, end);
          if (quoted.contains("$") || quoted.contains("`")) {
            problem = problem != null ? problem : "an expansion in double quotes";
          }
          word.append(quoted);
          i = end;
        } else if (c == '\\' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      }
      return new Line(words, stdout, append, stderr, problem);
    }
  }
}
