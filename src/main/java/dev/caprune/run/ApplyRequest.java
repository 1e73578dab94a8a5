package dev.caprune.run;

import dev.caprune.select.ProtectList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code caprune apply}: a plan file and the options it is carried out with. The AWS options and
 * the price are checked once the plan is read and bound to where it was made.
 *
 * @param maxAge {@code --max-age}, parsed; {@code maxAgeText} as given, for messages
 * @param domainOwner the account the plan must be for, or null
 * @param exclude {@code --exclude}: the plan's entries to leave out, each a {@code
 *     [namespace/]package@version} rule with globs (empty: the whole plan)
 */
public record ApplyRequest(
    Path file,
    Duration maxAge,
    String maxAgeText,
    String domainOwner,
    boolean dryRun,
    boolean yes,
    Integer max,
    SizeRequest sizes,
    Output output,
    AwsRequest aws,
    List<ProtectList.Rule> exclude) {

  public ApplyRequest {
    exclude = List.copyOf(exclude);
  }
}
