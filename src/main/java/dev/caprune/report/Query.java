package dev.caprune.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;

/**
 * {@code --query EXPR}: a JMESPath expression applied to each JSON document ({@code -o json}) or to
 * each line ({@code -o ndjson}) before it is written; what it gives is written as JSON instead.
 */
public final class Query {
  private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();

  private final String text;
  private final Expression<JsonNode> expression;

  private Query(String text, Expression<JsonNode> expression) {
    this.text = text;
    this.expression = expression;
  }

  /**
   * The expression, checked.
   *
   * @throws IllegalArgumentException naming what is wrong, in one line
   */
  public static Query compile(String text) {
    try {
      return new Query(text, JMESPATH.compile(text));
    } catch (RuntimeException e) {
      String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new IllegalArgumentException(
          "--query '" + text + "' is not a JMESPath expression: " + why, e);
    }
  }

  /** What the expression gives of {@code document} (JSON null when it selects nothing). */
  JsonNode apply(JsonNode document) {
    JsonNode result = expression.search(document);
    return result == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : result;
  }

  @Override
  public String toString() {
    return text;
  }
}
