package dev.caprune.lockfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * One file's text as read, with its label (the path as given) and the parsers every reader shares.
 * Every failure becomes a one-line {@link LockfileException} that starts with the label.
 */
final class Input {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private static final ObjectMapper TOML = new TomlMapper();

  /**
   * SnakeYAML refuses documents above 3 MB by default; a monorepo's pnpm-lock.yaml is larger. The
   * file is already bounded by {@link Lockfiles#MAX_BYTES}. Aliases stay limited (billion laughs).
   */
  private static final ObjectMapper YAML;

  static {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Lockfiles.MAX_BYTES + 1);
    options.setAllowDuplicateKeys(true);
    YAML = new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
  }

  final Path path;
  final String label;
  final String text;

  Input(Path path, String text) {
    this.path = path;
    this.label = path.toString();
    this.text = text;
  }

  /** A failure of this file: one line, starting with the file's label. */
  LockfileException error(String message) {
    return new LockfileException(oneLine(label + ": " + message));
  }

  /** The lockfile read, its pins in their first order, each once. */
  Lockfile result(String kind, Collection<Pin> pins) {
    // the kind may hold the file's own words (an SPDX version): shown safely, kept short
    String shown = oneLine(kind);
    return new Lockfile(
        path, shown.length() > 60 ? shown.substring(0, 60) + "..." : shown, new ArrayList<>(pins));
  }

  JsonNode json() throws LockfileException {
    try {
      JsonNode root = JSON.readTree(text);
      if (root == null || root.isMissingNode()) {
        throw error("empty: no JSON document");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw syntax("JSON", e);
    }
  }

  JsonNode toml() throws LockfileException {
    try {
      JsonNode root = TOML.readTree(text);
      return root == null ? TOML.createObjectNode() : root;
    } catch (JsonProcessingException e) {
      throw syntax("TOML", e);
    }
  }

  /** Every YAML document in the file, in order (pnpm may write two). */
  List<JsonNode> yaml() throws LockfileException {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
          documents.add(doc);
        }
      }
    } catch (JsonProcessingException e) {
      throw syntax("YAML", e);
    } catch (IOException | RuntimeException e) {
      // MappingIterator wraps parse failures in RuntimeJsonMappingException.
      Throwable cause = e.getCause() instanceof JsonProcessingException j ? j : e;
      if (cause instanceof JsonProcessingException j) {
        throw syntax("YAML", j);
      }
      throw error("not valid YAML (" + cause.getMessage() + ")");
    }
    return documents;
  }

  private LockfileException syntax(String language, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where =
        at == null || at.getLineNr() < 1
            ? ""
            : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String why = e.getOriginalMessage();
    if (why != null) {
      int cut = why.indexOf('\n');
      why = cut < 0 ? why : why.substring(0, cut);
      why = why.length() > 160 ? why.substring(0, 160) + "..." : why;
    }
    if (e instanceof StreamConstraintsException) {
      String bound =
          why != null && why.contains("nesting depth")
              ? "nested more than 1000 levels deep"
              : "a name, value or number longer than caprune reads";
      return error("not read as " + language + where + ": " + bound);
    }
    return error("not valid " + language + where + (why == null ? "" : " (" + why + ")"));
  }

  /**
   * Control characters (a newline in a path or in echoed content) shown, so a message is one line.
   */
  static String oneLine(String message) {
    StringBuilder b = new StringBuilder(message.length());
    message
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  // ---- small helpers for Jackson trees ----

  /** The field's text when it is a string (or a number written bare), else null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !(v.isTextual() || v.isNumber())) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }
}
