package dev.caprune.lockfile;

import dev.caprune.select.Format;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bundler's Gemfile.lock (or gems.locked): each {@code GEM} section's {@code specs:} list, one gem
 * a line indented four spaces ({@code rack (3.0.8)}); six-space lines under it are that gem's own
 * dependencies. {@code GIT}, {@code PATH} and {@code PLUGIN SOURCE} sections are not from a gem
 * server and are skipped.
 *
 * <p>A platform gem, {@code nokogiri (1.15.0-x86_64-linux)}, pins both {@code 1.15.0} (Bundler
 * splits version and platform at the first {@code -}) and the whole {@code 1.15.0-x86_64-linux}:
 * whichever a repository stores, it is kept.
 */
final class GemfileLock {
  private GemfileLock() {}

  private static final Pattern SPEC = Pattern.compile(" {4}([^ (]+) \\(([^)]+)\\)");

  static Lockfile read(Input in) throws LockfileException {
    Set<Pin> pins = new LinkedHashSet<>();
    String section = null;
    boolean inSpecs = false;
    boolean sawSection = false;
    for (String line : in.text.split("\r?\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith(" ")) {
        section = line.strip();
        sawSection = true;
        inSpecs = false;
        continue;
      }
      if (line.equals("  specs:")) {
        inSpecs = true;
        continue;
      }
      if (!"GEM".equals(section) || !inSpecs) {
        continue;
      }
      Matcher m = SPEC.matcher(line);
      if (m.matches()) {
        String name = m.group(1);
        String full = m.group(2).strip();
        int dash = full.indexOf('-');
        if (dash > 0) {
          pins.add(new Pin(Format.RUBY, null, name, full.substring(0, dash)));
        }
        pins.add(new Pin(Format.RUBY, null, name, full));
      }
    }
    if (!sawSection) {
      throw in.error("not a Gemfile.lock: no GEM, PLATFORMS or DEPENDENCIES section");
    }
    return in.result("Gemfile.lock", pins);
  }

  /** Recognition by content: a section line Bundler writes. */
  static boolean looksLike(String text) {
    return Pattern.compile("(?m)^(GEM|DEPENDENCIES|BUNDLED WITH)\\r?$").matcher(text).find()
        && Pattern.compile("(?m)^  specs:\\r?$").matcher(text).find();
  }
}
