package dev.caprune.select.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version, the rules of PyPI packages, with its sort key as the specification (and the
 * {@code packaging} library) defines it: epoch, release (trailing zeros insignificant), then dev
 * below pre-release below final below post-release, then the local version label.
 *
 * @param epoch epoch digits ("0" when absent)
 * @param release release segment digits, trailing zeros removed
 * @param preRank -1 when only a dev release stands in for it, 0/1/2 for a/b/rc, 3 when absent
 * @param preNumber pre-release number ("0" when absent)
 * @param post post-release number, or null
 * @param dev dev-release number, or null
 * @param local local version segments in lower case, or null
 */
public record Pep440(
    String epoch,
    List<String> release,
    int preRank,
    String preNumber,
    String post,
    String dev,
    List<String> local)
    implements Comparable<Pep440> {

  static final VersionOrder ORDER =
      new ParsedOrder<>(Pep440::parse, v -> v.isPrerelease(), Pep440::releaseLine);

  private static final int DEV_ONLY = -1;
  private static final int FINAL = 3;

  /** The specification's own regular expression (Appendix B), anchored, spaces allowed around. */
  private static final Pattern PATTERN =
      Pattern.compile(
          """
          \\s*
          v?
          (?:
              (?:(?<epoch>[0-9]+)!)?
              (?<release>[0-9]+(?:\\.[0-9]+)*)
              (?<pre>
                  [-_.]?
                  (?<prel>alpha|a|beta|b|preview|pre|c|rc)
                  [-_.]?
                  (?<pren>[0-9]+)?
              )?
              (?<post>
                  (?:-(?<postn1>[0-9]+))
                  |
                  (?:
                      [-_.]?
                      (?<postl>post|rev|r)
                      [-_.]?
                      (?<postn2>[0-9]+)?
                  )
              )?
              (?<dev>
                  [-_.]?
                  (?<devl>dev)
                  [-_.]?
                  (?<devn>[0-9]+)?
              )?
          )
          (?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
          \\s*
          """,
          Pattern.COMMENTS | Pattern.CASE_INSENSITIVE);

  /** The parsed version, or null when the text is not a valid PEP 440 version. */
  public static Pep440 parse(String text) {
    Matcher m = PATTERN.matcher(text);
    if (!m.matches()) {
      return null;
    }
    List<String> release = new ArrayList<>(List.of(m.group("release").split("\\.")));
    while (release.size() > 1
        && Digits.stripLeadingZeros(release.get(release.size() - 1)).equals("0")) {
      release.remove(release.size() - 1);
    }
    String post =
        m.group("post") == null
            ? null
            : orZero(m.group("postn1") != null ? m.group("postn1") : m.group("postn2"));
    String dev = m.group("dev") == null ? null : orZero(m.group("devn"));
    int preRank;
    if (m.group("pre") != null) {
      preRank = preRank(m.group("prel").toLowerCase(Locale.ROOT));
    } else if (post == null && dev != null) {
      // 1.0.dev0 sorts before 1.0a1: a dev release of a final stands below all its pre-releases.
      preRank = DEV_ONLY;
    } else {
      preRank = FINAL;
    }
    String local = m.group("local");
    return new Pep440(
        orZero(m.group("epoch")),
        List.copyOf(release),
        preRank,
        orZero(m.group("pren")),
        post,
        dev,
        local == null ? null : List.of(local.toLowerCase(Locale.ROOT).split("[-_.]")));
  }

  /** The release segment; a non-zero epoch leads its first number ({@code 1!2}). */
  List<String> releaseLine() {
    String e = Digits.stripLeadingZeros(epoch);
    if (e.equals("0")) {
      return release;
    }
    List<String> out = new ArrayList<>(release);
    out.set(0, e + "!" + Digits.stripLeadingZeros(release.get(0)));
    return out;
  }

  public boolean isPrerelease() {
    return (preRank != FINAL && preRank != DEV_ONLY) || dev != null;
  }

  @Override
  public int compareTo(Pep440 o) {
    int c = Digits.compare(epoch, o.epoch);
    if (c == 0) {
      c = compareRelease(release, o.release);
    }
    if (c == 0) {
      c = Integer.compare(preRank, o.preRank);
    }
    if (c == 0) {
      c = Digits.compare(preNumber, o.preNumber);
    }
    if (c == 0) {
      c = compareAbsentLowest(post, o.post);
    }
    if (c == 0) {
      c = compareAbsentHighest(dev, o.dev);
    }
    if (c == 0) {
      c = compareLocal(local, o.local);
    }
    return Integer.signum(c);
  }

  private static int preRank(String label) {
    return switch (label) {
      case "a", "alpha" -> 0;
      case "b", "beta" -> 1;
      default -> 2; // rc, c, pre, preview
    };
  }

  private static String orZero(String digits) {
    return digits == null ? "0" : digits;
  }

  private static int compareRelease(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = Digits.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareAbsentLowest(String a, String b) {
    if (a == null || b == null) {
      return Boolean.compare(a != null, b != null);
    }
    return Digits.compare(a, b);
  }

  private static int compareAbsentHighest(String a, String b) {
    if (a == null || b == null) {
      return Boolean.compare(a == null, b == null);
    }
    return Digits.compare(a, b);
  }

  /**
   * No local label sorts lowest; segments compare numerically when all digits, else lexically;
   * numeric beats alphanumeric; a longer label wins when the shorter is its prefix.
   */
  private static int compareLocal(List<String> a, List<String> b) {
    if (a == null || b == null) {
      return Boolean.compare(a != null, b != null);
    }
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = Digits.compareNumberAboveText(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
