package dev.caprune.cli;

/** What one caprune run printed and returned; shown in full when an assertion fails. */
record CliResult(int exitCode, String out, String err) {
  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
  }
}
