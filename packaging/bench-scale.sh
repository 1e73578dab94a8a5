#!/bin/sh
# Scale benchmark (not a test): a real delete of every non-latest version of 1,000 packages x 100
# versions on a sandbox that enforces AWS's default rate quotas and adds 20 ms to every call.
# Prints wall time, calls per operation, throttled calls, failed versions, and the ratio of the
# wall time to the quota-bound minimum, max(write calls / 100, read calls / 800) seconds.
# Needs: a JDK 17+, Maven, python3. Usage: packaging/bench-scale.sh [PxV] [extra caprune options]
# Environment: CAPRUNE, the caprune command to time (default: java -jar target/caprune.jar; e.g.
# another build's jar, or an installed bin/caprune); SANDBOX_OPTS, more sandbox options (e.g.
# "--generate-statuses published=90,unlisted=8,archived=2"). The sandbox is always this build's.
# packaging/bench-scale.sh --phases [PxV] (or --phases --two-targets ...): also where the time went,
# from caprune's call log (-Dcaprune.callLog, through JAVA_TOOL_OPTIONS): the time before the first
# write, the write span against writes / 100, the tail after the last write (bench-phases.py).
# packaging/bench-scale.sh --two-targets [PxV]: a policy over two sandboxes (packaging/bench-policy.sh).
# packaging/bench-scale.sh --pages [PxV]: a large sandbox's memory and page times (packaging/bench-pages.sh).
# packaging/bench-scale.sh --memory [XMX] [PxV ...]: dry runs under a small heap (packaging/bench-memory.sh).
set -eu
cd "$(dirname "$0")/.."
phases=
if [ "${1:-}" = --phases ]; then
  shift
  phases=1
fi
if [ "${1:-}" = --two-targets ]; then
  shift
  [ -n "$phases" ] && set -- --phases "$@"
  exec packaging/bench-policy.sh "$@" # two targets (accounts) in one policy run
fi
if [ "${1:-}" = --pages ]; then
  shift
  exec packaging/bench-pages.sh "$@" # the sandbox itself at 1 x 2,000,000 versions or PxV
fi
if [ "${1:-}" = --memory ]; then
  shift
  exec packaging/bench-memory.sh "$@" # 20 x 100,000 and 1 x 2,000,000 versions under -Xmx64m
fi
size=${1:-1000x100}
[ $# -gt 0 ] && shift

jar=target/caprune.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  mvn -B -q package -DskipTests
fi

work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  if [ -n "${KEEP_WORK:-}" ]; then
    echo "kept $work" >&2 # KEEP_WORK=1: the report, the logs and the call log stay
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT INT TERM

# shellcheck disable=SC2086 # SANDBOX_OPTS and CAPRUNE are word lists
java -jar "$jar" sandbox --generate "$size" --latency-ms 20 --quotas aws ${SANDBOX_OPTS:-} \
  >"$work/endpoint" 2>"$work/sandbox.log" &
pid=$!
until [ -s "$work/endpoint" ]; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
  sleep 0.1
done
endpoint=$(head -n 1 "$work/endpoint")
python3 -c "import urllib.request as u; u.urlopen(u.Request('$endpoint/_sandbox/stats/reset', method='POST'))"

AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION

if [ -n "$phases" ]; then
  JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Dcaprune.callLog=$work/calls.log"
  export JAVA_TOOL_OPTIONS
fi
start=$(date +%s.%N)
set +e
${CAPRUNE:-java -jar $jar} delete --domain caprune --repository generated --all --yes -o json -q \
  --endpoint-url "$endpoint" "$@" >"$work/report.json" 2>"$work/caprune.err"
code=$?
set -e
end=$(date +%s.%N)
unset JAVA_TOOL_OPTIONS

python3 - "$start" "$end" "$code" "$endpoint" "$work/report.json" "$work/caprune.err" "$size" \
  "${SANDBOX_OPTS:-}" <<'PY'
import json, sys, urllib.request
start, end, code, endpoint, report, err, size = sys.argv[1:8]
wall = float(end) - float(start)
stats = json.load(urllib.request.urlopen(endpoint + "/_sandbox/stats"))
calls = stats["calls"]
writes = sum(calls.get(op, 0) for op in
             ("DeletePackageVersions", "UpdatePackageVersionsStatus", "DisposePackageVersions", "DeletePackage"))
reads = sum(calls.values()) - writes
bound = max(writes / 100.0, reads / 800.0)
try:
    summary = json.load(open(report))["summary"]
except Exception:
    summary = {}
print(f"sandbox --generate {size} --latency-ms 20 --quotas aws; caprune exit code {code}")
print(f"statuses             {(sys.argv[8] or 'default mix')}")
print(f"wall time            {wall:8.2f} s")
for op in sorted(calls):
    print(f"  {op:<30} {calls[op]:>7}")
print(f"throttled calls      {stats.get('throttled', 0):>8}")
print(f"  throttled again    {stats.get('throttledAgain', 0):>8}  (most in a row: {stats.get('mostThrottledInARow', 0)})")
print(f"versions deleted     {summary.get('succeeded', '?'):>8}")
print(f"versions failed      {summary.get('failed', '?'):>8}")
print(f"quota-bound minimum  {bound:8.2f} s  (max({writes} writes / 100, {reads} reads / 800))")
print(f"ratio                {wall / bound if bound else float('nan'):8.2f}")
if code != 0:
    sys.stderr.write(open(err).read())
PY
if [ -n "$phases" ]; then
  python3 packaging/bench-phases.py "$work/calls.log" "$start" "$end"
fi
