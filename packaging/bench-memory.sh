#!/bin/sh
# Memory benchmark (not a test): dry runs over a few huge packages and over one enormous one under a
# small heap, -o ndjson, the default concurrency, on sandboxes with a realistic status mix (90 %
# Published, 8 % Unlisted, 2 % Archived). Prints each run's exit code, wall time, peak RSS
# ("Maximum resident set size" from GNU time), lines written, the most its temporary files held
# (a package larger than the budget is sorted on disk, in java.io.tmpdir: here a directory of its
# own, sampled every 0.2 s), and the memory line if it ran out.
# The JVM runs with the launcher's collector (-XX:+UseSerialGC; BENCH_JAVA_OPTS replaces it), extra caprune
# options from BENCH_CAPRUNE_OPTS. Needs: a JDK 17+, Maven, GNU time (/usr/bin/time).
# Usage: packaging/bench-memory.sh [XMX] [PxV ...]   (default: 64m 20x100000 1x2000000)
# Also: packaging/bench-scale.sh --memory [XMX] [PxV ...]
set -eu
cd "$(dirname "$0")/.."
xmx=${1:-64m}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- 20x100000 1x2000000

jar=target/caprune.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  mvn -B -q package -DskipTests
fi

work=$(mktemp -d)
pid=
sampler=
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION

echo "load average: $(cut -d ' ' -f 1-3 /proc/loadavg); $(nproc) cores"
for size in "$@"; do
  rm -f "$work/endpoint"
  java -jar "$jar" sandbox --generate "$size" --generate-statuses published=90,unlisted=8,archived=2 \
    >"$work/endpoint" 2>"$work/sandbox.log" &
  pid=$!
  until [ -s "$work/endpoint" ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
    sleep 0.5
  done
  endpoint=$(head -n 1 "$work/endpoint")
  rm -rf "$work/tmp" && mkdir "$work/tmp"
  echo 0 >"$work/disk"
  (
    peak=0
    while :; do
      now=$(du -sb "$work/tmp" 2>/dev/null | cut -f 1)
      [ "${now:-0}" -gt "$peak" ] && peak=$now && echo "$peak" >"$work/disk"
      sleep 0.2
    done
  ) &
  sampler=$!
  set +e
  /usr/bin/time -v -o "$work/time" java "-Xmx$xmx" ${BENCH_JAVA_OPTS--XX:+UseSerialGC} "-Djava.io.tmpdir=$work/tmp" \
    -jar "$jar" delete --domain caprune \
    --repository generated --all --dry-run -o ndjson -q --endpoint-url "$endpoint" ${BENCH_CAPRUNE_OPTS:-} \
    >"$work/out" 2>"$work/err"
  code=$?
  set -e
  kill "$sampler" 2>/dev/null && wait "$sampler" 2>/dev/null || true
  sampler=
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
  disk=$(cat "$work/disk")
  left=$(find "$work/tmp" -mindepth 1 | wc -l)
  echo "$size -Xmx$xmx -o ndjson: exit $code, wall $wall, peak RSS $((rss / 1024)) MB," \
    "$(wc -l <"$work/out") lines, temporary files at most $((disk / 1048576)) MB ($left left);" \
    "summary: $(tail -n 1 "$work/out" | cut -c1-200)"
  grep -h "out of memory" "$work/err" || true
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  pid=
done
