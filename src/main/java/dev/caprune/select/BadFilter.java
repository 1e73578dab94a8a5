package dev.caprune.select;

/**
 * A filter or scope as the user wrote it that selects nothing sensible: a bad glob, age, date,
 * count, name... The message is worded as the command line says it ({@code --older-than: invalid
 * age '1y' ...}); a policy file rewords it in its own keys.
 */
public final class BadFilter extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String option;

  /**
   * @param option the command-line option the value was given as ({@code --older-than}), or null
   *     when the problem is between several
   * @param message the whole message, in the command line's words
   */
  public BadFilter(String option, String message) {
    super(message);
    this.option = option;
  }

  /** The option the value was given as ({@code --older-than}), or null for several. */
  public String option() {
    return option;
  }
}
