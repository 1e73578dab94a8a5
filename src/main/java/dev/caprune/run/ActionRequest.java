package dev.caprune.run;

import dev.caprune.select.Action;
import dev.caprune.select.Criteria;
import dev.caprune.select.Scope;
import dev.caprune.select.VersionStatus;
import java.nio.file.Path;

/**
 * An action command, checked: what to do to which versions, where, and how safely.
 *
 * @param criteria the user's filters with the action's default statuses
 * @param checks the filters' checks after listing ({@code --strict}, {@code --strict-protect})
 * @param max {@code --max}, or null
 * @param savePlan {@code --save-plan}, or null
 * @param sizes {@code --sizes} and its price, checked
 * @param expectedStatus the status every call expects, or null for each version's as listed
 * @param protections what remaining versions need and lockfiles pin, held back
 */
public record ActionRequest(
    Action action,
    Scope scope,
    Criteria criteria,
    SelectionChecks checks,
    Connection connection,
    boolean dryRun,
    boolean explain,
    boolean yes,
    Integer max,
    Path savePlan,
    Output output,
    SizeRequest sizes,
    boolean deleteEmptyPackages,
    VersionStatus expectedStatus,
    dev.caprune.depend.Protections protections) {}
