package dev.caprune.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** The one Jackson mapper for caprune's JSON documents: pretty-printed, fields in record order. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private static final ObjectWriter LINE =
      MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** One object on one line, for ndjson. */
  static String line(Object o) {
    try {
      return LINE.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** Writes to a JSON generator; the document's shape is the writer's own. */
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * One pretty-printed document written field by field with jackson-core alone, byte for byte what
   * {@link #print} writes: for the one document a short run prints most ({@code caprune versions -o
   * json}), whose start-up then skips databind (its mapper and serializers cost ~35 ms).
   */
  static void stream(PrintWriter out, Body body) {
    try (JsonGenerator g = Streaming.FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render JSON", e);
    }
    out.println();
    out.flush();
  }

  /** Not in {@link Json}'s own initialization: that builds the databind mapper. */
  private static final class Streaming {
    static final JsonFactory FACTORY = new JsonFactory();
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
