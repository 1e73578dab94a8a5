package dev.caprune.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * One pretty-printed document written field by field with jackson-core alone, byte for byte what
 * {@link Json#print} writes for the same record: for the one document a short run prints most
 * ({@code caprune versions -o json}), whose start-up then skips databind (its mapper and
 * serializers cost ~35 ms). Kept apart from {@link Json}, whose initialization builds the mapper.
 */
final class JsonStream {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonStream() {}

  /** Writes to a JSON generator; the document's shape is the writer's own. */
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static void write(PrintWriter out, Body body) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render JSON", e);
    }
    out.println();
    out.flush();
  }
}
