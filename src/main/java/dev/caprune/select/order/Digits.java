package dev.caprune.select.order;

/** Numeric comparison of decimal digit strings of any length, without parsing them. */
final class Digits {

  private Digits() {}

  /** Compares two non-empty strings of ASCII digits by numeric value ("007" equals "7"). */
  static int compare(String a, String b) {
    String x = stripLeadingZeros(a);
    String y = stripLeadingZeros(b);
    if (x.length() != y.length()) {
      return x.length() < y.length() ? -1 : 1;
    }
    return Integer.signum(x.compareTo(y));
  }

  /** The same number without leading zeros ("0" stays "0"). */
  static String stripLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  /**
   * Compares two segments that are each either all digits or not: numbers numerically, other text
   * by {@link String#compareTo}, and a number above any text (PEP 440 local labels, RubyGems).
   */
  static int compareNumberAboveText(String x, String y) {
    boolean numX = all(x);
    boolean numY = all(y);
    if (numX && numY) {
      return compare(x, y);
    }
    if (numX || numY) {
      return numX ? 1 : -1;
    }
    return Integer.signum(x.compareTo(y));
  }

  /** Whether the text is one or more ASCII digits. */
  static boolean all(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** ASCII digits only: {@link Character#isDigit} would also accept other scripts' digits. */
  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
