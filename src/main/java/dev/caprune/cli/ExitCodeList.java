package dev.caprune.cli;

import static dev.caprune.run.ExitCodes.INTERRUPTED;
import static dev.caprune.run.ExitCodes.OK;
import static dev.caprune.run.ExitCodes.PARTIAL;
import static dev.caprune.run.ExitCodes.REFUSED;
import static dev.caprune.run.ExitCodes.RUNTIME;
import static dev.caprune.run.ExitCodes.USAGE;

import dev.caprune.run.ExitCodes;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** The exit codes a command can return, for its help and its man page. */
final class ExitCodeList {
  private ExitCodeList() {}

  /**
   * The exit codes {@code command} can return, from its options: 3 and 4 where it writes ({@code
   * --dry-run}), 130 where it calls AWS ({@code --endpoint-url}) and may be interrupted; 0, 1 and 2
   * everywhere. Help and the man pages show this, so a new command gets its list from its options.
   */
  static Map<String, String> of(CommandSpec command) {
    boolean writes = command.findOption("--dry-run") != null;
    boolean calls = command.findOption("--endpoint-url") != null;
    Map<String, String> codes = new LinkedHashMap<>();
    for (int code : new int[] {OK, RUNTIME, USAGE, PARTIAL, REFUSED, INTERRUPTED}) {
      boolean applies =
          switch (code) {
            case PARTIAL, REFUSED -> writes;
            case INTERRUPTED -> calls;
            default -> true;
          };
      if (applies) {
        String number = Integer.toString(code); // not String.format: every run builds this list
        codes.put(" ".repeat(3 - number.length()) + number, meaning(code, writes, calls));
      }
    }
    return codes;
  }

  private static String meaning(int code, boolean writes, boolean calls) {
    if (code == OK && !writes) {
      return "success";
    }
    if (code == RUNTIME && !calls) {
      return "could not complete (a file or stream could not be read or written)";
    }
    if (code == USAGE && !writes) {
      return "usage error or bad input";
    }
    return ExitCodes.MEANINGS.get(code);
  }
}
