package dev.caprune.run;

/** The signals that stop a run, trapped from its first line to the last byte of its report. */
public interface Interrupts extends AutoCloseable {
  /** While the report is being written, no signal ends the process. */
  void reporting(boolean on);

  @Override
  void close();
}
