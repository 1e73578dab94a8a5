package dev.caprune.select.order;

/**
 * Natural order for {@code generic} packages, which have no version rules: the text is split into
 * runs of ASCII digits and runs of everything else; digit runs compare as numbers ({@code 01}
 * equals {@code 1}), other runs by {@link String#compareTo}, and a digit run against another run by
 * their first characters (as plain text would). A version that is a prefix of another, run for run,
 * is lower. Everything parses; nothing is a pre-release.
 */
final class NaturalOrder implements VersionOrder {

  static final NaturalOrder ORDER = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int precedence(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int endA = runEnd(a, i);
      int endB = runEnd(b, j);
      String runA = a.substring(i, endA);
      String runB = b.substring(j, endB);
      boolean digitsA = Digits.isDigit(a.charAt(i));
      boolean digitsB = Digits.isDigit(b.charAt(j));
      int c;
      if (digitsA && digitsB) {
        c = Digits.compare(runA, runB);
      } else if (digitsA || digitsB) {
        // Different kinds start with different characters: text order decides, and it puts
        // every digit run on the same side of a given text run, which keeps the order total.
        c = Character.compare(a.charAt(i), b.charAt(j));
      } else {
        c = runA.compareTo(runB);
      }
      if (c != 0) {
        return Integer.signum(c);
      }
      i = endA;
      j = endB;
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  @Override
  public boolean parses(String version) {
    return version != null;
  }

  @Override
  public boolean isPrerelease(String version) {
    return false;
  }

  /** The digit runs at the start of the text, separated by dots: {@code 2.1.130} is 2, 1, 130. */
  @Override
  public String line(String version, int depth) {
    if (version == null) {
      return null;
    }
    java.util.List<String> numbers = new java.util.ArrayList<>();
    int i = 0;
    while (i < version.length() && Digits.isDigit(version.charAt(i))) {
      int end = runEnd(version, i);
      numbers.add(version.substring(i, end));
      if (end + 1 < version.length() && version.charAt(end) == '.') {
        i = end + 1;
      } else {
        break;
      }
    }
    return VersionOrder.line(numbers, depth);
  }

  private static int runEnd(String s, int start) {
    boolean digits = Digits.isDigit(s.charAt(start));
    int k = start + 1;
    while (k < s.length() && Digits.isDigit(s.charAt(k)) == digits) {
      k++;
    }
    return k;
  }
}
