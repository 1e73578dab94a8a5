package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What each action's properties say, for every action (a new one must say what it does). */
class ActionTest {
  private static Set<Action> where(Predicate<Action> p) {
    Set<Action> out = EnumSet.noneOf(Action.class);
    for (Action a : Action.values()) {
      if (p.test(a)) {
        out.add(a);
      }
    }
    return out;
  }

  @Test
  void onlyDeleteRemovesTheVersionRecord() {
    assertThat(where(Action::removesVersion)).containsExactly(Action.DELETE);
  }

  @Test
  void deleteAndDisposeFreeTheFiles() {
    assertThat(where(Action::frees)).containsExactly(Action.DELETE, Action.DISPOSE);
  }

  @Test
  void everyCallButDeletesPinsRevisions() {
    assertThat(where(Action::pinsRevisions))
        .containsExactly(Action.ARCHIVE, Action.UNLIST, Action.RESTORE, Action.DISPOSE);
  }
}
