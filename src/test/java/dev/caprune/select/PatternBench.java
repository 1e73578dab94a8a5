package dev.caprune.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Times pathological globs and regexes over many long versions, at the matcher level (run by
 * packaging/bench-patterns.sh; not a test: timings depend on the machine). Each pattern is matched
 * against every version once, after one warm-up pass.
 */
public final class PatternBench {
  private PatternBench() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    List<String> versions = versions(count);
    int shortest = versions.stream().mapToInt(String::length).min().orElse(0);
    System.out.printf(
        "%,d versions, %d to %d characters%n",
        versions.size(), shortest, versions.stream().mapToInt(String::length).max().orElse(0));
    String a17b = "a*".repeat(17) + "b";
    time("--version", a17b, Matcher::glob, versions);
    time("--version", "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*?b", Matcher::glob, versions);
    time(
        "--version",
        "*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*x",
        Matcher::glob,
        versions);
    time("--exclude-version", "*1*2*3*4*5*6*7*8*9*0*-RC*", Matcher::glob, versions);
    time("--version-regex", "(.*a){20}", Matcher::regex, versions);
    time("--version-regex", "(a+)+b", Matcher::regex, versions);
    time("--version-regex", "(a|aa)*c", Matcher::regex, versions);
    time("--version-regex", "(.*.*)*-[0-9]{1,20}x", Matcher::regex, versions);
    time("--version-regex", "((a*)*|b)*$c", Matcher::regex, versions);
  }

  /**
   * Versions of 35 to 60 characters that nearly match the patterns: long runs of 'a' (the worst
   * case for a*a*...b and (.*a){20}), plus ordinary dotted versions with long pre-release labels.
   */
  private static List<String> versions(int count) {
    Random random = new Random(42);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = 35 + random.nextInt(26);
      out.add(
          switch (i % 3) {
            case 0 -> "a".repeat(length);
            case 1 -> "1.2." + i + "-" + "a".repeat(length - 6 - String.valueOf(i).length()) + "z";
            default -> {
              StringBuilder b = new StringBuilder();
              while (b.length() < length) {
                b.append((char) ('a' + random.nextInt(3))).append(random.nextInt(10));
              }
              yield b.toString();
            }
          });
    }
    return out;
  }

  private static void time(
      String option, String pattern, Function<String, Matcher> compile, List<String> versions) {
    Matcher warm = compile.apply(pattern);
    versions.forEach(warm::matches);
    long start = System.nanoTime();
    Matcher m = compile.apply(pattern);
    int matched = 0;
    for (String v : versions) {
      if (m.matches(v)) {
        matched++;
      }
    }
    long micros = (System.nanoTime() - start) / 1_000;
    System.out.printf(
        "%-18s %-64s %,9d µs  (%,d matched)%n", option, "'" + pattern + "'", micros, matched);
  }
}
