package dev.caprune.run;

import dev.caprune.execute.Ledger;
import dev.caprune.report.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@code [y/N]} prompt shows above its question: where the run acts (account, region,
 * domain, repositories) and the packages with the most versions selected, the rest summed up in one
 * line, so that it reads the same for one package and for 2,000.
 *
 * <pre>
 *   account     111122223333
 *   region      us-east-1
 *   domain      acme
 *   repository  releases
 *   packages       400  &#64;acme/ui-kit
 *                  120  left-pad
 *                  834  in 1,995 more packages
 * </pre>
 */
public final class Prompt {
  /** The packages shown by name, largest first. */
  static final int LARGEST = 5;

  /** The repositories shown by name. */
  static final int REPOSITORIES = 5;

  private Prompt() {}

  /** Without a role assumed. */
  public static List<String> details(
      String account,
      String region,
      String domain,
      List<String> repositories,
      List<Ledger.Entry> entries) {
    return details(account, null, region, domain, repositories, entries);
  }

  /**
   * @param account the account, or null if it could not be learnt
   * @param role the ARN of the role the run calls as, or null when it assumes none
   * @param repositories the repositories the run acts in, by name
   * @param entries the selection, one entry per package (and rule, for a policy)
   */
  public static List<String> details(
      String account,
      String role,
      String region,
      String domain,
      List<String> repositories,
      List<Ledger.Entry> entries) {
    List<String> lines = new ArrayList<>();
    lines.add(field("account", Objects.requireNonNullElse(account, "unknown")));
    if (role != null) {
      lines.add(field("as role", Text.safe(role)));
    }
    lines.add(field("region", Objects.requireNonNullElse(region, "unknown")));
    lines.add(field("domain", Text.safe(domain)));
    List<String> shown = repositories.stream().limit(REPOSITORIES).map(r -> Text.safe(r)).toList();
    String more =
        repositories.size() > REPOSITORIES
            ? String.format(" and %,d more", repositories.size() - REPOSITORIES)
            : "";
    lines.add(
        field(
            repositories.size() == 1 ? "repository" : "repositories",
            String.join(", ", shown) + more));
    lines.addAll(packages(entries, repositories.size() > 1));
    return lines;
  }

  /** The largest packages with their counts, then the rest in one line. */
  static List<String> packages(List<Ledger.Entry> entries, boolean withRepository) {
    // A policy has an entry per package and rule: one line per package.
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Ledger.Entry e : entries) {
      String name = Text.safe(e.pkg().display());
      if (withRepository) {
        name += " (" + Text.safe(e.repository().repository()) + ")";
      }
      counts.merge(name, e.selected().size(), Integer::sum);
    }
    List<Map.Entry<String, Integer>> largest =
        counts.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    List<Map.Entry<String, Integer>> named = largest.subList(0, Math.min(LARGEST, largest.size()));
    int rest = largest.size() - named.size();
    int restVersions = total - named.stream().mapToInt(Map.Entry::getValue).sum();
    int width =
        String.format("%,d", Math.max(restVersions, named.isEmpty() ? 0 : named.get(0).getValue()))
            .length();
    List<String> lines = new ArrayList<>();
    String label = counts.size() == 1 ? "package" : "packages";
    for (Map.Entry<String, Integer> p : named) {
      lines.add(
          field(lines.isEmpty() ? label : "", String.format("%," + width + "d  ", p.getValue()))
              + p.getKey());
    }
    if (rest > 0) {
      lines.add(
          field("", String.format("%," + width + "d  ", restVersions))
              + String.format("in %,d more package%s", rest, rest == 1 ? "" : "s"));
    }
    return lines;
  }

  private static String field(String name, String value) {
    return String.format("  %-12s %s", name, value);
  }
}
