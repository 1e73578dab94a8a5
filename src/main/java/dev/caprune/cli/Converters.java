package dev.caprune.cli;

import dev.caprune.select.Format;
import dev.caprune.select.Origin;
import dev.caprune.select.VersionStatus;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters with messages that list what is accepted, and their completions. */
final class Converters {
  private Converters() {}

  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return Format.fromWire(value)
          .orElseThrow(() -> new TypeConversionException(unknown("format", value, new Formats())));
    }
  }

  static final class StatusConverter implements ITypeConverter<VersionStatus> {
    @Override
    public VersionStatus convert(String value) {
      return VersionStatus.parse(value)
          .orElseThrow(() -> new TypeConversionException(unknown("status", value, new Statuses())));
    }
  }

  static final class OriginConverter implements ITypeConverter<Origin> {
    @Override
    public Origin convert(String value) {
      return Origin.parse(value)
          .orElseThrow(() -> new TypeConversionException(unknown("origin", value, new Origins())));
    }
  }

  /** Completion candidates: the formats' wire names. */
  static final class Formats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Format.values()).map(Format::wire).iterator();
    }
  }

  /** Completion candidates: the statuses' wire names. */
  static final class Statuses implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(VersionStatus.values()).map(VersionStatus::wire).iterator();
    }
  }

  /** Completion candidates: the origin types, lower case as users type them. */
  static final class Origins implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Origin.values()).map(o -> o.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }

  private static String unknown(String what, String value, Iterable<String> accepted) {
    List<String> names = new java.util.ArrayList<>();
    accepted.forEach(names::add);
    return "unknown "
        + what
        + " '"
        + value
        + "' (expected one of: "
        + String.join(", ", names)
        + ")";
  }
}
