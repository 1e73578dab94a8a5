package dev.caprune.select;

import java.util.Set;

/**
 * What an action does to each selected version: an action command's, or a policy rule's (a keep
 * rule has none).
 */
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

  /**
   * Whether the action removes the version record itself: a version found gone (NOT_FOUND) is then
   * in its target state, already done; and a package can be left with no version (so {@code
   * --delete-empty-packages} looks at it). Disposing keeps the record.
   */
  public boolean removesVersion() {
    return switch (this) {
      case DELETE -> true;
      case ARCHIVE, UNLIST, RESTORE, DISPOSE -> false;
    };
  }

  /** Whether the action frees the storage of the versions' files (what {@code --sizes} saves). */
  public boolean frees() {
    return switch (this) {
      case DELETE, DISPOSE -> true;
      case ARCHIVE, UNLIST, RESTORE -> false;
    };
  }

  /**
   * Whether the action's API call can pin each version's revision (the service refuses a version
   * changed since it was listed). DeletePackageVersions cannot, so a delete is checked against a
   * fresh listing instead.
   */
  public boolean pinsRevisions() {
    return switch (this) {
      case DELETE -> false;
      case ARCHIVE, UNLIST, RESTORE, DISPOSE -> true;
    };
  }

  /**
   * The statuses the action selects when no status is asked for ({@code --status}, a rule's {@code
   * status}): the ones it can move a version from. A delete takes every status.
   */
  public Set<VersionStatus> defaultStatuses() {
    return switch (this) {
      case DELETE -> Set.of();
      case ARCHIVE -> Set.of(VersionStatus.PUBLISHED, VersionStatus.UNLISTED);
      case UNLIST -> Set.of(VersionStatus.PUBLISHED);
      case RESTORE -> Set.of(VersionStatus.ARCHIVED, VersionStatus.UNLISTED);
      case DISPOSE ->
          Set.of(VersionStatus.PUBLISHED, VersionStatus.UNLISTED, VersionStatus.ARCHIVED);
    };
  }

  /** Whether a policy rule may take this action (restoring is a command's, not a rule's). */
  public boolean ruleAction() {
    return this != RESTORE;
  }
}
