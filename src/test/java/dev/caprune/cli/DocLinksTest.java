package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/*.md points to a file that exists and, with an anchor,
 * to a heading of that page (by GitHub's anchor rules); and the manual's table of contents lists
 * every page of docs/.
 */
class DocLinksTest {
  /** {@code [text](target)}: the target, without a title. */
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

  @Test
  void everyRelativeLinkResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : DocPages.all()) {
      List<String> lines = Files.readAllLines(page);
      boolean fence = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.strip().startsWith("```")) {
          fence = !fence;
          continue;
        }
        if (fence) {
          continue;
        }
        Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
        while (m.find()) {
          String target = m.group(1);
          if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
            continue; // https:, mailto:: not ours to check
          }
          checked++;
          String problem = problem(page, target);
          if (problem != null) {
            broken.add(DocPages.name(page) + ":" + (i + 1) + ": " + target + ": " + problem);
          }
        }
      }
    }
    assertThat(broken).as("broken links").isEmpty();
    assertThat(checked).as("links checked").isGreaterThan(30);
  }

  @Test
  void theTableOfContentsListsEveryPage() throws IOException {
    Set<String> onDisk = new LinkedHashSet<>();
    for (Path p : DocPages.onDisk()) {
      if (!p.equals(DocPages.CONTENTS)) {
        onDisk.add(p.getFileName().toString());
      }
    }
    assertThat(DocPages.listed()).containsExactlyInAnyOrderElementsOf(onDisk);
  }

  @Test
  void anchorsFollowGitHubsRules() {
    assertThat(anchors(List.of("# What a clean-up frees: `--sizes`")))
        .containsExactly("what-a-clean-up-frees---sizes");
    assertThat(anchors(List.of("## Why HTTPS is still above 0.6×")))
        .containsExactly("why-https-is-still-above-06");
    assertThat(anchors(List.of("## What the record's words mean", "## Plans", "## Plans")))
        .containsExactly("what-the-records-words-mean", "plans", "plans-1");
    assertThat(
            anchors(List.of("## [Linked](x.md) *and* _styled_", "```", "# not a heading", "```")))
        .containsExactly("linked-and-styled");
  }

  /** Why the link does not resolve, or null when it does. */
  private static String problem(Path page, String target) throws IOException {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path to = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
    if (!Files.exists(to)) {
      return "no such file";
    }
    if (anchor == null) {
      return null;
    }
    if (!to.getFileName().toString().endsWith(".md") || Files.isDirectory(to)) {
      return "an anchor into a file that is not a page";
    }
    List<String> known = anchors(Files.readAllLines(to));
    return known.contains(anchor) ? null : "no such heading (there are " + known + ")";
  }

  /** The anchors GitHub gives a page's headings, in order. */
  static List<String> anchors(List<String> lines) {
    List<String> anchors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fence = false;
    for (String line : lines) {
      if (line.strip().startsWith("```")) {
        fence = !fence;
        continue;
      }
      if (fence || !line.matches("^#{1,6} .*")) {
        continue;
      }
      String text = line.replaceFirst("^#+ ", "").replaceFirst("\\s+#+\\s*$", "");
      text = text.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1"); // a link: its text
      text = text.replaceAll("(?<!\\w)_+|_+(?!\\w)", ""); // _emphasis_, not snake_case
      String slug =
          text.toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
              .replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum);
      anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
    }
    return anchors;
  }
}
