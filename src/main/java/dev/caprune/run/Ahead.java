package dev.caprune.run;

import dev.caprune.execute.Outcome;
import dev.caprune.execute.Pipeline;
import dev.caprune.report.Renderer;
import dev.caprune.report.View;
import dev.caprune.report.Where;
import dev.caprune.select.Action;
import dev.caprune.select.Format;
import dev.caprune.select.Origin;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import dev.caprune.select.WriteResult.Failure;
import dev.caprune.select.WriteResult.Success;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a run that writes does ahead of its end, while its writes are paced and the CPU waits: the
 * report's first rendering, a small made-up outcome rendered into nothing a few times, on a daemon
 * thread started a second after the run's first selected package (away from the start's own work).
 * The first rendering of a document loads and compiles its writer (Jackson's serializers, the
 * table's layout): measured at 0.4–1 s of a 99,000-version JSON report's end, against 0.1–0.3 s
 * once warm. It stops as soon as the real report starts ({@link #reporting()}), and makes no call:
 * the calls a run makes, and their order, are the run's alone.
 */
final class Ahead {
  /** The warm-up waits this long after the first package: the start's own work goes first. */
  private static final long WARM_UP_DELAY_MS = 1_000;

  /** Renderings of the made-up outcome: enough for the compiler to take the writer's loops. */
  private static final int WARM_UP_ROUNDS = 8;

  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean reporting = new AtomicBoolean();
  private Runnable warmUp;

  /** Renders a made-up action outcome in {@code output}'s format, unless the format streams. */
  Ahead warmAction(Output output, Action action, boolean sizes) {
    warmUp =
        () -> {
          Renderer.OutcomeReport r = output.actionRenderer(nowhere()).outcome(false, sizes);
          if (r.streams()) {
            return; // its lines are written as packages finish: warm by then
          }
          Outcome o = madeUp(action, null, null);
          for (int i = 0; i < WARM_UP_ROUNDS && !reporting.get(); i++) {
            r.finish(o, WHERE);
          }
        };
    return this;
  }

  /** Renders a made-up policy report in {@code output}'s format, unless the format streams. */
  Ahead warmPolicy(Output output, boolean sizes) {
    warmUp =
        () -> {
          Renderer.PolicyReport r = output.renderer(nowhere()).policy(false, sizes);
          if (r.streams()) {
            return;
          }
          Outcome o = madeUp(null, Action.DELETE, "rule");
          List<View.TargetResult> targets =
              List.of(new View.TargetResult("t", "domain", "111122223333", "us-east-1", o, 0));
          List<View.RuleCounts> counts =
              List.of(new View.RuleCounts("t", "rule", "delete", 1, 1, 0, 0, 0));
          for (int i = 0; i < WARM_UP_ROUNDS && !reporting.get(); i++) {
            r.finish("policy", targets, counts, false);
          }
        };
    return this;
  }

  /** The sink, telling this of the first package that reaches it. */
  Pipeline.Sink at(Pipeline.Sink sink) {
    return (order, selection, action, rule) -> {
      if (!started.get() && started.compareAndSet(false, true)) {
        start();
      }
      sink.accept(order, selection, action, rule);
    };
  }

  /** The real report starts: the warm-up stops after the rendering it is in. */
  void reporting() {
    reporting.set(true);
  }

  private void start() {
    Runnable w = warmUp;
    if (w != null) {
      daemon(
          "caprune-warm-up",
          () -> {
            try {
              Thread.sleep(WARM_UP_DELAY_MS);
            } catch (InterruptedException e) {
              return;
            }
            if (!reporting.get()) {
              w.run();
            }
          });
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread t =
        new Thread(
            () -> {
              try {
                task.run();
              } catch (RuntimeException e) {
                // Only a head start: whoever needs the result meets the failure itself.
              }
            },
            name);
    t.setDaemon(true);
    t.start();
  }

  private static PrintWriter nowhere() {
    return new PrintWriter(Writer.nullWriter());
  }

  private static final Where WHERE = new Where("domain", "111122223333", "us-east-1");

  /**
   * An outcome with every kind of answer (done, already done, failed), in packages of a typical
   * size: what a real report's writer goes through, version by version.
   */
  private static Outcome madeUp(Action runAction, Action own, String rule) {
    RepositoryRef repo = new RepositoryRef("domain", "111122223333", "repository");
    List<Outcome.PackageOutcome> packages = new ArrayList<>();
    Outcome.Counts counts = Outcome.Counts.ZERO;
    for (int p = 0; p < 20; p++) {
      List<VersionSummary> selected = new ArrayList<>();
      Map<String, Success> ok = new LinkedHashMap<>();
      Map<String, Failure> already = new LinkedHashMap<>();
      Map<String, Failure> failed = new LinkedHashMap<>();
      for (int v = 0; v < 100; v++) {
        String version = "1." + p + "." + v;
        selected.add(
            new VersionSummary(version, "rev" + v, VersionStatus.PUBLISHED, Origin.INTERNAL));
        if (v % 10 == 8) {
          already.put(version, new Failure("NOT_FOUND", "gone"));
        } else if (v % 10 == 9) {
          failed.put(version, new Failure("MISMATCHED_STATUS", "changed"));
        } else {
          ok.put(version, new Success("rev" + v, "Deleted"));
        }
      }
      Outcome.PackageOutcome po =
          new Outcome.PackageOutcome(
              repo,
              new PackageId(Format.NPM, p % 2 == 0 ? null : "scope", "package-" + p),
              selected,
              ok,
              already,
              failed,
              own,
              rule);
      packages.add(po);
      counts = counts.plus(Outcome.Counts.of(po));
    }
    return new Outcome(
        runAction != null ? runAction : Action.DELETE, false, packages, counts, false, null);
  }
}
