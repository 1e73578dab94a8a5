package dev.caprune.lockfile;

import dev.caprune.select.Format;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A package URL ({@code pkg:type/namespace/name@version?qualifiers#subpath}) turned into a pin, as
 * the purl specification parses it: subpath and qualifiers are cut from the right, the version
 * after the last {@code @}, the name after the last {@code /}; each segment is percent-decoded.
 */
final class Purl {
  private Purl() {}

  /**
   * The pin a purl names, or null when it has no version, is not a purl, or is of a type
   * CodeArtifact does not store (deb, docker, github, ...). npm's {@code %40scope} (or {@code
   * @scope}) becomes namespace {@code scope}; gem is ruby; a swift purl's namespace {@code
   * github.com/apple} becomes scope {@code apple}.
   */
  static Pin pin(String purl) {
    if (purl == null) {
      return null;
    }
    String s = purl.strip();
    if (s.length() < 4 || !s.substring(0, 4).equalsIgnoreCase("pkg:")) {
      return null;
    }
    s = s.substring(4);
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    int query = s.indexOf('?');
    if (query >= 0) {
      s = s.substring(0, query);
    }
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    int slash = s.indexOf('/');
    if (slash <= 0) {
      return null;
    }
    String type = s.substring(0, slash).toLowerCase(Locale.ROOT);
    String rest = s.substring(slash + 1);
    int at = rest.lastIndexOf('@');
    if (at <= 0 || rest.lastIndexOf('/') > at) {
      return null; // no version (an '@' before the last '/' is an npm scope written bare)
    }
    String version = decode(rest.substring(at + 1));
    rest = rest.substring(0, at);
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    List<String> segments = new ArrayList<>();
    for (String seg : rest.split("/")) {
      String decoded = decode(seg);
      if (decoded == null) {
        return null;
      }
      if (!decoded.isEmpty()) {
        segments.add(decoded);
      }
    }
    if (segments.isEmpty() || version == null || version.isEmpty()) {
      return null;
    }
    String name = segments.remove(segments.size() - 1);
    String namespace = segments.isEmpty() ? null : String.join("/", segments);
    return switch (type) {
      case "npm" -> {
        String scope =
            namespace != null && namespace.startsWith("@") ? namespace.substring(1) : namespace;
        yield new Pin(Format.NPM, scope == null || scope.isEmpty() ? null : scope, name, version);
      }
      case "maven" -> namespace == null ? null : new Pin(Format.MAVEN, namespace, name, version);
      case "pypi" -> new Pin(Format.PYPI, null, name, version);
      case "nuget" -> new Pin(Format.NUGET, null, name, version);
      case "gem" -> new Pin(Format.RUBY, null, name, version);
      case "cargo" -> new Pin(Format.CARGO, null, name, version);
      case "swift" -> {
        String scope =
            namespace == null ? null : namespace.substring(namespace.lastIndexOf('/') + 1);
        yield scope == null || scope.isEmpty() ? null : new Pin(Format.SWIFT, scope, name, version);
      }
      case "generic" -> new Pin(Format.GENERIC, namespace, name, version);
      default -> null;
    };
  }

  /** Percent-decoding as RFC 3986 (a {@code +} stays a plus); null when malformed. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%') {
        if (i + 2 >= bytes.length) {
          return null;
        }
        int hi = Character.digit(bytes[i + 1], 16);
        int lo = Character.digit(bytes[i + 2], 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
