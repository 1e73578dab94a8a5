package dev.caprune.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The documentation's pages: the README, then docs/*.md in the order docs/README.md lists them. */
final class DocPages {
  static final Path README = Path.of("README.md");
  static final Path DOCS = Path.of("docs");
  static final Path CONTENTS = DOCS.resolve("README.md");

  private static final Pattern LISTED =
      Pattern.compile("^\\d+\\. \\[[^\\]]+\\]\\(([\\w.-]+\\.md)\\)");

  private DocPages() {}

  /** README.md, docs/README.md, then every other docs/*.md: listed ones first, in their order. */
  static List<Path> all() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(README, CONTENTS));
    for (String name : listed()) {
      Path p = DOCS.resolve(name);
      if (Files.isRegularFile(p) && !pages.contains(p)) {
        pages.add(p);
      }
    }
    for (Path p : onDisk()) {
      if (!pages.contains(p)) {
        pages.add(p);
      }
    }
    return pages;
  }

  /** Every docs/*.md file, by name. */
  static List<Path> onDisk() throws IOException {
    try (Stream<Path> s = Files.list(DOCS)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
    }
  }

  /** The page names docs/README.md lists, one numbered line each, in order. */
  static List<String> listed() throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(CONTENTS)) {
      Matcher m = LISTED.matcher(line);
      if (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** The page's name as a reader would give it: {@code README.md}, {@code docs/plans.md}. */
  static String name(Path page) {
    return page.toString().replace('\\', '/');
  }
}
