#!/bin/sh
# Sandbox benchmark (not a test): starts `caprune sandbox --generate PxV` (default 1x2000000) and
# prints how long it took to be ready, its heap after a full GC (jcmd) in bytes per version, then
# lists the first package whole through the AWS SDK, 1,000 versions a page, in the default order and
# newest first, with the median time of 20 pages spread over each listing (packaging/SandboxPages.java).
# Needs: a JDK 17+ (java, jcmd), Maven. Usage: packaging/bench-pages.sh [PxV]
set -eu
cd "$(dirname "$0")/.."
size=${1:-1x2000000}

jar=target/caprune.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  mvn -B -q package -DskipTests
fi

work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

start=$(date +%s.%N)
java -jar "$jar" sandbox --generate "$size" >"$work/endpoint" 2>"$work/sandbox.log" &
pid=$!
until [ -s "$work/endpoint" ]; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
  sleep 0.05
done
end=$(date +%s.%N)
endpoint=$(head -n 1 "$work/endpoint")

jcmd "$pid" GC.run >/dev/null
used=$(jcmd "$pid" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n 1)
versions=$((${size%x*} * ${size#*x}))
echo "sandbox --generate $size: ready in $(echo "$end $start" | awk '{printf "%.1f", $1 - $2}') s;" \
  "heap after GC $((used / 1024)) MB, $((used * 1024 / versions)) bytes per version;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$jar" packaging/SandboxPages.java "$endpoint"
java -cp "$jar" packaging/SandboxPages.java "$endpoint" time
