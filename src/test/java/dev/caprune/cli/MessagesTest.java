package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.testing.CliResult;
import dev.caprune.testing.Runs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error messages that say what is wrong in words a person uses. */
class MessagesTest {
  @TempDir Path dir;

  @Test
  void aMissingPlanSaysNoSuchFile() {
    Path missing = dir.resolve("missing.json");
    CliResult r = Runs.run(Runs.context(), "plan", "show", missing.toString());
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains(missing + ": cannot read it: no such file");
  }

  @Test
  void aMissingProtectFileSaysNoSuchFile() {
    Path missing = dir.resolve("keep.txt");
    CliResult r =
        Runs.run(
            Runs.context(),
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--all",
            "--dry-run",
            "--protect-file",
            missing.toString(),
            "--region",
            "us-east-1",
            "--endpoint-url",
            "http://127.0.0.1:9");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("cannot read it: no such file");
  }

  @Test
  void aMistypedCommandSuggestsOnlyWhatIsNear() {
    CliResult r = Runs.run(Runs.context(), "delet");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("(did you mean: delete?)").doesNotContain("completion");
    CliResult far = Runs.run(Runs.context(), "zzzzzzzz");
    assertThat(far.err()).doesNotContain("did you mean");
  }

  @Test
  void editDistance() {
    assertThat(ExceptionHandler.distance("delet", "delete")).isEqualTo(1);
    assertThat(ExceptionHandler.distance("delet", "completion")).isGreaterThan(2);
    assertThat(ExceptionHandler.distance("", "abc")).isEqualTo(3);
    assertThat(ExceptionHandler.distance("archve", "archive")).isEqualTo(1);
  }
}
