package dev.caprune.run;

import dev.caprune.execute.VersionScan;
import dev.caprune.select.Criteria;
import java.util.List;

/**
 * The checks of a selection the user's filters ask for after listing: warnings, or with {@code
 * --strict} / {@code --strict-protect} a usage error made before any write.
 */
public interface SelectionChecks {
  /** Whether the whole selection must be checked before any write (then a run never streams). */
  boolean beforeWriting();

  /** The protect file's rules that matched no listed version. */
  void protectRules(Criteria criteria);

  /**
   * Each exact {@code --package} that named no package, and each exact {@code --version} that no
   * listed version bore.
   *
   * @param where the repositories, for the message: {@code acme/releases}
   */
  void packages(
      List<VersionScan.MissingPackage> missing,
      List<VersionScan.MissingVersion> missingVersions,
      String where);

  /** No filters of the user's to check (a plan). */
  SelectionChecks NONE =
      new SelectionChecks() {
        @Override
        public boolean beforeWriting() {
          return false;
        }

        @Override
        public void protectRules(Criteria criteria) {}

        @Override
        public void packages(
            List<VersionScan.MissingPackage> missing,
            List<VersionScan.MissingVersion> missingVersions,
            String where) {}
      };
}
