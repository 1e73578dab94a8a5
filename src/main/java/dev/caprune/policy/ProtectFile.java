package dev.caprune.policy;

import dev.caprune.select.BadFilter;
import dev.caprune.select.ProtectList;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a protect file, named by {@code --protect-file} or a policy's {@code protectFile:}. Its
 * problems are worded as the command line's option's; a policy rewords them in its own keys.
 */
public final class ProtectFile {
  private ProtectFile() {}

  /** More than this is no protect file (a 2 GB file must not end in an OutOfMemoryError). */
  public static final int MAX_SIZE = 10 * 1024 * 1024;

  private static final String OPTION = "--protect-file";

  /**
   * The file's rules; their warnings ({@link ProtectList#warnings()}) are the caller's to say.
   *
   * @throws BadFilter the file cannot be read or holds what is no rule
   */
  public static ProtectList read(Path file) {
    String text;
    try {
      text = TextFile.read(file, MAX_SIZE);
    } catch (TextFile.TooLarge e) {
      throw new BadFilter(
          OPTION,
          OPTION
              + " "
              + file
              + ": larger than 10 MiB; a protect file holds one [namespace/]package@version"
              + " rule per line");
    } catch (CharacterCodingException e) {
      throw new BadFilter(OPTION, OPTION + " " + file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new BadFilter(OPTION, OPTION + " " + file + ": cannot read it: " + ioProblem(e));
    }
    try {
      return ProtectList.parse(file.toString(), text);
    } catch (IllegalArgumentException e) {
      throw new BadFilter(OPTION, OPTION + " " + e.getMessage());
    }
  }

  /**
   * Why a file could not be read, in words: "no such file", "permission denied", "is a directory",
   * else the exception's own message (made safe for a terminal where the error line is written).
   */
  private static String ioProblem(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    if (m != null && m.toLowerCase(Locale.ROOT).contains("is a directory")) {
      return "is a directory";
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
