// Checks Kubernetes manifests with no cluster, against the API's own OpenAPI schemas as npm's
// kubernetes-models ships them: each object's validator (required fields, types, enums,
// formats), then its TypeScript type (tsc's excess-property check: a field the API does not
// have, e.g. a misspelt readOnlyRootFilesystem, which the validators let through, as a
// cluster's lenient decoding would drop it silently). One line per finding; exit 1 when any.
//
//   node check-manifests.js WORKDIR FILE...   (run by packaging/check-deploy.sh with the output
//                                              of kubectl kustomize, or the files themselves)
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { pathToFileURL } = require("url");
const yaml = require("js-yaml");

// kubernetes-models 5 is ECMAScript modules only: each model is imported by its file.
const models = path.dirname(require.resolve("kubernetes-models/package.json"));

const [workArg, ...files] = process.argv.slice(2);
const work = workArg && path.resolve(workArg);
if (!work || files.length === 0) {
  console.error("usage: node check-manifests.js WORKDIR FILE...");
  process.exit(2);
}
const findings = [];
const imports = [];
const uses = [];
let count = 0;
(async () => {
for (const file of files) {
  const docs = yaml.loadAll(fs.readFileSync(file, "utf8")).filter((d) => d !== null);
  for (const [i, doc] of docs.entries()) {
    const where = `${file}[${i}] ${doc.kind}/${doc.metadata && doc.metadata.name}`;
    if (doc.kind === "Kustomization") continue; // kubectl kustomize checks it
    const module = `kubernetes-models/${doc.apiVersion}/${doc.kind}`;
    const js = path.join(models, String(doc.apiVersion), `${doc.kind}.js`);
    if (!fs.existsSync(js)) {
      findings.push(`${where}: no such kind in the Kubernetes API (${doc.apiVersion} ${doc.kind})`);
      continue;
    }
    const Model = (await import(pathToFileURL(js).href))[doc.kind];
    count++;
    try {
      new Model(doc).validate();
    } catch (e) {
      findings.push(`${where}: ${e.message}`);
    }
    const name = `M${count}`;
    imports.push(`import { ${doc.kind} as ${name} } from "${module}";`);
    const { apiVersion, kind, ...body } = doc; // the model sets these two itself
    uses.push(`// ${where}\nnew ${name}(${JSON.stringify(body, null, 1)});`);
  }
}

if (count > 0) {
  fs.mkdirSync(work, { recursive: true });
  const ts = path.join(work, "manifests.mts");
  fs.writeFileSync(ts, `${imports.join("\n")}\n${uses.join("\n")}\n`);
  const tsc = path.join(path.dirname(require.resolve("typescript/package.json")), "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "--noEmit", "--strict", "--module", "node16",
      "--moduleResolution", "node16", "--target", "es2020", "--skipLibCheck", ts],
    { cwd: work, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const lines = String(e.stdout).split("\n").filter((l) => l.includes("error TS"));
    if (lines.length === 0) findings.push(`tsc failed: ${e.stderr || e.message}`);
    for (const l of lines) findings.push(`${ts}: ${l.replace(/^.*?\.mts/, "")}`);
  }
}

for (const f of findings) console.log(f);
console.log(`${count} Kubernetes objects checked against the API's schemas: ${findings.length} findings`);
process.exit(findings.length === 0 ? 0 : 1);
})();
