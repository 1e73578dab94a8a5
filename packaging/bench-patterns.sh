#!/bin/sh
# Pattern benchmark: pathological globs and regexes (a*a*...*b, (.*a){20}, (a+)+b, ...) matched
# against 10,000 long versions (35-60 characters) by caprune's own matchers, the code behind
# --version, --exclude-version, --package and --version-regex. Each figure is one pass over every
# version, after a warm-up pass; each should be far under a second (backtracking matchers took
# minutes on one version).
#
#   packaging/bench-patterns.sh [COUNT]
#
# Not a test: timings depend on the machine and on what else runs on it.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$repo"
mvn -B -o -q test-compile >&2 # stdout is for the figures
# The matchers need RE2/J only: take it from the local Maven repository, at the pom's version.
re2j_version=$(sed -n '/<artifactId>re2j<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;}' pom.xml)
re2j="${MAVEN_REPO:-$HOME/.m2/repository}/com/google/re2j/re2j/$re2j_version/re2j-$re2j_version.jar"
[ -f "$re2j" ] || { echo "bench: $re2j is missing: run mvn -B package first" >&2; exit 1; }
exec java -cp "target/classes:target/test-classes:$re2j" dev.caprune.select.PatternBench "$@"
