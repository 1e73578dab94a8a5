# Homebrew formula for caprune. Publish it in a tap (e.g. caprune/homebrew-tap) with the
# release tarball's URL and sha256:
#
#   mvn -B verify -Dmaven.test.skip=true   # the tarball
#   shasum -a 256 target/caprune-0.1.0.tar.gz
#   brew install --build-from-source ./packaging/homebrew/caprune.rb   # local check
class Caprune < Formula
  desc "Bulk, safe clean-up of package versions in AWS CodeArtifact"
  homepage "https://github.com/caprune/caprune"
  url "https://github.com/caprune/caprune/releases/download/v0.1.0/caprune-0.1.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  license "Apache-2.0"

  # Any current OpenJDK (caprune needs 17 or later); on Java 25+ the launcher uses the AOT cache.
  # The class-data archive is made at install (post_install, below) in ~/.cache/caprune, so that
  # the first run does not pay for it.
  depends_on "openjdk"

  def install
    libexec.install "bin", "lib"
    # The launcher finds Java through JAVA_HOME; keep the user's own JAVA_HOME if it is set.
    (bin/"caprune").write_env_script libexec/"bin/caprune", Language::Java.overridable_java_home_env
    bash_completion.install "completions/caprune.bash" => "caprune"
    zsh_completion.install "completions/_caprune"
    fish_completion.install "completions/caprune.fish"
    man1.install Dir["man/man1/*.1"]
    doc.install "README.md", "CHANGELOG.md", "docs"
  end

  def post_install
    # Not fatal: without the archive caprune only starts slower.
    system bin/"caprune", "--prepare"
  rescue
    opoo "caprune --prepare failed: caprune starts without its class-data archive"
  end

  test do
    assert_match "caprune #{version}", shell_output("#{bin}/caprune --version")
    assert_match "Usage: caprune", shell_output("#{bin}/caprune --help")
    assert_match "_complete_caprune", shell_output("#{bin}/caprune completion bash")
    assert_match "caprune: ", shell_output("#{bin}/caprune --no-such-option 2>&1", 2)
  end
end
