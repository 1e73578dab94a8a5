package dev.caprune.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** The one Jackson mapper for caprune's JSON documents: pretty-printed, fields in record order. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private static final ObjectWriter LINE =
      MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  /** Pretty-printed straight into a writer that stays open. */
  private static final ObjectWriter STREAM =
      MAPPER.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private Json() {}

  /** One object on one line, for ndjson. */
  static String line(Object o) {
    try {
      return LINE.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /**
   * As {@link #print}, written as it is made: a large document (a policy run's report of every
   * version) is never held whole as one string, and its first bytes leave before its last are made.
   */
  static void stream(PrintWriter out, Object document) {
    try {
      STREAM.writeValue(out, document);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
    out.println();
    out.flush();
  }

  static void print(PrintWriter out, Object document) {
    try {
      out.println(MAPPER.writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
    out.flush();
  }
}
