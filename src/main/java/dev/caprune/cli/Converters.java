package dev.caprune.cli;

import dev.caprune.select.BadFilter;
import dev.caprune.select.FilterSpec;
import dev.caprune.select.Format;
import dev.caprune.select.Origin;
import dev.caprune.select.VersionStatus;
import java.util.Iterator;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters with messages that list what is accepted, and their completions. */
final class Converters {
  private Converters() {}

  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return parsed(FilterSpec::parseFormat, value);
    }
  }

  static final class StatusConverter implements ITypeConverter<VersionStatus> {
    @Override
    public VersionStatus convert(String value) {
      return parsed(FilterSpec::parseStatus, value);
    }
  }

  static final class OriginConverter implements ITypeConverter<Origin> {
    @Override
    public Origin convert(String value) {
      return parsed(FilterSpec::parseOrigin, value);
    }
  }

  /** Completion candidates: the formats' wire names. */
  static final class Formats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return FilterSpec.formatNames().iterator();
    }
  }

  /** Completion candidates: the statuses' wire names. */
  static final class Statuses implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return FilterSpec.statusNames().iterator();
    }
  }

  /** Completion candidates: the origin types, lower case as users type them. */
  static final class Origins implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return FilterSpec.originNames().iterator();
    }
  }

  /** The value's problem, worded by select, as picocli's conversion error. */
  private static <T> T parsed(Function<String, T> parse, String value) {
    try {
      return parse.apply(value);
    } catch (BadFilter e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
