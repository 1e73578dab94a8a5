package dev.caprune.startup;

import dev.caprune.codeartifact.Preload;
import java.util.List;

/**
 * What {@code main} does first, for start-up speed alone: the one place besides {@code Caprune}
 * that reads the raw arguments ({@link Preselection}), once, before picocli. Every piece here and
 * its measured gain is in docs/startup.md; the class-data archive that most of the speed comes from
 * is trained by {@link Warmup}.
 */
public final class Startup {
  private Startup() {}

  /**
   * Starts a run with {@code args}: tells picocli there is no Groovy (a failed class lookup on
   * every start spared), picks the commands the run needs, and for a run of one command that calls
   * AWS starts filling the SDK's tables on a daemon thread ({@link Preload#sdk}) while picocli
   * builds its model and parses.
   *
   * @return the commands for picocli's model ({@link Preselection#needed})
   */
  public static List<Class<?>> begin(String... args) {
    System.setProperty("picocli.disable.closures", "true");
    List<Class<?>> commands = Preselection.needed(args);
    if (Preselection.callsAws(commands)) {
      Preload.sdk();
    }
    return commands;
  }
}
