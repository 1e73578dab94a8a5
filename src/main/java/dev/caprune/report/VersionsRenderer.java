package dev.caprune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.caprune.select.Decision;
import dev.caprune.select.PackageSelection;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders {@code caprune versions}: the versions that match, as a table or JSON. */
public final class VersionsRenderer {
  private VersionsRenderer() {}

  /**
   * One version, as JSON and CSV show it. {@code namespace} is null where the package has none.
   * Field names are a contract with pipelines: only ever add to them. In the JSON document (written
   * by {@link #writeDocument}) they come in this order, {@code selected} and {@code reason} only
   * with {@code --explain}.
   */
  public record Entry(
      String repository,
      String format,
      String namespace,
      @JsonProperty("package") String pkg,
      String version,
      String status,
      String revision,
      String origin,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean selected,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long size) {}

  /**
   * {@code --sizes}: each selected version's size, and the bytes of them all with each stored file
   * counted once.
   */
  public record Sizes(Map<dev.caprune.execute.Sizes.Request, Long> perVersion, long bytes) {
    Long of(PackageSelection sel, String version) {
      return perVersion.get(
          new dev.caprune.execute.Sizes.Request(sel.repository(), sel.pkg(), version));
    }
  }

  /** The last ndjson line: how many versions were listed (and their bytes, with --sizes). */
  public record Summary(
      String type,
      int schemaVersion,
      String domain,
      long packages,
      long versions,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long bytes) {}

  /**
   * @param explain include unselected versions with the reason for every decision
   */
  public static void render(
      List<PackageSelection> selections,
      String domain,
      OutputFormat format,
      boolean explain,
      boolean color,
      PrintWriter out) {
    render(selections, domain, format, explain, color, out, null);
  }

  /**
   * @param sizes each version's size and the total ({@code --sizes}), or null
   */
  public static void render(
      List<PackageSelection> selections,
      String domain,
      OutputFormat format,
      boolean explain,
      boolean color,
      PrintWriter out,
      Sizes sizes) {
    List<Entry> entries = new ArrayList<>();
    for (PackageSelection sel : selections) {
      for (Decision d : sel.decisions()) {
        if (!explain && !d.selected()) {
          continue;
        }
        entries.add(
            new Entry(
                sel.repository().repository(),
                sel.pkg().format().wire(),
                sel.pkg().namespace(),
                sel.pkg().name(),
                d.version().version(),
                d.version().status().wire(),
                d.version().revision(),
                d.version().origin().wire(),
                explain ? d.selected() : null,
                explain ? d.reason() : null,
                sizes == null ? null : sizes.of(sel, d.version().version())));
      }
    }
    if (format == OutputFormat.json) {
      JsonStream.write(out, g -> writeDocument(g, domain, entries, sizes));
      return;
    }
    if (format == OutputFormat.ndjson) {
      for (Entry e : entries) {
        var line = Json.MAPPER.createObjectNode().put("type", "version");
        line.setAll((com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.valueToTree(e));
        out.println(Json.line(line));
      }
      long packages =
          entries.stream()
              .map(e -> e.repository() + "|" + e.format() + "|" + e.namespace() + "|" + e.pkg())
              .distinct()
              .count();
      out.println(
          Json.line(
              new Summary(
                  "summary",
                  1,
                  domain,
                  packages,
                  entries.size(),
                  sizes == null ? null : sizes.bytes())));
      out.flush();
      return;
    }
    if (format == OutputFormat.csv) {
      List<String> header =
          new ArrayList<>(
              List.of(
                  "repository",
                  "format",
                  "namespace",
                  "package",
                  "version",
                  "status",
                  "revision",
                  "origin"));
      if (explain) {
        header.addAll(List.of("selected", "reason"));
      }
      if (sizes != null) {
        header.add("size");
      }
      out.print(Csv.row(header));
      for (Entry e : entries) {
        List<String> row =
            new ArrayList<>(
                java.util.Arrays.asList(
                    e.repository(),
                    e.format(),
                    e.namespace(),
                    e.pkg(),
                    e.version(),
                    e.status(),
                    e.revision(),
                    e.origin()));
        if (explain) {
          row.add(String.valueOf(e.selected()));
          row.add(e.reason());
        }
        if (sizes != null) {
          row.add(e.size() == null ? null : String.valueOf(e.size()));
        }
        out.print(Csv.row(row));
      }
      out.flush();
      return;
    }
    boolean manyRepos =
        selections.stream().map(s -> s.repository().repository()).distinct().count() > 1;
    List<String> headers = new ArrayList<>();
    if (manyRepos) {
      headers.add("REPOSITORY");
    }
    headers.addAll(List.of("PACKAGE", "FORMAT", "VERSION", "STATUS", "ORIGIN"));
    if (sizes != null) {
      headers.add("SIZE");
    }
    if (explain) {
      headers.addAll(List.of("SELECTED", "REASON"));
    }
    Table table = new Table(headers);
    long packages = 0;
    long selected = 0;
    for (PackageSelection sel : selections) {
      boolean any = false;
      for (Decision d : sel.decisions()) {
        if (!explain && !d.selected()) {
          continue;
        }
        any = true;
        selected += d.selected() ? 1 : 0;
        List<Table.Cell> row = new ArrayList<>();
        if (manyRepos) {
          row.add(Table.Cell.plain(sel.repository().repository()));
        }
        row.add(Table.Cell.plain(sel.pkg().display()));
        row.add(Table.Cell.plain(sel.pkg().format().wire()));
        row.add(Table.Cell.plain(d.version().version()));
        row.add(Table.Cell.plain(d.version().status().wire()));
        row.add(Table.Cell.plain(d.version().origin().wire()));
        if (sizes != null) {
          row.add(
              Table.Cell.plain(
                  d.selected() ? SizeText.human(sizes.of(sel, d.version().version())) : ""));
        }
        if (explain) {
          row.add(
              d.selected()
                  ? Table.Cell.colored("yes", Table.GREEN)
                  : Table.Cell.colored("no", Table.DIM));
          row.add(Table.Cell.plain(d.reason()));
        }
        table.add(row);
      }
      packages += any ? 1 : 0;
    }
    long held =
        explain
            ? 0
            : selections.stream()
                .flatMap(sel -> sel.decisions().stream())
                .filter(Decision::isProtected)
                .count();
    if (table.isEmpty()) {
      out.println("No versions match.");
    } else {
      table.print(out, color);
      out.println();
      out.println(
          (explain
                  ? Text.plural(selected, "version", "versions") + " selected"
                  : Text.plural(selected, "version", "versions"))
              + " in "
              + Text.plural(packages, "package", "packages")
              + (sizes == null
                  ? ""
                  : ": "
                      + SizeText.human(sizes.bytes())
                      + String.format(" (%,d bytes, each stored file counted once)", sizes.bytes()))
              + ".");
    }
    if (held > 0) {
      out.println(
          Text.plural(held, "protected version", "protected versions")
              + " not shown (latest or --protect-file): --explain shows them.");
    }
    out.flush();
  }

  /** {@code {"schemaVersion": 1, "domain": ..., "versions": [Entry...]}}. */
  static void writeDocument(JsonGenerator g, String domain, List<Entry> entries, Sizes sizes)
      throws IOException {
    g.writeStartObject();
    g.writeNumberField("schemaVersion", 1);
    g.writeStringField("domain", domain);
    if (sizes != null) {
      g.writeNumberField("bytes", sizes.bytes());
    }
    g.writeArrayFieldStart("versions");
    for (Entry e : entries) {
      g.writeStartObject();
      g.writeStringField("repository", e.repository());
      g.writeStringField("format", e.format());
      g.writeStringField("namespace", e.namespace());
      g.writeStringField("package", e.pkg());
      g.writeStringField("version", e.version());
      g.writeStringField("status", e.status());
      g.writeStringField("revision", e.revision());
      g.writeStringField("origin", e.origin());
      if (e.selected() != null) {
        g.writeBooleanField("selected", e.selected());
      }
      if (e.reason() != null) {
        g.writeStringField("reason", e.reason());
      }
      if (e.size() != null) {
        g.writeNumberField("size", e.size());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
