#!/bin/sh
# Start-up benchmark: the installed launcher against the AWS CLI, side by side in hyperfine runs.
#
#   mvn -B -q verify -Dmaven.test.skip=true && packaging/bench-startup.sh [--version-only] [JAVA_HOME...]
#
# The scenario of a reinstall: the tarball is unpacked at one path and run once (its launcher
# fills the class-data archive cache), then unpacked again at a NEW path with that same cache. The
# second install must find that the cached archive is not its own, make its own, and use it; the
# script checks that it does (its main class comes from the archive) and times the second install.
#
# For each Java (default: the java on PATH, plus /usr/lib/jvm/temurin-25-jdk-amd64 if present)
# it times `caprune --version` with its class-data archive and without (CAPRUNE_CDS=off), and,
# unless --version-only or the sandbox is missing, one `caprune versions` call against a tiny
# `caprune sandbox` repository (one package named exactly: one ListPackageVersions call, as for
# the AWS CLI), and the same over HTTPS (a second sandbox with --tls, its self-signed certificate
# trusted by both tools through AWS_CA_BUNDLE); next to `aws --version` and `aws codeartifact
# list-package-versions` on the same sandboxes. Prints medians and caprune/aws ratios. The runs
# (BENCH_RUNS per command, default 30) are split into BENCH_ROUNDS side-by-side hyperfine runs
# (default 10, alternating order), and the medians pooled over them: this machine's speed drifts.
# Needs: hyperfine, python3, the AWS CLI (AWS_CLI, default /usr/bin/aws). Not a test: timings
# depend on the machine and on what else runs on it.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
aws=${AWS_CLI:-/usr/bin/aws}
runs=${BENCH_RUNS:-30}     # per command, over BENCH_ROUNDS (default 10) rounds
listing=yes
if [ "${1:-}" = --version-only ]; then
  listing=no
  shift
fi
if [ $# -eq 0 ]; then
  set -- "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && set -- "$@" /usr/lib/jvm/temurin-25-jdk-amd64
fi
for tool in hyperfine python3 "$aws"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
tarball=$(find "$repo/target" -maxdepth 1 -name 'caprune-*.tar.gz' | head -n 1)
[ -n "$tarball" ] || { echo "bench: no target/caprune-*.tar.gz: run mvn -B verify -Dmaven.test.skip=true" >&2; exit 1; }

work=$(mktemp -d)
sandbox_pid=
sandbox_tls_pid=
url_tls=
cleanup() {
  [ -z "$sandbox_pid" ] || kill "$sandbox_pid" 2>/dev/null || true
  [ -z "$sandbox_tls_pid" ] || kill "$sandbox_tls_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
# The first install fills the cache; the second, at another path, is the one timed.
mkdir "$work/first" "$work/second"
tar -xzf "$tarball" -C "$work/first"
first=$(find "$work/first" -path '*/bin/caprune')
export CAPRUNE_CACHE_DIR="$work/cache"
JAVA_HOME=$1 "$first" --prepare >/dev/null 2>&1 # makes the first install's archive
tar -xzf "$tarball" -C "$work/second"
caprune=$(find "$work/second" -path '*/bin/caprune')
export AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=y AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
export AWS_CONFIG_FILE="$work/none" AWS_SHARED_CREDENTIALS_FILE="$work/none"

url=
if [ $listing = yes ]; then
  if JAVA_HOME=$1 "$first" sandbox --help 2>/dev/null | grep -q -- --data; then
    cat >"$work/sandbox.json" <<'JSON'
{"domains": [{"name": "acme", "owner": "111122223333",
  "repositories": [{"name": "releases", "packages": [
    {"format": "npm", "namespace": "acme", "name": "ui-kit", "versions": [
      {"version": "1.0.0", "publishedTime": "2024-01-10T10:00:00Z", "revision": "r1"},
      {"version": "2.0.0", "publishedTime": "2024-06-01T10:00:00Z", "revision": "r2"}]}]}]}]}
JSON
    mkfifo "$work/sandbox.out"
    JAVA_HOME=$1 "$first" sandbox --data "$work/sandbox.json" >"$work/sandbox.out" 2>"$work/sandbox.err" &
    sandbox_pid=$!
    exec 3<"$work/sandbox.out"
    read -r url <&3
    # The same listing over HTTPS, as against AWS: a second sandbox behind a self-signed
    # certificate, trusted by both tools through AWS_CA_BUNDLE (caprune's TLS client is then
    # built and used, as for AWS).
    if JAVA_HOME=$1 "$first" sandbox --help 2>/dev/null | grep -q -- --tls; then
      mkfifo "$work/sandbox-tls.out"
      JAVA_HOME=$1 "$first" sandbox --tls "$work/tls" --data "$work/sandbox.json" \
        >"$work/sandbox-tls.out" 2>"$work/sandbox-tls.err" &
      sandbox_tls_pid=$!
      exec 4<"$work/sandbox-tls.out"
      read -r url_tls <&4
    else
      echo "bench: this build has no 'caprune sandbox --tls': no HTTPS listing" >&2
    fi
  else
    echo "bench: this build has no 'caprune sandbox --data': timing --version only" >&2
    listing=no
  fi
fi

for jh in "$@"; do
  JAVA_HOME=$jh "$caprune" --prepare >/dev/null 2>&1 # the second install: makes its own archive
  # ... and uses it: its main class comes from the archive, not from the jar.
  if [ "${CAPRUNE_CDS:-on}" != off ] &&
    ! JAVA_HOME=$jh CAPRUNE_JAVA_OPTS=-Xlog:class+load=info:stdout "$caprune" --version |
    grep 'dev.caprune.cli.Caprune source: shared objects file' >/dev/null; then
    echo "bench: the install at a new path does not start with its archive ($jh)" >&2
    exit 1
  fi
  echo "bench: $(ls "$CAPRUNE_CACHE_DIR" | grep -c '[.]id$') archives in the cache, the new install's in use ($jh)" >&2
  if [ $listing = yes ]; then
    JAVA_HOME=$jh "$caprune" versions --endpoint-url "$url" --region us-east-1 --domain acme \
      --repository releases --format npm --package @acme/ui-kit -o json >/dev/null
  fi
  if [ -n "$url_tls" ]; then
    JAVA_HOME=$jh AWS_CA_BUNDLE="$work/tls/ca.pem" "$caprune" versions --endpoint-url "$url_tls" --region us-east-1 --domain acme \
      --repository releases --format npm --package @acme/ui-kit -o json >/dev/null
  fi
done

# One hyperfine run; each command gets a name the summary below reads. The load average is
# printed before and after: on a busy machine every median is higher, the aws ones included.
echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)" >&2
python3 - "$caprune" "$aws" "$runs" "$listing" "${url:-}" "$work/bench.json" "${url_tls:-}" "$work/tls" "$@" <<'PY'
import json, os, subprocess, sys
caprune, aws, runs, listing, url, out, url_tls, tls, *homes = sys.argv[1:]
def spec(home):
    v = subprocess.run([home + "/bin/java", "-XshowSettings:properties", "-version"],
                       capture_output=True, text=True).stderr
    return next(l.split("=")[1].strip() for l in v.splitlines() if "java.specification.version" in l)
cmds = []
for h in homes:
    j = "java" + spec(h)
    cmds += [(f"caprune --version ({j}, archive)", f"env JAVA_HOME={h} {caprune} --version"),
             (f"caprune --version ({j}, no archive)", f"env JAVA_HOME={h} CAPRUNE_CDS=off {caprune} --version")]
cmds.append(("aws --version", f"{aws} --version"))
if listing == "yes":
    for h in homes:
        j = "java" + spec(h)
        cmds += [(f"caprune versions ({j}, archive)",
                  f"env JAVA_HOME={h} {caprune} versions --endpoint-url {url} --region us-east-1 "
                  "--domain acme --repository releases --format npm --package @acme/ui-kit -o json"),
                 (f"caprune versions ({j}, no archive)",
                  f"env JAVA_HOME={h} CAPRUNE_CDS=off {caprune} versions --endpoint-url {url} "
                  "--region us-east-1 --domain acme --repository releases --format npm "
                  "--package @acme/ui-kit -o json")]
    cmds.append(("aws codeartifact list-package-versions",
                 f"{aws} codeartifact list-package-versions --endpoint-url {url} --region us-east-1 "
                 "--domain acme --repository releases --format npm --namespace acme --package ui-kit"))
if listing == "yes" and url_tls:
    for h in homes:
        j = "java" + spec(h)
        cmds.append((f"caprune versions https ({j}, archive)",
                     f"env JAVA_HOME={h} AWS_CA_BUNDLE={tls}/ca.pem {caprune} versions "
                     f"--endpoint-url {url_tls} --region us-east-1 --domain acme --repository releases "
                     "--format npm --package @acme/ui-kit -o json"))
    cmds.append(("aws codeartifact list-package-versions https",
                 f"env AWS_CA_BUNDLE={tls}/ca.pem {aws} codeartifact list-package-versions "
                 f"--endpoint-url {url_tls} --region us-east-1 --domain acme --repository releases "
                 "--format npm --namespace acme --package ui-kit"))
# The machine's speed drifts (neighbours' load), and hyperfine runs one command's runs back to
# back: so the runs are split into rounds, each one side-by-side hyperfine run, in reverse order
# every other round, and the medians are taken over all rounds' runs pooled.
import statistics
rounds = max(1, int(os.environ.get("BENCH_ROUNDS", "10")))
per_round = max(3, -(-int(runs) // rounds))
times = {n: [] for n, _ in cmds}
per_round_ratio = []
per_round_ratio_tls = []
for r in range(rounds):
    order = cmds if r % 2 == 0 else cmds[::-1]
    args = ["hyperfine", "-N", "-w", "2" if r == 0 else "1", "-r", str(per_round), "--export-json", out]
    for n, c in order:
        args += ["-n", n, c]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    got = {x["command"]: x["times"] for x in json.load(open(out))["results"]}
    for n in times:
        times[n] += got[n]
    lst = [n for n in got if n.startswith("caprune versions (") and "archive)" in n and "no archive" not in n]
    if lst and "aws codeartifact list-package-versions" in got:
        a = statistics.median(got["aws codeartifact list-package-versions"])
        per_round_ratio.append(statistics.median(got[lst[0]]) / a)
    lst = [n for n in got if n.startswith("caprune versions https (")]
    if lst and "aws codeartifact list-package-versions https" in got:
        a = statistics.median(got["aws codeartifact list-package-versions https"])
        per_round_ratio_tls.append(statistics.median(got[lst[0]]) / a)
res = {n: statistics.median(t) * 1000 for n, t in times.items()}
print(f"{'command':<48} {'median ms':>9}  {'vs aws':>6}   ({rounds} rounds x {per_round} runs)")
for n, _ in cmds:
    base = (res["aws --version"] if "--version" in n
            else res.get("aws codeartifact list-package-versions https") if "https" in n
            else res.get("aws codeartifact list-package-versions"))
    ratio = "" if n.startswith("aws") or base is None else f"{res[n] / base:6.2f}"
    print(f"{n:<48} {res[n]:9.0f}  {ratio:>6}")
if per_round_ratio:
    print(f"listing ratio ({[n for n, _ in cmds if n.startswith('caprune versions')][0]}) per round: "
          + ", ".join(f"{x:.2f}" for x in per_round_ratio))
if per_round_ratio_tls:
    print(f"https listing ratio ({[n for n, _ in cmds if n.startswith('caprune versions https')][0]}) "
          "per round: " + ", ".join(f"{x:.2f}" for x in per_round_ratio_tls))
PY
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)" >&2
