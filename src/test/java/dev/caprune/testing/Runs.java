package dev.caprune.testing;

import dev.caprune.cli.Caprune;
import dev.caprune.cli.CliContext;
import dev.caprune.codeartifact.SdkGateways;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;

/** Shared ways to run caprune in-process for tests that do not use the sandbox harness. */
public final class Runs {
  private Runs() {}

  /** A fixed clock, the real SDK with an empty environment, no terminal. */
  public static CliContext context() {
    return new CliContext(
        Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC),
        (settings, guard) -> SdkGateways.open(settings, Map.of(), guard),
        CliContext.Terminal.none(),
        Map.of());
  }

  /** Runs caprune exactly with {@code args}; both streams captured. */
  public static CliResult run(CliContext context, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Caprune.run(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliResult(code, out.toString(), err.toString());
  }

  /** {@code base} followed by {@code extra}. */
  public static String[] with(String[] base, String... extra) {
    String[] all = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }
}
