package dev.caprune.run;

import dev.caprune.execute.Stop;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The one safety rail between a selection and its first write, for every run that writes: {@code
 * --max}, then (unless {@code --yes}) a {@code [y/N]} prompt that shows where the run acts, on a
 * terminal only. A refusal is exit 4 and nothing was changed.
 */
public final class Confirmation {
  private final Console console;
  private final Stop stop;

  /**
   * @param stop the run's: a signal at the prompt ends the wait at once
   */
  public Confirmation(Console console, Stop stop) {
    this.console = console;
    this.stop = stop;
  }

  /** {@code --max} as given: 0 or more, checked before any call. */
  public static void checkMaxOption(Integer max) {
    if (max != null && max < 0) {
      throw CapruneException.usage("--max must be 0 or more, not " + max);
    }
  }

  /**
   * Refuses more than {@code max} versions (no limit when null).
   *
   * @param verb what would be done to them: {@code delete}, or {@code change} for a policy
   */
  public static void checkMax(Integer max, String verb, int selected) {
    if (max != null && selected > max) {
      throw new CapruneException(
          ExitCodes.REFUSED,
          String.format(
              "refusing to %s %,d versions: more than --max %,d; nothing was changed",
              verb, selected, max));
    }
  }

  /**
   * Asks {@code question} on the terminal, refused when there is none or when the answer is not
   * yes.
   *
   * @param question the question in one line, ending with {@code ?}: said in the refusal when there
   *     is no terminal to ask on
   * @param shown the lines above the question: what the run would do, and where
   * @param prompt the line the answer is typed on
   * @param before run once a person is to be asked (the progress display stops)
   * @param after run once the answer is in, whatever it is (the progress display starts again)
   */
  public void ask(
      String question, List<String> shown, String prompt, Runnable before, Runnable after) {
    if (!console.interactive()) {
      throw new CapruneException(
          ExitCodes.REFUSED,
          question.substring(0, question.length() - 1)
              + " needs confirmation: pass --yes (there is no terminal to ask on); nothing was"
              + " changed");
    }
    before.run();
    PrintWriter err = console.err();
    shown.forEach(err::println);
    err.print(prompt);
    err.flush();
    String answer = readAnswer();
    after.run();
    String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
    if (!a.equals("y") && !a.equals("yes")) {
      throw new CapruneException(ExitCodes.REFUSED, "not confirmed; nothing was changed");
    }
  }

  /** Reads the answer on a daemon thread, so that Ctrl-C at the prompt ends the wait at once. */
  private String readAnswer() {
    CompletableFuture<String> answer = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                answer.complete(console.readLine());
              } catch (RuntimeException e) {
                answer.completeExceptionally(e);
              }
            },
            "caprune-prompt");
    reader.setDaemon(true);
    reader.start();
    while (true) {
      try {
        if (stop.await(Duration.ofMillis(50))) {
          PrintWriter err = console.err();
          err.println();
          err.println("caprune: interrupted at the prompt; nothing was changed");
          err.flush();
          throw new Stop.StoppedException();
        }
        if (answer.isDone()) {
          return answer.getNow(null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop.StoppedException();
      }
    }
  }

  /** {@code s} with its first letter in upper case. */
  static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** {@code ""} for one, {@code "s"} for more (or none). */
  static String plural(int n) {
    return n == 1 ? "" : "s";
  }
}
