#!/bin/sh
# The deployment files under packaging/ (kubernetes/, github/, aws/), checked with no cluster, no
# runner and no AWS account, by the best validators that install from npm and Debian. Fails on
# any finding. See docs/scheduling.md#what-was-checked.
#
#   packaging/check-deploy.sh
#
#   yamllint (Debian)          every YAML file: syntax, duplicate keys, indentation
#   action-validator (npm)     the workflows and the composite action, against GitHub's schemas
#   ShellCheck (Debian)        every `run:` script of the workflows and the action, the ECS
#                              task's command, and this script
#   check-template.js          the CloudFormation template against the resource database AWS
#                              CDK ships (npm @aws-cdk/aws-service-spec): types, properties,
#                              required ones, allowed values, Ref, GetAtt, Sub, IAM documents
#   kubectl kustomize          the kustomization builds (when kubectl is installed)
#   check-manifests.js         every Kubernetes object against the API's schemas (npm
#                              kubernetes-models: validators, then tsc for unknown fields)
#   caprune policy check       each policy the files embed (with target/caprune.jar, when built)
#
# npm packages are installed, pinned, into target/deploy-check (never globally); Debian packages
# with apt-get when run as root. Needs node and npm (installed with apt-get when missing).
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$repo"
say() { printf 'check-deploy: %s\n' "$*" >&2; }
failed=0
finding() { say "FAIL: $*"; failed=1; }

apt_need() { # apt_need COMMAND PACKAGE
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing $2"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
  fi
  command -v "$1" >/dev/null || { say "needs $1 (apt-get install $2)"; exit 2; }
}
apt_need node nodejs
apt_need npm npm
apt_need yamllint yamllint
apt_need shellcheck shellcheck

# The npm tools, pinned, in target/ (reused while the pins are the same).
tools=$repo/target/deploy-check
pins='@action-validator/cli@0.6.0 @aws-cdk/aws-service-spec@0.1.216 kubernetes-models@5.1.0 js-yaml@4.1.0 typescript@5.9.3'
mkdir -p "$tools"
if [ "$(cat "$tools/pins" 2>/dev/null)" != "$pins" ]; then
  say "installing $pins into $tools"
  rm -rf "$tools/node_modules" "$tools/package.json" "$tools/package-lock.json"
  printf '{"name": "caprune-deploy-check", "private": true}\n' >"$tools/package.json"
  # shellcheck disable=SC2086 # a list of packages
  (cd "$tools" && npm install --no-audit --no-fund --silent --save-exact $pins) ||
    { say "npm install failed"; exit 2; }
  echo "$pins" >"$tools/pins"
fi
export NODE_PATH="$tools/node_modules"
bin=$tools/node_modules/.bin

yamls=$(find packaging/kubernetes packaging/github packaging/aws -name '*.yaml' -o -name '*.yml' | sort)
workflows=$(find packaging/github -name '*.yml' | sort)

say "yamllint: $(echo "$yamls" | wc -l) files"
# shellcheck disable=SC2086 # a list of files
yamllint -s -d '{extends: default, rules: {line-length: {max: 150}, document-start: disable,
  truthy: {check-keys: false}, comments: {min-spaces-from-content: 1},
  braces: {max-spaces-inside: 1}, brackets: {max-spaces-inside: 1}}}' $yamls ||
  finding "yamllint"

for f in $workflows; do
  say "action-validator: $f"
  "$bin/action-validator" "$f" || finding "action-validator: $f"
done

# Scripts inside YAML: each workflow's and the action's run: blocks (GitHub's ${{ }} replaced by
# a shell word), and the ECS task's command.
scripts=$tools/scripts
rm -rf "$scripts"
mkdir -p "$scripts"
# shellcheck disable=SC2016,SC2086 # JavaScript in single quotes; workflows is a list of files
node -e '
const fs = require("fs"), yaml = require("js-yaml"), path = require("path");
const [out, ...files] = process.argv.slice(1);
let n = 0;
const write = (name, shell, text) => {
  const f = path.join(out, `${String(++n).padStart(2, "0")}-${name.replace(/[^A-Za-z0-9.-]+/g, "_")}.sh`);
  fs.writeFileSync(f, `#!/bin/${shell}\n${text.replace(/\$\{\{[^}]*\}\}/g, "GITHUB_EXPRESSION")}\n`);
};
for (const file of files) {
  const doc = yaml.load(fs.readFileSync(file, "utf8"));
  if (doc.Resources) {
    for (const [name, r] of Object.entries(doc.Resources)) {
      for (const c of (r.Properties && r.Properties.ContainerDefinitions) || []) {
        if (c.EntryPoint && c.EntryPoint.join(" ") === "/bin/sh -c") write(`${path.basename(file)}-${name}`, "sh", c.Command[0]);
      }
    }
    continue;
  }
  const steps = doc.runs ? doc.runs.steps : Object.values(doc.jobs || {}).flatMap((j) => j.steps || []);
  steps.forEach((s, i) => { if (s.run) write(`${path.basename(file)}-step${i}`, "bash", s.run); });
}
console.log(`${n} scripts`);
' "$scripts" $workflows packaging/aws/caprune.yaml >&2
say "shellcheck: the scripts in the YAML files, and packaging/check-deploy.sh"
shellcheck "$scripts"/*.sh packaging/check-deploy.sh || finding "shellcheck"

say "check-template.js: packaging/aws/caprune.yaml"
node packaging/aws/check-template.js packaging/aws/caprune.yaml || finding "CloudFormation template"

manifests=$(find packaging/kubernetes -name '*.yaml' ! -name kustomization.yaml | sort)
if command -v kubectl >/dev/null; then
  say "kubectl kustomize packaging/kubernetes"
  if kubectl kustomize packaging/kubernetes >"$tools/kustomized.yaml"; then
    manifests=$tools/kustomized.yaml
  else
    finding "kubectl kustomize"
  fi
else
  say "no kubectl: the kustomization is not built; its files are checked one by one"
fi
say "check-manifests.js: $(echo "$manifests" | tr '\n' ' ')"
# shellcheck disable=SC2086 # a list of files
node packaging/kubernetes/check-manifests.js "$tools/k8s" $manifests || finding "Kubernetes manifests"

if [ -f target/caprune.jar ] && command -v java >/dev/null; then
  # shellcheck disable=SC2016 # JavaScript in single quotes
  node -e '
const fs = require("fs"), yaml = require("js-yaml");
const out = process.argv[1];
for (const d of yaml.loadAll(fs.readFileSync("packaging/kubernetes/configmap.yaml", "utf8"))) {
  if (d && d.kind === "ConfigMap") fs.writeFileSync(`${out}/configmap-policy.yaml`, d.data["policy.yaml"]);
}
const t = yaml.load(fs.readFileSync("packaging/aws/caprune.yaml", "utf8"));
fs.writeFileSync(`${out}/template-policy.json`, t.Parameters.Policy.Default);
' "$tools"
  for p in "$tools/configmap-policy.yaml" packaging/github/retention.yaml "$tools/template-policy.json"; do
    java -jar target/caprune.jar policy check "$p" >&2 || finding "caprune policy check $p"
  done
else
  say "no target/caprune.jar: the embedded policies are not checked here (DeployFilesTest does)"
fi

if [ "$failed" != 0 ]; then
  say "findings above"
  exit 1
fi
say "all deployment files passed"
