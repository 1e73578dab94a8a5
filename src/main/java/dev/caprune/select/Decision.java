package dev.caprune.select;

/**
 * Whether one listed version is selected, and why (shown by {@code --explain}).
 *
 * @param version the version as listed
 * @param selected whether the action will touch it
 * @param reason why it is or is not selected, in words
 * @param protection when the version passes every filter (the time window included) but a
 *     protection holds it back: {@code latest}, {@code keep-latest} or {@code protect-file line N};
 *     null otherwise. A listing shows such versions, marked; an action never selects them.
 * @param rule the policy rule that selected or kept the version, or null (no policy, or no rule)
 * @param publishedBefore for a version a time filter selected without learning its publish time
 *     (the age search knows only that it is older than a version it described): the cut-off it was
 *     published before; null otherwise
 */
public record Decision(
    VersionSummary version,
    boolean selected,
    String reason,
    String protection,
    String rule,
    java.time.Instant publishedBefore) {
  /** The prefix of every reason a protection gives. */
  public static final String PROTECTED = "protected: ";

  /** What {@link #protection} says of {@code --keep-latest}. */
  public static final String KEEP_LATEST = "keep-latest";

  /**
   * Why keep-latest by publish time keeps a version whose publish time is unknown: an unknown time
   * is never a reason to fall out of a keep.
   */
  public static final String UNKNOWN_TIME_KEPT = "kept: publish time unknown";

  /** What {@link #protection} says of latest protection. */
  public static final String LATEST = "latest";

  /** Not held back by a protection. */
  public Decision(VersionSummary version, boolean selected, String reason) {
    this(version, selected, reason, null, null, null);
  }

  /** Outside a policy: no rule. */
  public Decision(VersionSummary version, boolean selected, String reason, String protection) {
    this(version, selected, reason, protection, null, null);
  }

  /** With its publish time known, or no time filter. */
  public Decision(
      VersionSummary version, boolean selected, String reason, String protection, String rule) {
    this(version, selected, reason, protection, rule, null);
  }

  /** Not selected because a protection (latest, protect file) held it back. */
  public boolean isProtected() {
    return !selected && reason.startsWith(PROTECTED);
  }

  /**
   * Not selected because a protection or a keep held it back (latest, {@code --keep-latest}, the
   * protect file), as its reason says: what a summary counts as protected, row for row with what
   * {@code --explain} shows.
   */
  public boolean heldBack() {
    return !selected
        && (protection != null || reason.startsWith(PROTECTED) || reason.startsWith("kept"));
  }

  /** Whether a listing shows it: selected, or held back by a protection but matching. */
  public boolean listed() {
    return selected || protection != null;
  }
}
