package dev.caprune.select;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the ages and instants given on the command line. */
public final class Durations {

  private static final String AGE_FORMS =
      "expected a whole number and a unit (45s, 30m, 12h, 90d, 6w)"
          + " or an ISO-8601 duration (PT12H, P90D, P2W)";

  private static final String WHEN_FORMS =
      "expected a date (2025-01-31, meaning its start in UTC)"
          + " or a date and time with a zone offset (2025-01-31T10:00:00Z, 2025-01-31T10:00+02:00)";

  /**
   * Lower-case units only: {@code M} would read as months to some, and a month cannot be a duration
   * here.
   */
  private static final Pattern SHORT = Pattern.compile("(\\d+)([smhdw])");

  /** {@code 1y}, {@code 6mo}, {@code 2M}: refused with a hint, not a generic message. */
  private static final Pattern CALENDAR =
      Pattern.compile(
          "\\d+\\s*(y|yr|yrs|year|years|mo|mon|month|months)", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /** A duration for people: {@code 8d 0h}, {@code 3h 12m}, {@code 45m} (negative: {@code 0m}). */
  public static String human(Duration d) {
    if (d.isNegative()) {
      return "0m";
    }
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    return days > 0
        ? days + "d " + hours + "h"
        : hours > 0 ? hours + "h " + minutes + "m" : minutes + "m";
  }

  /**
   * Parses an age: {@code 45s}, {@code 30m}, {@code 12h}, {@code 90d}, {@code 6w}, or an ISO-8601
   * duration ({@code PT12H}, {@code P90D}, {@code P2W}, {@code P1DT12H}). Zero is allowed; negative
   * ages, months and years are not.
   *
   * @throws IllegalArgumentException with a one-line message naming the text and the forms
   */
  public static Duration parseAge(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("missing age: " + AGE_FORMS);
    }
    String s = text.strip();
    Duration age;
    try {
      age = parseAgeOrNull(s);
    } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
      throw new IllegalArgumentException("age " + Names.quote(text) + " is too large");
    }
    if (age == null && CALENDAR.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "invalid age "
              + Names.quote(text)
              + ": months or years have no fixed length: use days (a year: 365d)");
    }
    if (age == null) {
      throw new IllegalArgumentException("invalid age " + Names.quote(text) + ": " + AGE_FORMS);
    }
    if (age.isNegative()) {
      throw new IllegalArgumentException("age " + Names.quote(text) + " must not be negative");
    }
    return age;
  }

  /**
   * The instant an age given as text reaches back to from {@code now}: {@link #parseAge} then
   * subtraction.
   *
   * @throws IllegalArgumentException with a one-line message when the text is no age, or when the
   *     age reaches back further than any instant ({@code 99999999999999d})
   */
  public static Instant ago(String text, Instant now) {
    Duration age = parseAge(text);
    try {
      return now.minus(age);
    } catch (ArithmeticException | DateTimeException e) {
      throw new IllegalArgumentException(
          "age " + Names.quote(text) + " is too large: it reaches back before any date");
    }
  }

  private static Duration parseAgeOrNull(String s) {
    Matcher m = SHORT.matcher(s);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(Math.multiplyExact(n, 7));
      };
    }
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException notADuration) {
      // Duration.parse knows no weeks; Period.parse does, and also months and years.
    }
    try {
      Period p = Period.parse(s);
      if (p.getYears() != 0 || p.getMonths() != 0) {
        throw new IllegalArgumentException(
            "age "
                + Names.quote(s)
                + " uses months or years, which have no fixed length: use days");
      }
      return Duration.ofDays(p.getDays());
    } catch (DateTimeParseException notAPeriod) {
      return null;
    }
  }

  /**
   * Parses an instant: a date ({@code 2025-01-31}, the start of that day in UTC) or a date and time
   * with an offset ({@code 2025-01-31T10:00:00Z}, {@code 2025-01-31T10:00:00+02:00}).
   *
   * @throws IllegalArgumentException with a one-line message naming the text and the forms
   */
  public static Instant parseWhen(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("missing date: " + WHEN_FORMS);
    }
    String s = text.strip();
    try {
      if (s.length() <= 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("invalid date " + Names.quote(text) + ": " + WHEN_FORMS);
    }
  }
}
