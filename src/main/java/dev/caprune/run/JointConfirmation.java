package dev.caprune.run;

import dev.caprune.execute.Ledger;
import dev.caprune.execute.Stop;
import dev.caprune.report.Text;
import dev.caprune.select.Action;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One prompt (and {@code --max}) for every target of a policy run: asked once all have listed and
 * selected; each target waits here, before its first write, for the decision.
 */
final class JointConfirmation {
  private final int targets;
  private final String label;
  private final Integer max;
  private final boolean yes;
  private final Stop stop;
  private final Confirmation confirmation;
  private final Runnable beforeWrites;
  private final Consumer<Boolean> showProgress;
  private final Set<String> arrived = new HashSet<>();
  private final Set<String> left = new HashSet<>();
  private final Map<Action, Integer> versions = new EnumMap<>(Action.class);
  private int packages;
  private boolean decided;
  private RuntimeException refusal;

  /**
   * @param targets how many: the decision waits for each to arrive or leave
   * @param label the policy (or plan) file, for the prompt
   * @param max the run's {@code --max}, or null
   * @param beforeWrites the checks made once all have listed, before any prompt ({@code --strict})
   * @param showProgress stops ({@code false}) and starts the progress display around the prompt
   */
  JointConfirmation(
      int targets,
      String label,
      Integer max,
      boolean yes,
      Stop stop,
      Confirmation confirmation,
      Runnable beforeWrites,
      Consumer<Boolean> showProgress) {
    this.targets = targets;
    this.label = label;
    this.max = max;
    this.yes = yes;
    this.stop = stop;
    this.confirmation = confirmation;
    this.beforeWrites = beforeWrites;
    this.showProgress = showProgress;
  }

  /** Every target's selection and where it acts, for the prompt. */
  private final List<Ledger.Entry> all = new ArrayList<>();

  private final Map<String, String> where = new TreeMap<>();

  synchronized void arrive(String target, List<Ledger.Entry> entries, String where) {
    arrived.add(target);
    all.addAll(entries);
    this.where.put(target, where);
    for (Ledger.Entry e : entries) {
      versions.merge(e.action(), e.selected().size(), Integer::sum);
    }
    packages += (int) entries.stream().map(e -> e.repository() + " " + e.pkg()).distinct().count();
    decideWhenAllAreIn();
    while (!decided) {
      if (stop.requested()) {
        throw new Stop.StoppedException();
      }
      try {
        wait(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop.StoppedException();
      }
    }
    if (refusal != null) {
      throw refusal;
    }
  }

  /** A target ended: after asking, or without (nothing selected, a failure). */
  synchronized void left(String target) {
    left.add(target);
    decideWhenAllAreIn();
  }

  private void decideWhenAllAreIn() {
    long never = left.stream().filter(t -> !arrived.contains(t)).count();
    if (decided || arrived.isEmpty() || arrived.size() + never < targets) {
      return;
    }
    try {
      confirm();
    } catch (RuntimeException e) {
      refusal = e;
    }
    decided = true;
    notifyAll();
  }

  private void confirm() {
    beforeWrites.run(); // --strict: exit 2 before any write
    int total = versions.values().stream().mapToInt(Integer::intValue).sum();
    Confirmation.checkMax(max, "change", total);
    if (yes || total == 0) {
      return;
    }
    StringBuilder what = new StringBuilder();
    versions.forEach(
        (a, n) ->
            what.append(what.length() == 0 ? "" : ", ")
                .append(a.wire())
                .append(' ')
                .append(String.format("%,d", n)));
    String question =
        String.format(
            "Policy %s: %s (%,d version%s of %,d package%s in %d target%s)?",
            label,
            what,
            total,
            Confirmation.plural(total),
            packages,
            Confirmation.plural(packages),
            targets,
            Confirmation.plural(targets));
    List<String> shown = new ArrayList<>();
    shown.add(
        String.format(
            "About to change %,d version%s of %,d package%s:",
            total, Confirmation.plural(total), packages, Confirmation.plural(packages)));
    int listed = 0;
    for (Map.Entry<String, String> t : where.entrySet()) {
      if (listed++ == Prompt.REPOSITORIES) {
        shown.add(String.format("  %-12s and %,d more", "", where.size() - Prompt.REPOSITORIES));
        break;
      }
      shown.add(
          String.format(
              "  %-12s %s: %s",
              listed == 1 ? (where.size() == 1 ? "target" : "targets") : "",
              Text.safe(t.getKey()),
              t.getValue()));
    }
    boolean severalRepositories =
        all.stream().map(e -> e.repository().toString()).distinct().count() > 1;
    shown.addAll(Prompt.packages(all, severalRepositories));
    confirmation.ask(
        question,
        shown,
        question + " [y/N] ",
        () -> showProgress.accept(false), // the prompt owns the terminal
        () -> showProgress.accept(true));
  }
}
