package dev.caprune.select;

import java.util.ArrayDeque;
import java.util.regex.Pattern;

/**
 * What a user regex may cost before RE2/J compiles it. RE2/J matches in linear time, but compiles
 * nested repeats into a program as large as their product ({@code ((a{1000}){1000}){1000}} ran out
 * of memory) and parses groups recursively (thousands of nested groups overflowed the stack).
 */
final class RegexLimits {
  private static final Pattern COUNT = Pattern.compile("\\{(\\d{1,9})(?:,(\\d{0,9}))?}");

  private RegexLimits() {}

  /** Longest regex taken: far more than any version or package filter needs. */
  static final int MAX_REGEX = 10_000;

  /** Deepest group nesting taken (RE2/J's parser recurses per level). */
  static final int MAX_REGEX_DEPTH = 100;

  /**
   * Largest product of nested repeat counts, as RE2 itself allows: ((a{1000}){1000}){1000} is not.
   */
  static final int MAX_REGEX_REPEAT = 1000;

  /**
   * Refuses what RE2/J would compile into a program too large to hold ({@code
   * ((a{1000}){1000}){1000}} ran out of memory) or parse with too deep a recursion (thousands of
   * nested groups overflowed the stack), before compiling: the size of the regex, its group depth
   * and the product of nested repeat counts.
   */
  static void check(String regex) {
    if (regex.length() > MAX_REGEX) {
      throw new IllegalArgumentException(
          "regex "
              + Names.quote(regex)
              + String.format(" is longer than %,d characters", MAX_REGEX));
    }
    ArrayDeque<Long> outer = new ArrayDeque<>();
    long most = 1; // the largest repeat product seen at the current depth
    long last = 1; // the repeat product of the atom or group just read
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (regex.startsWith("Q", i + 1)) {
          int end = regex.indexOf("\\E", i + 2);
          i = end < 0 ? regex.length() : end + 1;
        } else {
          i++;
        }
        last = 1;
      } else if (c == '[') {
        i = endOfClass(regex, i);
        last = 1;
      } else if (c == '(') {
        outer.push(most);
        most = 1;
        if (outer.size() > MAX_REGEX_DEPTH) {
          throw new IllegalArgumentException(
              "regex "
                  + Names.quote(regex)
                  + " nests groups more than "
                  + MAX_REGEX_DEPTH
                  + " deep at position "
                  + i);
        }
      } else if (c == ')' && !outer.isEmpty()) {
        last = most;
        most = Math.max(outer.pop(), last);
      } else if (c == '{') {
        java.util.regex.Matcher count = COUNT.matcher(regex).region(i, regex.length());
        if (count.lookingAt()) {
          long n = Long.parseLong(count.group(1));
          if (count.group(2) != null && !count.group(2).isEmpty()) {
            n = Math.max(n, Long.parseLong(count.group(2)));
          }
          last = Math.min(last * Math.max(n, 1), Long.MAX_VALUE / 1_000_000_000L);
          most = Math.max(most, last);
          if (most > MAX_REGEX_REPEAT) {
            throw new IllegalArgumentException(
                "regex "
                    + Names.quote(regex)
                    + ": nested repeat counts multiply to more than "
                    + MAX_REGEX_REPEAT
                    + " at position "
                    + i);
          }
          i = count.end() - 1;
        } else {
          last = 1;
        }
      } else if (c != '*' && c != '+' && c != '?' && c != '|') {
        last = 1;
      }
    }
  }

  /** The index of the ']' that closes the class opened at {@code open} (or the end). */
  private static int endOfClass(String regex, int open) {
    int i = open + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++; // a leading ']' is literal
    }
    for (; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[' && regex.startsWith("[:", i)) {
        int end = regex.indexOf(":]", i + 2);
        i = end < 0 ? i : end + 1;
      } else if (c == ']') {
        return i;
      }
    }
    return regex.length();
  }
}
