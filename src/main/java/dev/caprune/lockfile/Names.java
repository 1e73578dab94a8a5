package dev.caprune.lockfile;

import dev.caprune.select.Format;
import java.util.Locale;

/** Package names as the tools write them, turned into CodeArtifact's namespace and name. */
final class Names {
  private Names() {}

  /**
   * An npm pin: {@code @acme/util} is namespace {@code acme}, name {@code util}; an unscoped name
   * has no namespace. Null when the name or version is missing or the name is no npm name.
   */
  static Pin npm(String fullName, String version) {
    if (fullName == null || version == null || fullName.isEmpty() || version.isEmpty()) {
      return null;
    }
    if (fullName.startsWith("@")) {
      int slash = fullName.indexOf('/');
      if (slash < 2 || slash == fullName.length() - 1) {
        return null;
      }
      return new Pin(
          Format.NPM, fullName.substring(1, slash), fullName.substring(slash + 1), version);
    }
    return fullName.indexOf('/') >= 0 ? null : new Pin(Format.NPM, null, fullName, version);
  }

  /**
   * Splits {@code name@rest} where the name may start with a scope's {@code @}: the separator is
   * the first {@code @} after the first character. Null when there is none.
   */
  static String[] splitAt(String spec) {
    int at = spec.indexOf('@', 1);
    if (at < 0) {
      return null;
    }
    return new String[] {spec.substring(0, at), spec.substring(at + 1)};
  }

  /**
   * A Swift pin from a source-control URL: the last two path segments, {@code .git} dropped, are
   * scope and name ({@code https://github.com/apple/swift-nio.git} is {@code apple}, {@code
   * swift-nio}), as CodeArtifact's Swift registry identifies packages by {@code scope.name}. Null
   * when the URL has fewer than two segments.
   */
  static Pin swiftFromUrl(String url, String version) {
    if (url == null || version == null) {
      return null;
    }
    String s = url.strip();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
      int slash = s.indexOf('/');
      s = slash < 0 ? "" : s.substring(slash + 1); // drop the host (and any user@)
    } else {
      int at = s.indexOf('@');
      int colon = s.indexOf(':');
      int slash = s.indexOf('/');
      if (at >= 0 && colon > at && (slash < 0 || slash > colon)) {
        s = s.substring(colon + 1); // scp-like git@github.com:apple/swift-nio.git
      }
    }
    int q = indexOfAny(s, "?#");
    if (q >= 0) {
      s = s.substring(0, q);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.toLowerCase(Locale.ROOT).endsWith(".git")) {
      s = s.substring(0, s.length() - 4);
    }
    int last = s.lastIndexOf('/');
    if (last <= 0) {
      return null;
    }
    String name = s.substring(last + 1);
    String rest = s.substring(0, last);
    String scope = rest.substring(rest.lastIndexOf('/') + 1);
    if (name.isEmpty() || scope.isEmpty()) {
      return null;
    }
    return new Pin(Format.SWIFT, scope, name, version);
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
