package dev.caprune.testing;

/** What one caprune run printed and returned; shown in full when an assertion fails. */
public record CliResult(int exitCode, String out, String err) {
  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
  }
}
