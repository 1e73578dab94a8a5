package dev.caprune.select;

/**
 * Whether one listed version is selected, and why (shown by {@code --explain}).
 *
 * @param version the version as listed
 * @param selected whether the action will touch it
 * @param reason why it is or is not selected, in words
 */
public record Decision(VersionSummary version, boolean selected, String reason) {
  /** The prefix of every reason a protection gives. */
  public static final String PROTECTED = "protected: ";

  /** Not selected because a protection (latest, protect file) held it back. */
  public boolean isProtected() {
    return !selected && reason.startsWith(PROTECTED);
  }
}
