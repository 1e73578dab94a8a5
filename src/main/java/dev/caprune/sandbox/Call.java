package dev.caprune.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One API request: its operation, query-string members (by wire name, decoded) and JSON body.
 * Readers validate each member against its model shape as they take it.
 */
final class Call {
  final Operation op;
  private final Map<String, String> query;
  private final JsonNode body;

  /** The raw body, for PublishPackageVersion (whose body is the asset, not JSON). */
  byte[] payload = new byte[0];

  /** The {@code x-amz-content-sha256} header (PublishPackageVersion's assetSHA256), or null. */
  String contentSha256;

  /** Drawn by --conflict-rate: a valid version write is answered 409 and not applied. */
  boolean conflict;

  /** Drawn by --partial-rate: a status change applies only a part, chosen with this generator. */
  Random partial;

  Call(Operation op, Map<String, String> query, JsonNode body) {
    this.op = op;
    this.query = query;
    this.body = body;
  }

  /** The query string decoded; a repeated name keeps its first value. */
  static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.putIfAbsent(name, value);
    }
    return out;
  }

  /** Percent-decoding as SigV4 clients encode (RFC 3986); '+' stays '+'. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw ApiException.validation(
              "CANNOT_PARSE", "Malformed percent-encoding in the query string");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw ApiException.validation(
              "CANNOT_PARSE", "Malformed percent-encoding in the query string");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A query-string member: {@code wire} is its name on the wire, {@code member} in messages. */
  String query(String wire, String member, Shape shape, boolean required) {
    String v = query.get(wire);
    if (v == null) {
      if (required) {
        throw missing(member);
      }
      return null;
    }
    shape.check(member, v);
    return v;
  }

  /** {@code max-results} (or a body {@code maxResults}) in 1..1000, else {@code fallback}. */
  int maxResults(int fallback) {
    String raw;
    if (op == Operation.LIST_DOMAINS) {
      JsonNode n = body.get("maxResults");
      if (n == null || n.isNull()) {
        return fallback;
      }
      if (!n.isIntegralNumber()) {
        throw cannotParse("maxResults", "an integer");
      }
      raw = n.asText();
    } else {
      raw = query.get("max-results");
      if (raw == null) {
        return fallback;
      }
    }
    long value;
    try {
      value = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw cannotParse("maxResults", "an integer");
    }
    if (value < 1) {
      throw ApiException.validation(
          Shape.failed("maxResults", raw, "Member must have value greater than or equal to 1"));
    }
    if (value > 1000) {
      throw ApiException.validation(
          Shape.failed("maxResults", raw, "Member must have value less than or equal to 1000"));
    }
    return (int) value;
  }

  /** The pagination token: from the query string, or the body for ListDomains. */
  String nextToken() {
    if (op == Operation.LIST_DOMAINS) {
      return bodyString("nextToken", Shape.TOKEN, false);
    }
    return query("next-token", "nextToken", Shape.TOKEN, false);
  }

  String bodyString(String member, Shape shape, boolean required) {
    JsonNode n = body.get(member);
    if (n == null || n.isNull()) {
      if (required) {
        throw missing(member);
      }
      return null;
    }
    if (!n.isTextual()) {
      throw cannotParse(member, "a string");
    }
    shape.check(member, n.asText());
    return n.asText();
  }

  /** The body's {@code versions}: required, at most 100, each a valid version; duplicates once. */
  List<String> versions() {
    JsonNode n = body.get("versions");
    if (n == null || n.isNull()) {
      throw missing("versions");
    }
    if (!n.isArray()) {
      throw cannotParse("versions", "a list of strings");
    }
    if (n.size() > 100) {
      throw ApiException.validation(
          Shape.failed(
              "versions",
              "'[" + n.size() + " versions]'",
              "Member must have length less than or equal to 100"));
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode v = n.get(i);
      if (!v.isTextual()) {
        throw cannotParse("versions", "a list of strings");
      }
      Shape.NAME.check("versions." + (i + 1) + ".member", v.asText());
      out.add(v.asText());
    }
    return new ArrayList<>(out);
  }

  /** The body's optional {@code versionRevisions} map. */
  Map<String, String> versionRevisions() {
    JsonNode n = body.get("versionRevisions");
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      throw cannotParse("versionRevisions", "a map of version to revision");
    }
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      Shape.NAME.check("versionRevisions.key", e.getKey());
      if (!e.getValue().isTextual()) {
        throw cannotParse("versionRevisions", "a map of version to revision");
      }
      Shape.REVISION.check("versionRevisions.value", e.getValue().asText());
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  static ApiException missing(String member) {
    return ApiException.validation(Shape.failed(member, "null", "Member must not be null"));
  }

  private static ApiException cannotParse(String member, String expected) {
    return ApiException.validation(
        "CANNOT_PARSE", "Cannot parse member '" + member + "': expected " + expected);
  }
}
