package dev.caprune.cli;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * One AsciiDoc man page per command: picocli's NAME, SYNOPSIS, DESCRIPTION, OPTIONS, ARGUMENTS and
 * COMMANDS, then caprune's EXIT STATUS (a table), ENVIRONMENT, FILES, EXAMPLES and SEE ALSO. Every
 * section is derived from the command model (its options, its examples, its place in the tree) and
 * the lists below, so that a new command or option gets its sections without a word written here.
 * Build-time only, with {@link BuildTools}.
 */
final class ManPages {
  private ManPages() {}

  /** A variable caprune (or its launcher) reads, and the commands it matters to. */
  private record Variable(String name, String meaning, Predicate<CommandSpec> appliesTo) {}

  private static boolean all(CommandSpec c) {
    return true;
  }

  private static boolean callsAws(CommandSpec c) {
    return c.findOption("--profile") != null;
  }

  private static boolean colours(CommandSpec c) {
    return c.findOption("--no-color") != null;
  }

  /** What the tool honours, as the README's "AWS credentials and permissions" describes it. */
  private static final List<Variable> ENVIRONMENT =
      List.of(
          new Variable(
              "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN",
              "Credentials, used when no --profile is given (as the AWS CLI does).",
              ManPages::callsAws),
          new Variable(
              "AWS_PROFILE",
              "The profile to use when neither --profile nor AWS_ACCESS_KEY_ID is set; a profile"
                  + " that no file holds is an error (exit 2).",
              ManPages::callsAws),
          new Variable(
              "AWS_REGION, AWS_DEFAULT_REGION",
              "The region when --region is not given, AWS_REGION first (then the profile's"
                  + " region).",
              ManPages::callsAws),
          new Variable(
              "AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE",
              "Where profiles are read (default: ~/.aws/config, ~/.aws/credentials).",
              ManPages::callsAws),
          new Variable(
              "AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME",
              "Web identity credentials (OIDC in CI).",
              ManPages::callsAws),
          new Variable(
              "AWS_ENDPOINT_URL_CODEARTIFACT, AWS_ENDPOINT_URL",
              "The endpoint when --endpoint-url is not given; ignored when"
                  + " AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true. A plan records it.",
              ManPages::callsAws),
          new Variable(
              "NO_COLOR",
              "Set and not empty: no colours, as --no-color (also TERM=dumb).",
              ManPages::colours),
          new Variable(
              "COLUMNS", "The width of --help (default: the terminal's, else 80).", ManPages::all),
          new Variable(
              "JAVA_HOME",
              "The launcher's Java (17 or later; default: java on PATH).",
              ManPages::all),
          new Variable(
              "CAPRUNE_JAVA_OPTS",
              "Extra JVM options for the launcher, e.g. -Xmx2g for very large repositories.",
              ManPages::all),
          new Variable(
              "CAPRUNE_CACHE_DIR",
              "Where the launcher keeps its start-up archive (see FILES).",
              ManPages::all),
          new Variable(
              "CAPRUNE_CDS", "off: start without the start-up archive (slower).", ManPages::all));

  /** Files every command (or every command that calls AWS) reads, besides its FILE arguments. */
  private static final List<Variable> FILES =
      List.of(
          new Variable(
              "~/.aws/config, ~/.aws/credentials",
              "AWS profiles: credentials, region, role assumption, SSO (AWS_CONFIG_FILE and"
                  + " AWS_SHARED_CREDENTIALS_FILE move them).",
              ManPages::callsAws),
          new Variable(
              "${CAPRUNE_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/caprune}",
              "The launcher's start-up archive, one per caprune version, Java and jar; rebuilt when"
                  + " missing, safe to delete.",
              ManPages::all));

  /** The AsciiDoc page of {@code spec}. */
  static String page(CommandSpec spec) {
    StringWriter picocli = new StringWriter();
    try (PrintWriter pw = new PrintWriter(picocli)) {
      ManPageGenerator.writeSingleManPage(pw, spec);
    }
    String page = picocli.toString();
    // picocli's exit-status (a definition list) and footer (our examples, hard-broken) sections
    // are replaced by the ones below.
    page = cut(page, "exit-status");
    page = cut(page, "footer");
    String end = "// end::picocli-generated-full-manpage[]";
    int at = page.lastIndexOf(end);
    return page.substring(0, at) + sections(spec) + page.substring(at);
  }

  /** caprune's own sections, in man-pages(7) order. */
  static String sections(CommandSpec spec) {
    StringBuilder s = new StringBuilder();
    exitStatus(spec, s);
    environment(spec, s);
    files(spec, s);
    examples(spec, s);
    seeAlso(spec, s);
    return s.toString();
  }

  /**
   * A tbl(1) table passed through to the roff page: Asciidoctor's own tables are boxed with narrow
   * fixed columns; this one is two columns, the meaning filling the line ({@code lx}).
   */
  private static void exitStatus(CommandSpec spec, StringBuilder s) {
    s.append("== Exit status\n\n++++\n.TS\ntab(@);\nlB lB\nr lx.\nCode@Meaning\n");
    for (Map.Entry<String, String> e : ExitCodeList.of(spec).entrySet()) {
      s.append(e.getKey().strip()).append("@T{\n").append(roff(e.getValue())).append("\nT}\n");
    }
    s.append(".TE\n++++\n\n");
  }

  /** Text for a roff line: backslashes and minus signs escaped ({@code --max} stays copyable). */
  private static String roff(String text) {
    String t = text.replace("\\", "\\\\").replace("-", "\\-");
    return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
  }

  private static void environment(CommandSpec spec, StringBuilder s) {
    s.append("== Environment\n\n");
    for (Variable v : ENVIRONMENT) {
      if (v.appliesTo().test(spec)) {
        s.append("*").append(v.name()).append("*::\n  ").append(escape(v.meaning())).append("\n");
      }
    }
    s.append('\n');
  }

  /** The files the command's options and arguments name, then the ones it always reads. */
  private static void files(CommandSpec spec, StringBuilder s) {
    s.append("== Files\n\n");
    List<ArgSpec> args = new ArrayList<>(spec.positionalParameters());
    args.addAll(spec.options());
    for (ArgSpec a : args) {
      Class<?> type = a.typeInfo().getAuxiliaryTypes()[0];
      if (a.hidden() || !(Path.class.isAssignableFrom(type) || File.class == type)) {
        continue;
      }
      String name =
          a instanceof OptionSpec o ? o.longestName() + " " + a.paramLabel() : a.paramLabel();
      s.append("`")
          .append(name)
          .append("`::\n  ")
          .append(escape(String.join(" ", a.description())))
          .append("\n");
    }
    for (Variable f : FILES) {
      if (f.appliesTo().test(spec)) {
        s.append("`").append(f.name()).append("`::\n  ").append(escape(f.meaning())).append("\n");
      }
    }
    s.append('\n');
  }

  /** The examples of {@code --help} (the command's footer), verbatim. */
  private static void examples(CommandSpec spec, StringBuilder s) {
    String[] footer = spec.usageMessage().footer();
    if (footer.length == 0) {
      return;
    }
    s.append("== Examples\n\n....\n");
    for (String line : footer) {
      String text = String.format(line).replace("\r", "");
      s.append(text.startsWith("  ") ? text.substring(2) : text).append('\n');
    }
    s.append("....\n\n");
  }

  /** The parent, the subcommands and the siblings: where to read next. */
  private static void seeAlso(CommandSpec spec, StringBuilder s) {
    List<String> pages = new ArrayList<>();
    for (CommandSpec p = spec.parent(); p != null; p = p.parent()) {
      pages.add(0, p.qualifiedName("-"));
    }
    visible(spec).forEach(c -> pages.add(c.qualifiedName("-")));
    if (spec.parent() != null) {
      for (CommandSpec sibling : visible(spec.parent())) {
        if (sibling != spec) {
          pages.add(sibling.qualifiedName("-"));
        }
      }
    }
    s.append("== See also\n\n");
    List<String> links = pages.stream().distinct().map(p -> "*" + p + "*(1)").toList();
    s.append(String.join(", ", links)).append("\n\n");
  }

  static List<CommandSpec> visible(CommandSpec spec) {
    List<CommandSpec> result = new ArrayList<>();
    for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      if (e.getKey().equals(sub.name()) && !sub.usageMessage().hidden()) {
        result.add(sub);
      }
    }
    return result;
  }

  /** Removes picocli's section {@code tag}, markers and all. */
  private static String cut(String page, String tag) {
    String start = "// tag::picocli-generated-man-section-" + tag + "[]";
    String end = "// end::picocli-generated-man-section-" + tag + "[]";
    int from = page.indexOf(start);
    int to = page.indexOf(end);
    if (from < 0 || to < 0) {
      throw new IllegalStateException("picocli's man page has no " + tag + " section");
    }
    return page.substring(0, from) + page.substring(to + end.length()).replaceFirst("^\\R+", "");
  }

  /** Text that AsciiDoc must not read as markup ({@code *}, {@code _}, {@code |}, {@code `}). */
  private static String escape(String text) {
    return "pass:c[" + text.replace("]", "\\]") + "]";
  }
}
