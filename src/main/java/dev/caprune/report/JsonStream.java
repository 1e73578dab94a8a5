package dev.caprune.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The one writer of the {@code caprune versions -o json} document, field by field with jackson-core
 * alone: the document a short run prints most, whose start-up then skips databind (measured: a
 * one-package listing ~60 ms faster than through {@link Json}). Its bytes are pinned by the golden
 * files ({@code versions-npm.json}, {@code explain-core.json}); every other document is written by
 * {@link Json}. Kept apart from {@link Json}, whose initialization builds the mapper.
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
