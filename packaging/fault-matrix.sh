#!/bin/sh
# The full matrices behind the promise that the report is exactly what changed (not part of
# `mvn -B verify`, which runs a representative slice): the fault matrix over many seeds, listings
# caprune must not believe, real signals at many random moments, and the memory bound. Prints
# each part's figures.
#   FaultMatrixTest: delete, archive, restore, dispose, apply, a policy, and a policy whose keep
#     rule's time window covers versions without a publish time (never sent to a write) x
#     --max-attempts 1 and 5 x SEEDS seeds, under throttling, 5xx, lost answers, 409s and partial
#     answers together.
#   EmptyPackagesFaultTest: delete --delete-empty-packages --sizes, faults throughout or from the
#     first delete on x --max-attempts 1 and 5 x SEEDS seeds; prints each run's figures (packages
#     gone, reported deleted/already gone/unknown/failed; versions unknown, failed, unsized).
#   DependencyProtectionTest: --protect-dependencies --dependents-from, a real delete under
#     throttling, 5xx and lost answers x SEEDS seeds: a dependency listing that fails protects (its
#     format is left alone, exit 1), never deletes; a run that completes deletes exactly what no
#     remaining version needs.
#   EventFaultsTest: a publish event (policy run --event, and the Lambda handler as one warm
#     instance) under the same compound faults x SEEDS seeds: the record is exactly what changed,
#     in the event's package alone, and a retry without faults converges.
#   PolicyEventSignalsIT: TRIALS/2 real SIGINT/SIGTERM moments to policy run --event (listing,
#     deleting): exit 130, a whole ndjson record that is exactly what changed.
#   MalformedListingTest: every malformed listing shape against the scan, the emptiness check,
#     apply's check and the re-checks after a lost answer or MISMATCHED_STATUS (no DeletePackage,
#     no alreadyDone from a listing caprune could not believe).
#   SignalsIT: TRIALS random SIGINT/SIGTERM moments (json, ndjson, csv; some signalled twice),
#     three more with --protect-dependencies (the first while the dependencies are read),
#     plus Ctrl-C at the prompt on a real terminal.
#   PacedSignalsIT: TRIALS SIGINT/SIGTERM moments while packages wait for a one-page memory
#     budget (-Dcaprune.memoryBudget), one while eight workers wait for slots at 0.2 writes/s,
#     stdout a full pipe (SIGTERM, then read: 130) or closed by its reader (exit 1), and SIGINT
#     while a throttled write waits out a Retry-After of a day: the run ends within 12 s, sends
#     no write after the signal, and the record is exactly what changed.
#   ThrottleStormTest: 429 bursts to writes and listings under every kind of Retry-After, 429 then
#     a lost answer, 429 past the retries, a storm on one of two targets sharing a quota, and one
#     429 with Retry-After: 86400 (the retry comes after the 20 s bound, not a day).
#   Memory: a 2,000,000-version dry run (sandbox --generate 20000x100) under -Xmx64m: -o ndjson
#     completes; -o json ends with the one-line memory message and exit 1. Then one package of
#     2,000,000 versions (--generate 1x2000000), -o ndjson under -Xmx64m: completes (the package
#     sorted on disk), nothing left in java.io.tmpdir.
# Needs: a JDK 17+, Maven, `script` (util-linux). Usage: packaging/fault-matrix.sh [SEEDS] [TRIALS]
set -eu
cd "$(dirname "$0")/.."
seeds=${1:-20}
trials=${2:-30}

echo "== fault matrix: $seeds seeds"
mvn -B -q test -Dtest=FaultMatrixTest -Dcaprune.faultSeeds="$seeds" -Dsurefire.printSummary=true \
  | grep -E "Tests run|FAIL" || true
grep -h -o 'tests="[0-9]*"[^>]*failures="[0-9]*"' target/surefire-reports/TEST-dev.caprune.cli.FaultMatrixTest.xml

echo "== empty packages under faults: $seeds seeds"
mvn -B -q test -Dtest=EmptyPackagesFaultTest -Dcaprune.faultSeeds="$seeds" \
  -Dsurefire.printSummary=true | grep -E "^empty packages|Tests run|FAIL" || true
grep -h -o 'tests="[0-9]*"[^>]*failures="[0-9]*"' \
  target/surefire-reports/TEST-dev.caprune.cli.EmptyPackagesFaultTest.xml

echo "== dependencies under faults: $seeds seeds"
mvn -B -q test -Dtest=DependencyProtectionTest -Dcaprune.faultSeeds="$seeds" \
  -Dsurefire.printSummary=true | grep -E "Tests run|FAIL" || true
grep -h -o 'tests="[0-9]*"[^>]*failures="[0-9]*"' \
  target/surefire-reports/TEST-dev.caprune.cli.DependencyProtectionTest.xml

echo "== publish events under faults (command line and Lambda handler): $seeds seeds"
mvn -B -q test -Dtest=EventFaultsTest -Dcaprune.faultSeeds="$seeds" -Dsurefire.printSummary=true \
  | grep -E "Tests run|FAIL" || true
grep -h -o 'tests="[0-9]*"[^>]*failures="[0-9]*"' \
  target/surefire-reports/TEST-dev.caprune.lambda.EventFaultsTest.xml

echo "== listings caprune must not believe"
mvn -B -q test -Dtest=MalformedListingTest -Dsurefire.printSummary=true | grep -E "Tests run|FAIL" || true
grep -h -o 'tests="[0-9]*"[^>]*failures="[0-9]*"' \
  target/surefire-reports/TEST-dev.caprune.cli.MalformedListingTest.xml

echo "== signals: $trials trials"
mvn -B -q verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SignalsIT \
  -Dcaprune.signalTrials="$trials" | grep -E ": exit |Tests run|FAIL" || true
grep -h -o 'tests="[0-9]*"[^>]*failures="[0-9]*"' target/failsafe-reports/TEST-dev.caprune.it.SignalsIT.xml

echo "== signals on publish events: $trials trials"
mvn -B -q verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PolicyEventSignalsIT \
  -Dcaprune.signalTrials="$trials" | grep -E ": exit |Tests run|FAIL" || true
grep -h -o 'tests="[0-9]*"[^>]*failures="[0-9]*"' \
  target/failsafe-reports/TEST-dev.caprune.it.PolicyEventSignalsIT.xml

echo "== signals while workers wait (memory, pacing, Retry-After, a full or closed stdout): $trials trials"
mvn -B -q verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PacedSignalsIT \
  -Dcaprune.signalTrials="$trials" | grep -E ": exit |SIGINT: exit|Tests run|FAIL" || true
grep -h -o 'tests="[0-9]*"[^>]*failures="[0-9]*"' target/failsafe-reports/TEST-dev.caprune.it.PacedSignalsIT.xml

echo "== throttle storms, and a Retry-After of a day waited at most 20 s"
mvn -B -q test -Dtest=ThrottleStormTest -Dcaprune.slowThrottle=true -Dsurefire.printSummary=true \
  | grep -E "Retry-After 86400|storm on|Tests run|FAIL" || true
grep -h -o 'tests="[0-9]*"[^>]*failures="[0-9]*"' \
  target/surefire-reports/TEST-dev.caprune.cli.ThrottleStormTest.xml

echo "== memory: 2,000,000 versions under -Xmx64m"
jar=target/caprune.jar
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
java -jar "$jar" sandbox --generate 20000x100 >"$work/endpoint" 2>"$work/sandbox.log" &
pid=$!
until [ -s "$work/endpoint" ]; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
  sleep 0.5
done
endpoint=$(head -n 1 "$work/endpoint")
AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION
for fmt in ndjson json; do
  start=$(date +%s)
  set +e
  java -Xmx64m -jar "$jar" delete --domain caprune --repository generated --all --dry-run \
    -o "$fmt" -q --endpoint-url "$endpoint" >"$work/out.$fmt" 2>"$work/err.$fmt"
  code=$?
  set -e
  end=$(date +%s)
  echo "-o $fmt: exit $code in $((end - start)) s, $(wc -c <"$work/out.$fmt") bytes on stdout;" \
    "last stdout line: $(tail -c 200 "$work/out.$fmt" | tail -n 1 | cut -c1-160)"
  echo "  stderr: $(head -c 300 "$work/err.$fmt")"
done
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true

echo "== memory: one package of 2,000,000 versions under -Xmx64m (sorted on disk)"
rm -f "$work/endpoint"
java -jar "$jar" sandbox --generate 1x2000000 >"$work/endpoint" 2>"$work/sandbox.log" &
pid=$!
until [ -s "$work/endpoint" ]; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
  sleep 0.5
done
endpoint=$(head -n 1 "$work/endpoint")
mkdir -m 700 "$work/tmp"
start=$(date +%s)
set +e
java -Xmx64m "-Djava.io.tmpdir=$work/tmp" -jar "$jar" delete --domain caprune \
  --repository generated --all --dry-run -o ndjson -q --endpoint-url "$endpoint" \
  >"$work/out.huge" 2>"$work/err.huge"
code=$?
set -e
end=$(date +%s)
echo "-o ndjson: exit $code in $((end - start)) s, $(wc -l <"$work/out.huge") lines;" \
  "summary: $(tail -n 1 "$work/out.huge" | cut -c1-200)"
echo "  stderr: $(head -c 300 "$work/err.huge")"
echo "  left in java.io.tmpdir: $(find "$work/tmp" -mindepth 1 | wc -l) files"
