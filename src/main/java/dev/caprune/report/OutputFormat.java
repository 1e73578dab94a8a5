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
  csv,
  /** A short Markdown summary to paste in a pull request or a chat: counts, not every version. */
  markdown;

  /** Whether results are written as they arrive rather than all at the end. */
  public boolean streaming() {
    return switch (this) {
      case table, json, markdown -> false;
      case ndjson, csv -> true;
    };
  }
}
