package dev.caprune.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statuses of generated versions, as percentages ({@code --generate-statuses
 * published=90,unlisted=8,archived=2}). Each version takes one uniform draw; the mix only moves the
 * thresholds, so names, versions, times and files are the same whatever the mix.
 */
public final class StatusMix {
  /** The statuses a generated version may have, in the order the thresholds are laid out. */
  static final List<String> STATUSES =
      List.of("Published", "Unlisted", "Archived", "Unfinished", "Disposed");

  /** 85 % Published, 8 % Unlisted, 7 % Archived: what {@code --generate} always made. */
  public static final StatusMix DEFAULT = new StatusMix(new double[] {85, 8, 7, 0, 0});

  private static final Pattern PART =
      Pattern.compile("\\s*([A-Za-z]+)\\s*=\\s*(\\d{1,3}(?:\\.\\d{1,6})?)\\s*");

  private final double[] percents;
  private final double[] upTo;

  private StatusMix(double[] percents) {
    this.percents = percents.clone();
    this.upTo = new double[percents.length];
    double sum = 0;
    for (int i = 0; i < percents.length; i++) {
      sum += percents[i];
      upTo[i] = sum / 100;
    }
  }

  /**
   * Parses {@code status=percent,...}: each status at most once, percentages 0..100 summing to 100,
   * statuses left out get 0 %.
   *
   * @throws IllegalArgumentException with a message naming what is wrong
   */
  public static StatusMix parse(String text) {
    double[] percents = new double[STATUSES.size()];
    Map<String, String> seen = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "wants status=percent,... (e.g. published=90,unlisted=8,archived=2); not '" + text + "'");
    }
    for (String part : text.split(",", -1)) {
      Matcher m = PART.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "wants status=percent,... (e.g. published=90,unlisted=8,archived=2); not '"
                + part.strip()
                + "'");
      }
      String name = m.group(1).toLowerCase(Locale.ROOT);
      int index = -1;
      for (int i = 0; i < STATUSES.size(); i++) {
        if (STATUSES.get(i).toLowerCase(Locale.ROOT).equals(name)) {
          index = i;
        }
      }
      if (index < 0) {
        throw new IllegalArgumentException(
            "unknown status '"
                + m.group(1)
                + "' (one of published, unlisted, archived, unfinished, disposed)");
      }
      if (seen.put(name, part) != null) {
        throw new IllegalArgumentException("status '" + m.group(1) + "' given twice");
      }
      double percent = Double.parseDouble(m.group(2));
      if (percent > 100) {
        throw new IllegalArgumentException(
            "a percentage is 0..100, not " + m.group(2) + " (" + m.group(1) + ")");
      }
      percents[index] = percent;
    }
    double sum = 0;
    for (double p : percents) {
      sum += p;
    }
    if (Math.abs(sum - 100) > 1e-6) {
      throw new IllegalArgumentException(
          "the percentages add up to " + trim(sum) + ", not 100: '" + text + "'");
    }
    return new StatusMix(percents);
  }

  /** The status for a uniform draw in [0, 1). */
  String status(double draw) {
    for (int i = 0; i < upTo.length; i++) {
      if (draw < upTo[i]) {
        return STATUSES.get(i);
      }
    }
    // Rounding can leave the top of [0, 1) to the last status with a share.
    for (int i = percents.length - 1; i >= 0; i--) {
      if (percents[i] > 0) {
        return STATUSES.get(i);
      }
    }
    return STATUSES.get(0);
  }

  /** The percentage for {@code status} (0 when it is not part of the mix). */
  public double percent(String status) {
    int i = STATUSES.indexOf(status);
    return i < 0 ? 0 : percents[i];
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < percents.length; i++) {
      if (percents[i] > 0) {
        b.append(b.length() == 0 ? "" : ",")
            .append(STATUSES.get(i).toLowerCase(Locale.ROOT))
            .append('=')
            .append(trim(percents[i]));
      }
    }
    return b.toString();
  }
}
