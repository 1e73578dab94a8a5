#!/bin/sh
# Two-target policy benchmark (not a test): one `caprune policy run` over two sandboxes standing
# for two accounts, each enforcing AWS's default rate quotas with 20 ms added to every call, each
# holding PxV generated versions (default 500x100); the policy deletes every non-latest version.
# Targets run at the same time, each with its own rate limits (two accounts, two quotas), so the
# run should take about the larger target's quota-bound minimum, max(write calls / 100, read
# calls / 800) seconds, not the sum. Prints wall time, calls per target, and the ratio of the wall
# time to that minimum. caprune runs as installed: the distribution's tarball
# (target/caprune-*.tar.gz, built when missing or older than the sources) unpacked to a temporary
# directory, its archive made first as an install does (bin/caprune --prepare).
# Environment: CAPRUNE, another caprune command to time instead (e.g. java -jar some.jar).
# Needs: a JDK 17+, Maven, python3. Usage: packaging/bench-policy.sh [PxV] [extra caprune options]
# (also: packaging/bench-scale.sh --two-targets [PxV] ...)
# packaging/bench-policy.sh --phases [PxV]: also where each target's time went, from caprune's call
# log (packaging/bench-phases.py; see bench-scale.sh).
set -eu
cd "$(dirname "$0")/.."
phases=
if [ "${1:-}" = --phases ]; then
  shift
  phases=1
fi
size=${1:-500x100}
[ $# -gt 0 ] && shift

jar=target/caprune.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  mvn -B -q package -DskipTests
fi

work=$(mktemp -d)
pids=
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  if [ -n "${KEEP_WORK:-}" ]; then
    echo "kept $work" >&2 # KEEP_WORK=1: the report, the logs and the call log stay
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT INT TERM

if [ -z "${CAPRUNE:-}" ]; then
  tarball=$(find target -maxdepth 1 -name 'caprune-*.tar.gz' 2>/dev/null | head -n 1)
  if [ -z "$tarball" ] || [ -n "$(find pom.xml src packaging -newer "$tarball" -type f 2>/dev/null | head -n 1)" ]; then
    mvn -B -q verify -Dmaven.test.skip=true
    tarball=$(find target -maxdepth 1 -name 'caprune-*.tar.gz' | head -n 1)
  fi
  mkdir "$work/install"
  tar -xzf "$tarball" -C "$work/install"
  CAPRUNE=$(find "$work/install" -path '*/bin/caprune' | head -n 1)
  export CAPRUNE_CACHE_DIR="$work/cache"
  "$CAPRUNE" --prepare >/dev/null 2>&1 # as an install does: no training run during the bench
fi

for t in one two; do
  java -jar "$jar" sandbox --generate "$size" --latency-ms 20 --quotas aws \
    >"$work/endpoint-$t" 2>"$work/sandbox-$t.log" &
  pids="$pids $!"
done
for t in one two; do
  until [ -s "$work/endpoint-$t" ]; do sleep 0.1; done
done
one=$(head -n 1 "$work/endpoint-one")
two=$(head -n 1 "$work/endpoint-two")
cat >"$work/policy.yaml" <<YAML
version: 1
targets:
  - {name: one, domain: caprune, endpointUrl: "$one", repositories: [generated]}
  - {name: two, domain: caprune, endpointUrl: "$two", repositories: [generated]}
rules:
  - {name: everything, action: delete, all: true}
YAML
for e in "$one" "$two"; do
  python3 -c "import urllib.request as u; u.urlopen(u.Request('$e/_sandbox/stats/reset', method='POST'))"
done

AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION

if [ -n "$phases" ]; then
  JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Dcaprune.callLog=$work/calls.log"
  export JAVA_TOOL_OPTIONS
fi
start=$(date +%s.%N)
set +e
# shellcheck disable=SC2086 # CAPRUNE may be a word list (java -jar ...)
$CAPRUNE policy run "$work/policy.yaml" --yes -o json -q "$@" \
  >"$work/report.json" 2>"$work/caprune.err"
code=$?
set -e
end=$(date +%s.%N)
unset JAVA_TOOL_OPTIONS

python3 - "$start" "$end" "$code" "$one" "$two" "$work/report.json" "$work/caprune.err" "$size" \
  "$CAPRUNE" <<'PY'
import json, sys, urllib.request
start, end, code, one, two, report, err, size = sys.argv[1:9]
wall = float(end) - float(start)
WRITES = ("DeletePackageVersions", "UpdatePackageVersionsStatus", "DisposePackageVersions", "DeletePackage")
try:
    summary = json.load(open(report))["summary"]
except Exception:
    summary = {}
print(f"two sandboxes --generate {size} --latency-ms 20 --quotas aws; caprune exit code {code}")
print(f"caprune              {sys.argv[9]}")
print(f"wall time            {wall:8.2f} s")
bounds = []
for name, endpoint in (("one", one), ("two", two)):
    stats = json.load(urllib.request.urlopen(endpoint + "/_sandbox/stats"))
    calls = stats["calls"]
    writes = sum(calls.get(op, 0) for op in WRITES)
    reads = sum(calls.values()) - writes
    bound = max(writes / 100.0, reads / 800.0)
    bounds.append(bound)
    print(f"target {name}: {writes} writes, {reads} reads, {stats.get('throttled', 0)} throttled"
          f" ({stats.get('throttledAgain', 0)} again);"
          f" quota-bound minimum {bound:.2f} s")
    for op in sorted(calls):
        print(f"  {op:<30} {calls[op]:>7}")
print(f"versions deleted     {summary.get('succeeded', '?'):>8}")
print(f"versions failed      {summary.get('failed', '?'):>8}")
larger = max(bounds)
print(f"larger target's minimum {larger:8.2f} s (both in a row: {sum(bounds):.2f} s)")
print(f"ratio                {wall / larger if larger else float('nan'):8.2f}")
if code != 0:
    sys.stderr.write(open(err).read())
PY
if [ -n "$phases" ]; then
  python3 packaging/bench-phases.py "$work/calls.log" "$start" "$end"
fi
