package dev.caprune.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes one AsciiDoc man page per command from the whole command model (the build runs it at
 * {@code prepare-package}; Asciidoctor turns the pages into roff). picocli's generator cannot be
 * given the class name alone: {@link Caprune} adds its subcommands in code.
 */
public final class WriteManPages {
  private WriteManPages() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: WriteManPages OUTDIR");
    }
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    CommandLine model = Caprune.commandLine(CliContext.system(), none, none);
    int status =
        ManPageGenerator.generateManPage(
            new File(args[0]), null, new boolean[0], true, model.getCommandSpec());
    if (status != 0) {
      throw new IOException("the man page generator failed with status " + status);
    }
  }
}
