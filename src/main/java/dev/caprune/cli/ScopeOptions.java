package dev.caprune.cli;

import dev.caprune.run.CapruneException;
import dev.caprune.select.Matcher;
import dev.caprune.select.Names;
import dev.caprune.select.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Which domain and repositories to work on. Names are checked before any call is made. */
public final class ScopeOptions {
  private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9\\-]{0,48}[a-z0-9]");
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{1,99}");
  private static final Pattern REPOSITORY_GLOB = Pattern.compile("[A-Za-z0-9._\\-*?]{1,100}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

  @Option(names = "--domain", required = true, paramLabel = "NAME", description = "Domain name.")
  String domain;

  @Option(
      names = "--domain-owner",
      paramLabel = "ACCOUNT",
      description = "12-digit account that owns the domain (default: your account).")
  String domainOwner;

  @Option(
      names = "--repository",
      required = true,
      paramLabel = "NAME",
      description =
          "Repository name, or a glob matched against the domain's repositories (repeatable).")
  List<String> repositories = new ArrayList<>();

  Scope scope() {
    if (!DOMAIN.matcher(domain).matches()) {
      throw CapruneException.usage(
          "--domain "
              + Names.quote(domain)
              + " is not a valid domain name (2-50 characters: lowercase letters, digits and"
              + " hyphens, starting with a letter)");
    }
    if (domainOwner != null && !ACCOUNT.matcher(domainOwner).matches()) {
      throw CapruneException.usage(
          "--domain-owner " + Names.quote(domainOwner) + " is not a 12-digit AWS account id");
    }
    List<Matcher> repos = new ArrayList<>();
    for (String r : repositories) {
      boolean glob = r.contains("*") || r.contains("?");
      if (glob ? !REPOSITORY_GLOB.matcher(r).matches() : !REPOSITORY.matcher(r).matches()) {
        throw CapruneException.usage(
            "--repository "
                + Names.quote(r)
                + " is not a valid repository name or glob (2-100 characters: letters, digits,"
                + " '.', '_' and '-', starting with a letter or digit; '*' and '?' for globs)");
      }
      repos.add(Matcher.glob(r));
    }
    return new Scope(domain, domainOwner, repos);
  }
}
