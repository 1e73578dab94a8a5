#!/bin/sh
# caprune's quick start, no AWS account needed: builds caprune if needed, starts a local
# CodeArtifact sandbox with demo data, then shows caprune's main job on it: a dry run, a real
# delete, and what is left. Needs a JDK 17+ and Maven.
set -eu
cd "$(dirname "$0")/.."

jar=target/caprune.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  echo "Building caprune (mvn -B -q package -DskipTests)..." >&2
  mvn -B -q package -DskipTests >&2 # stdout is the demo's
fi

work=$(mktemp -d)
sandbox_pid=
cleanup() {
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The sandbox prints its endpoint URL alone on its first stdout line.
java -jar "$jar" sandbox --demo >"$work/endpoint" 2>"$work/sandbox.log" &
sandbox_pid=$!
tries=0
until [ -s "$work/endpoint" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ] || ! kill -0 "$sandbox_pid" 2>/dev/null; then
    echo "The sandbox did not start:" >&2
    cat "$work/sandbox.log" >&2
    exit 1
  fi
  sleep 0.1
done
endpoint=$(head -n 1 "$work/endpoint")

# The sandbox checks that requests are signed, not who signed them.
AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION

# Bold command lines on a terminal only, and not with NO_COLOR set (https://no-color.org): a
# file or a pipe gets plain text. (QuickstartIT runs this block alone: keep it self-contained.)
# colour: begin
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  bold=$(printf '\033[1m')
  plain=$(printf '\033[0m')
else
  bold=
  plain=
fi
# colour: end

caprune() {
  printf '\n%s$ caprune %s%s\n' "$bold" "$*" "$plain"
  java -jar "$jar" "$@" --endpoint-url "$endpoint"
}

echo "Sandbox with demo data at $endpoint"

caprune versions --domain acme --repository snapshots --format maven

# The job caprune exists for: Unlisted Maven snapshot builds older than 30 days, keeping the
# newest 5 of each package. First what would go, with the reason for every version...
caprune delete --domain acme --repository snapshots --snapshot-builds \
  --older-than 30d --keep-latest 5 --dry-run --explain

# ...then for real (--yes: no prompt; on a terminal caprune asks first), with the size of
# every version deleted and the storage it frees (--sizes: one read call per version).
caprune delete --domain acme --repository snapshots --snapshot-builds \
  --older-than 30d --keep-latest 5 --yes --sizes

caprune versions --domain acme --repository snapshots --format maven

# Where the storage is: the largest packages of every repository.
caprune usage --domain acme --repository '*' --top 5

# Pre-releases older than 30 days across the releases repository, as JSON for a pipeline.
caprune delete --domain acme --repository releases --only-prerelease --older-than 30d \
  --dry-run -o json

echo
echo "Done. Try your own filters against a sandbox: java -jar $jar sandbox --demo (see docs/sandbox.md)."
