package dev.caprune.report;

/** How results are written to stdout. */
public enum OutputFormat {
  table,
  json
}
