package dev.caprune.execute;

import dev.caprune.select.VersionStatus;

/** What an action command does to each selected version. */
public enum Action {
  DELETE("delete", VersionStatus.DELETED, "deleted", "would delete"),
  ARCHIVE("archive", VersionStatus.ARCHIVED, "archived", "would archive"),
  UNLIST("unlist", VersionStatus.UNLISTED, "unlisted", "would unlist"),
  RESTORE("restore", VersionStatus.PUBLISHED, "restored", "would restore"),
  DISPOSE("dispose", VersionStatus.DISPOSED, "disposed", "would dispose");

  private final String wire;
  private final VersionStatus target;
  private final String done;
  private final String wouldDo;

  Action(String wire, VersionStatus target, String done, String wouldDo) {
    this.wire = wire;
    this.target = target;
    this.done = done;
    this.wouldDo = wouldDo;
  }

  /** The action with this wire name ({@code delete}, ...), if any. */
  public static java.util.Optional<Action> fromWire(String wire) {
    return java.util.Arrays.stream(values()).filter(a -> a.wire.equals(wire)).findFirst();
  }

  /** The name in JSON's {@code action} field and on the command line. */
  public String wire() {
    return wire;
  }

  /** The status a version has after the action succeeded. */
  public VersionStatus target() {
    return target;
  }

  /** Past tense, for reports: "deleted". */
  public String done() {
    return done;
  }

  /** For dry runs: "would delete". */
  public String wouldDo() {
    return wouldDo;
  }
}
