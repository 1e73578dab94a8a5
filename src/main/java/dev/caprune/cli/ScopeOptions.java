package dev.caprune.cli;

import dev.caprune.run.CapruneException;
import dev.caprune.select.BadFilter;
import dev.caprune.select.Scope;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which domain and repositories to work on. Names are checked before any call is made. */
public final class ScopeOptions {

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
    try {
      return Scope.of(domain, domainOwner, repositories);
    } catch (BadFilter e) {
      throw CapruneException.usage(e.getMessage());
    }
  }
}
