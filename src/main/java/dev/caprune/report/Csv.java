package dev.caprune.report;

import java.util.List;

/** RFC 4180: CRLF line ends; fields with a comma, quote, CR or LF quoted, quotes doubled. */
final class Csv {
  private Csv() {}

  static String row(List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String f = fields.get(i) == null ? "" : fields.get(i);
      if (f.indexOf(',') >= 0
          || f.indexOf('"') >= 0
          || f.indexOf('\r') >= 0
          || f.indexOf('\n') >= 0) {
        b.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        b.append(f);
      }
    }
    return b.append("\r\n").toString();
  }
}
