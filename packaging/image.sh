#!/bin/sh
# The container image: builds packaging/Dockerfile with podman, then runs it as a user would and
# fails on the first thing that is not as expected. See docs/container.md.
#
#   mvn -B verify -Dmaven.test.skip=true && packaging/image.sh [OPTIONS]
#
#   --local-base     make the base image from Debian's packages (mmdebstrap + podman import)
#                    instead of pulling BASE; also chosen when BASE cannot be pulled
#   --base IMAGE     the base to pull (default docker.io/library/eclipse-temurin:17-jre, as the
#                    Dockerfile's)
#   --tag TAG        the image built (default localhost/caprune:VERSION)
#   --no-cache       rebuild every layer of the image (the local base is still reused)
#   --runs N         timed runs of each command (default 7; 0: no timing)
#
# The local base, localhost/caprune-base:bookworm-jre17, is
#   mmdebstrap --variant=minbase --include=openjdk-17-jre-headless bookworm rootfs.tar
# imported with podman, and kept: a second run reuses it (podman rmi it to make it again).
# Only on that local path, podman is run with --runtime runc --cgroup-manager=cgroupfs and
# explicit nofile/nproc limits, which hosts with a hybrid cgroup layout and low hard limits need
# (override with CAPRUNE_PODMAN_GLOBAL and CAPRUNE_PODMAN_LIMITS; set them empty for none).
#
# Then, against `caprune sandbox --demo` started on the host from the same tarball, on a free
# port, the image is run read-only (no writable /tmp either, as Docker's --read-only and
# Kubernetes' readOnlyRootFilesystem), as its own user 10001, with --network host and the
# sandbox's dummy credentials: --version (with the baked class-data archive in use), a listing,
# a policy dry run with a policy file mounted read-only, the JRE's CA certificates, and a real
# policy run whose target names a role, run as the ECS task runs it, against a second sandbox
# serving STS (--role): its stats must show every CodeArtifact call made with the assumed
# session's key and the base key used for AssumeRole alone. Last, the
# image's size, and the median time of a one-package listing in the image, of the same listing
# by the launcher installed on the host, of the listing timed inside the container, and of an
# empty container (podman's own cost).
#
# Needs: podman (and, for the local base, mmdebstrap and runc; installed with apt-get when run
# as root on Debian or Ubuntu), curl, Java 17+ on the host for the sandbox, and the tarball.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
base=docker.io/library/eclipse-temurin:17-jre
local_base=
tag=
no_cache=
runs=7
while [ $# -gt 0 ]; do
  case $1 in
    --local-base) local_base=yes ;;
    --base) base=$2; shift ;;
    --tag) tag=$2; shift ;;
    --no-cache) no_cache=--no-cache ;;
    --runs) runs=$2; shift ;;
    -h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "image.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf 'image.sh: %s\n' "$*" >&2; }
fail() { say "FAIL: $*"; exit 1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# What this needs, installed when it can be.
need_pkgs=
command -v podman >/dev/null || need_pkgs="$need_pkgs podman"
if [ -n "$need_pkgs" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing$need_pkgs"
    # shellcheck disable=SC2086 # a list of packages
    DEBIAN_FRONTEND=noninteractive apt-get install -y $need_pkgs >/dev/null
  else
    fail "needs$need_pkgs (e.g. apt-get install$need_pkgs)"
  fi
fi
command -v java >/dev/null || [ -n "${JAVA_HOME:-}" ] || fail "needs Java 17+ on the host for the sandbox"
command -v curl >/dev/null || fail "needs curl (the sandbox's stats)"

tarball=$(find "$repo/target" -maxdepth 1 -name 'caprune-*.tar.gz' 2>/dev/null | head -n 1)
[ -n "$tarball" ] || fail "no target/caprune-*.tar.gz: run mvn -B verify -Dmaven.test.skip=true"
version=${tarball##*/caprune-}
version=${version%.tar.gz}
tag=${tag:-localhost/caprune:$version}

work=$(mktemp -d)
sandbox_pid=
sandbox2_pid=
cleanup() {
  [ -z "$sandbox_pid" ] || kill "$sandbox_pid" 2>/dev/null || true
  [ -z "$sandbox2_pid" ] || kill "$sandbox2_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The base: pulled, or already here, or made from Debian's packages.
global=
limits=
if [ -z "$local_base" ] && ! podman image exists "$base"; then
  say "pulling $base"
  if ! timeout 120 podman pull -q "$base" >/dev/null 2>"$work/pull.err"; then
    say "cannot pull $base ($(tail -n 1 "$work/pull.err")): making a local base from Debian's packages"
    local_base=yes
  fi
fi
base_ms=0
if [ -n "$local_base" ]; then
  base=localhost/caprune-base:bookworm-jre17
  global=${CAPRUNE_PODMAN_GLOBAL---runtime runc --cgroup-manager=cgroupfs}
  limits=${CAPRUNE_PODMAN_LIMITS---ulimit nofile=20000:20000 --ulimit nproc=1000:1000}
  if podman image exists "$base"; then
    say "local base $base: already made, reused"
  else
    for tool in mmdebstrap runc; do
      if ! command -v $tool >/dev/null; then
        if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
          fail "the local base needs $tool"
        fi
        say "installing $tool"
        DEBIAN_FRONTEND=noninteractive apt-get install -y $tool >/dev/null
      fi
    done
    say "making $base with mmdebstrap (Debian bookworm, openjdk-17-jre-headless)"
    start=$(now_ms)
    # No documentation, manual pages or translations: nothing caprune reads. (The JRE's
    # post-install script links its manual pages: their directory must exist.)
    # shellcheck disable=SC2016 # $1 is mmdebstrap's: the root being made
    mmdebstrap --quiet --variant=minbase --include=openjdk-17-jre-headless \
      --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' \
      bookworm "$work/rootfs.tar" || fail "mmdebstrap failed"
    podman import -q --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["/bin/bash"]' "$work/rootfs.tar" "$base" >/dev/null || fail "podman import failed"
    rm -f "$work/rootfs.tar"
    base_ms=$(($(now_ms) - start))
    say "local base made in $((base_ms / 1000)) s"
  fi
fi
# shellcheck disable=SC2086 # global and limits are lists of options
pm() { podman $global "$@"; }

say "building $tag from $base"
start=$(now_ms)
# shellcheck disable=SC2086
pm build $limits $no_cache -f "$repo/packaging/Dockerfile" \
  --ignorefile "$repo/packaging/Dockerfile.dockerignore" \
  --build-arg "BASE=$base" --build-arg "VERSION=$version" -t "$tag" "$repo" >"$work/build.log" 2>&1 ||
  { tail -n 30 "$work/build.log" >&2; fail "podman build failed"; }
build_ms=$(($(now_ms) - start))
say "built in $((build_ms / 1000)).$((build_ms % 1000 / 100)) s"

# The host: the same tarball installed, its archive made, and a demo sandbox on a free port.
mkdir "$work/host" "$work/policy"
tar -xzf "$tarball" -C "$work/host"
host=$work/host/caprune-$version/bin/caprune
export CAPRUNE_CACHE_DIR="$work/cache"
"$host" --version >/dev/null || fail "the tarball's launcher does not start on the host"
mkfifo "$work/sandbox.out"
"$host" sandbox --demo >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
exec 3<"$work/sandbox.out"
read -r url <&3 || fail "the sandbox did not start: $(cat "$work/sandbox.err")"
say "sandbox at $url"
export AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox AWS_REGION=us-east-1

# A user's run: read-only, no writable /tmp, the image's own user, the host's network.
run() {
  # shellcheck disable=SC2086
  pm run --rm --read-only --read-only-tmpfs=false --network host $limits \
    -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e AWS_REGION "$@"
}
# check NAME EXPECTED-TEXT COMMAND...: exit 0 and EXPECTED-TEXT in its stdout.
check() {
  name=$1 want=$2
  shift 2
  if "$@" >"$work/out" 2>"$work/err"; then rc=0; else rc=$?; fi
  if [ $rc -ne 0 ] || ! grep -q -e "$want" "$work/out"; then
    sed 's/^/  stdout: /' "$work/out" | tail -n 20 >&2
    sed 's/^/  stderr: /' "$work/err" | tail -n 20 >&2
    fail "$name: exit $rc, expected 0 and \"$want\" on stdout"
  fi
  say "ok: $name"
}

[ "$(pm image inspect --format '{{.Config.User}}' "$tag")" = 10001:10001 ] ||
  fail "the image's user is not 10001:10001"
check "runs as user 10001, not root" 'uid=10001' run --entrypoint id "$tag"
check "caprune --version" "^caprune $version " run "$tag" --version
check "the class-data archive built into the image is used" \
  'dev.caprune.cli.Caprune source: shared objects file' \
  run -e CAPRUNE_JAVA_OPTS=-Xlog:class+load=info:stdout "$tag" --version
check "with another uid, as OpenShift assigns, the archive is still used" \
  'dev.caprune.cli.Caprune source: shared objects file' \
  run --user 123456:0 -e CAPRUNE_JAVA_OPTS=-Xlog:class+load=info:stdout "$tag" --version
check "the JRE trusts public CAs (AWS's endpoints)" 'Your keystore contains [1-9]' \
  run --entrypoint keytool "$tag" -list -cacerts -storepass changeit
check "a listing" 'acme-parser *cargo *0[.]2[.]1 .*latest' \
  run "$tag" versions --endpoint-url "$url" --domain acme --repository releases
listed=$(wc -l <"$work/out")
cat >"$work/policy/retention.yaml" <<'YAML'
version: 1
targets:
  - name: demo
    domain: acme
    repositories: [releases, snapshots]
rules:
  - name: old-snapshots
    action: delete
    snapshotBuilds: true
    olderThan: 30d
  - name: releases
    action: delete
    repositories: [releases]
    keepLatest: 2
YAML
check "a policy dry run, its file mounted read-only" 'Dry run: nothing was changed' \
  run -v "$work/policy:/policy:ro" "$tag" policy run /policy/retention.yaml --dry-run \
  --endpoint-url "$url"
grep -q 'would change [1-9][0-9]* versions' "$work/out" || fail "the policy dry run selected nothing"
check "the dry run changed nothing" 'acme-parser' \
  run "$tag" versions --endpoint-url "$url" --domain acme --repository releases
[ "$(wc -l <"$work/out")" = "$listed" ] || fail "the listing changed after a dry run"

# A policy run whose target names a role, as the nightly ECS task runs it (the command of
# packaging/aws/caprune.yaml's task definition, verbatim: the policy through a here-document on
# /dev/stdin, under timeout), against a second sandbox whose STS lets only that role, with its
# external id, be assumed. The sandbox's stats must show the base key calling STS alone and the
# assumed session's key (ASIA...) making every CodeArtifact call.
role=arn:aws:iam::111122223333:role/caprune-nightly
mkfifo "$work/sandbox2.out"
"$host" sandbox --demo --role "$role:retention-ext" >"$work/sandbox2.out" 2>"$work/sandbox2.err" &
sandbox2_pid=$!
exec 4<"$work/sandbox2.out"
read -r url2 <&4 || fail "the role sandbox did not start: $(cat "$work/sandbox2.err")"
CAPRUNE_POLICY_TEXT="version: 1
targets:
  - name: demo
    domain: acme
    endpointUrl: $url2
    roleArn: $role
    externalId: retention-ext
    sessionName: image-check
    repositories: [snapshots]
rules:
  - name: old-snapshots
    action: delete
    snapshotBuilds: true
    olderThan: 30d"
export CAPRUNE_POLICY_TEXT CAPRUNE_MAX=1000 CAPRUNE_TIMEOUT=600
# shellcheck disable=SC2016 # the task's script, expanded in the container
ecs_command='exec timeout --signal=TERM --kill-after=60 "$CAPRUNE_TIMEOUT" caprune policy run /dev/stdin --yes --max "$CAPRUNE_MAX" -o ndjson <<EOF
$CAPRUNE_POLICY_TEXT
EOF
'
base_key=$AWS_ACCESS_KEY_ID
check "a policy run with a role, as the ECS task runs it" '"type":"summary".*"succeeded":[1-9]' \
  run -e CAPRUNE_POLICY_TEXT -e CAPRUNE_MAX -e CAPRUNE_TIMEOUT --entrypoint /bin/sh "$tag" \
  -c "$ecs_command"
grep -q '"type":"summary".*"failed":0' "$work/out" || fail "the role run failed some versions"
role_deleted=$(grep -c '"type":"version"' "$work/out")
stats=$(curl -fsS "$url2/_sandbox/stats") || fail "cannot read the role sandbox's stats"
kill "$sandbox2_pid" 2>/dev/null || true
# The stats are pretty-printed JSON, "NAME" : VALUE one a line; section SECTION's NAME.
stat() {
  printf '%s\n' "$stats" | sed -n "/\"$1\" : {/,/}/p" | grep -F "\"$2\" :" |
    sed 's/^[^:]*: *"\{0,1\}\([^",]*\).*/\1/' | head -n 1
}
assumed=$(stat calls AssumeRole)
[ "${assumed:-0}" -ge 1 ] || fail "no AssumeRole call: $stats"
[ "$(stat callers "$base_key")" = "$assumed" ] ||
  fail "the base key made calls other than AssumeRole: $stats"
session=$(printf '%s\n' "$stats" | sed -n '/"sessions" : {/,/}/p' | grep -F "\"$role\"" |
  sed -n 's/^ *"\(ASIA[A-Z0-9]*\)".*/\1/p' | head -n 1)
[ -n "$session" ] || fail "no session of $role: $stats"
total=$(printf '%s\n' "$stats" | sed -n '/"calls" : {/,/}/p' |
  sed -n 's/^ *"[A-Za-z]*" : \([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
session_calls=$(stat callers "$session")
[ "$session_calls" = $((total - assumed)) ] ||
  fail "not every CodeArtifact call was made with the session's key $session: $stats"
say "ok: the role's session $session made all $session_calls CodeArtifact calls ($role_deleted versions deleted); the base key $base_key only its $assumed AssumeRole"

size=$(pm image inspect --format '{{.Size}}' "$tag")
base_size=$(pm image inspect --format '{{.Size}}' "$base")
say "image $tag: $((size / 1000000)) MB ($((base_size / 1000000)) MB base $base + $(((size - base_size) / 1000000)) MB caprune and its archive)"

if [ "$runs" -gt 0 ]; then
  listing="versions --endpoint-url $url --domain acme --repository releases --format cargo --package acme-parser"
  : >"$work/t.image"
  : >"$work/t.host"
  : >"$work/t.empty"
  : >"$work/t.inside"
  # shellcheck disable=SC2086 # listing is a list of arguments
  run "$tag" $listing >/dev/null # warm: the image's files in the page cache, as the host's are
  i=0
  while [ $i -lt "$runs" ]; do
    start=$(now_ms)
    # shellcheck disable=SC2086
    "$host" $listing >/dev/null || fail "the host's listing failed"
    echo $(($(now_ms) - start)) >>"$work/t.host"
    start=$(now_ms)
    # shellcheck disable=SC2086
    run "$tag" $listing >/dev/null || fail "the image's listing failed"
    echo $(($(now_ms) - start)) >>"$work/t.image"
    start=$(now_ms)
    run --entrypoint /bin/true "$tag" || fail "an empty container failed"
    echo $(($(now_ms) - start)) >>"$work/t.empty"
    # The listing timed inside the container: what caprune takes there, without podman's cost.
    # shellcheck disable=SC2016,SC2086 # the script is the container's; listing is a list
    run --entrypoint /bin/sh "$tag" -c \
      's=$(date +%s%N); caprune "$@" >/dev/null || exit 1; echo $((($(date +%s%N) - s) / 1000000))' \
      sh $listing >>"$work/t.inside" || fail "the listing inside the container failed"
    i=$((i + 1))
  done
  say "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  say "one-package listing, median of $runs (ms): host launcher $(median <"$work/t.host"), in the image $(median <"$work/t.image") (of which inside the container $(median <"$work/t.inside"); podman run of an empty container: $(median <"$work/t.empty"))"
fi
say "all checks passed ($tag; build $((build_ms / 1000)).$((build_ms % 1000 / 100)) s$([ "$base_ms" = 0 ] || echo ", local base $((base_ms / 1000)) s"))"
