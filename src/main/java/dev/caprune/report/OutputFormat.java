package dev.caprune.report;

/** How results are written to stdout. */
public enum OutputFormat {
  /** Aligned columns for people. */
  table,
  /** One JSON document at the end. */
  json,
  /** One JSON object per line, written as results arrive, then a summary object. */
  ndjson,
  /** RFC 4180 CSV with a header row, written as results arrive. */
  csv;

  /** Whether results are written as they arrive rather than all at the end. */
  public boolean streaming() {
    return switch (this) {
      case table, json -> false;
      case ndjson, csv -> true;
    };
  }
}
