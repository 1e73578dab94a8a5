// Checks a CloudFormation template against the CloudFormation resource database that AWS CDK
// ships (npm @aws-cdk/aws-service-spec: every resource type, property, type and attribute), with
// no AWS account: resource types, properties (known, required, types, allowed values), every
// Ref, Fn::GetAtt and ${...} in Fn::Sub, conditions, DependsOn, parameters' defaults, and the
// shape of IAM policy documents. Prints one line per finding; exit 1 when there is any.
//
//   node check-template.js TEMPLATE   (run by packaging/check-deploy.sh, which installs its
//                                      dependencies: js-yaml and @aws-cdk/aws-service-spec)
"use strict";
const fs = require("fs");
const zlib = require("zlib");
const path = require("path");
const yaml = require("js-yaml");

const file = process.argv[2];
if (!file) {
  console.error("usage: node check-template.js TEMPLATE");
  process.exit(2);
}
const findings = [];
const finding = (where, what) => findings.push(`${file}: ${where}: ${what}`);

let template;
try {
  // The default schema knows no !Ref or !Sub: short forms are refused, so every YAML parser
  // (and caprune's own tests, with Jackson) reads the file the same way.
  template = yaml.load(fs.readFileSync(file, "utf8"));
} catch (e) {
  console.error(`${file}: not YAML that any parser reads (use Fn:: long forms): ${e.message}`);
  process.exit(1);
}

const specFile = path.join(
  path.dirname(require.resolve("@aws-cdk/aws-service-spec/package.json")),
  "db.json.gz");
const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(specFile))).schema;
const resourceTypes = new Map();
for (const r of Object.values(db.resource.entities)) resourceTypes.set(r.cloudFormationType, r);
const typeDefs = new Map();
for (const t of Object.values(db.typeDefinition.entities)) typeDefs.set(t.$id, t);

const SECTIONS = new Set(["AWSTemplateFormatVersion", "Description", "Metadata", "Parameters",
  "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs"]);
const PARAMETER_TYPES = /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9:]+>|AWS::SSM::Parameter::(Name|Value<.+>))$/;
const PSEUDO = new Set(["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
  "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"]);
const FUNCTIONS = new Set(["Ref", "Condition", "Fn::Base64", "Fn::Cidr", "Fn::FindInMap",
  "Fn::GetAtt", "Fn::GetAZs", "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Split",
  "Fn::Sub", "Fn::Transform", "Fn::If", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or",
  "Fn::Length", "Fn::ToJsonString"]);

for (const k of Object.keys(template || {})) if (!SECTIONS.has(k)) finding(k, "not a template section");
if (template.AWSTemplateFormatVersion !== undefined && template.AWSTemplateFormatVersion !== "2010-09-09") {
  finding("AWSTemplateFormatVersion", "must be the string 2010-09-09");
}
const parameters = template.Parameters || {};
const resources = template.Resources || {};
const conditions = template.Conditions || {};
if (Object.keys(resources).length === 0) finding("Resources", "none");

for (const [name, p] of Object.entries(parameters)) {
  const where = `Parameters.${name}`;
  if (!PARAMETER_TYPES.test(String(p.Type))) finding(where, `unknown type ${p.Type}`);
  for (const k of Object.keys(p)) {
    if (!["Type", "Default", "Description", "AllowedValues", "AllowedPattern", "MinValue",
      "MaxValue", "MinLength", "MaxLength", "NoEcho", "ConstraintDescription"].includes(k)) {
      finding(where, `unknown key ${k}`);
    }
  }
  if (p.Default !== undefined) {
    const d = String(p.Default);
    if (p.AllowedValues && !p.AllowedValues.map(String).includes(d)) finding(where, `Default ${d} not in AllowedValues`);
    if (p.AllowedPattern && !new RegExp(`^(?:${p.AllowedPattern})$`).test(d)) finding(where, `Default ${d} does not match AllowedPattern`);
    if (p.Type === "Number" && (Number.isNaN(Number(d)) || (p.MinValue !== undefined && Number(d) < p.MinValue) || (p.MaxValue !== undefined && Number(d) > p.MaxValue))) {
      finding(where, `Default ${d} is not a number within MinValue/MaxValue`);
    }
    if (p.MaxLength !== undefined && d.length > p.MaxLength) finding(where, "Default longer than MaxLength");
    if (d.length > 4096) finding(where, "Default longer than 4,096 bytes (CloudFormation's limit)");
  }
}

const isFunction = (v) => v !== null && typeof v === "object" && !Array.isArray(v) &&
  Object.keys(v).length === 1 && (Object.keys(v)[0] === "Ref" || Object.keys(v)[0].startsWith("Fn::"));

function checkAttribute(where, resource, attribute) {
  const r = resources[resource];
  if (!r) return finding(where, `Fn::GetAtt names no resource ${resource}`);
  const spec = resourceTypes.get(r.Type);
  if (spec && !(attribute in (spec.attributes || {}))) {
    finding(where, `${r.Type} has no attribute ${attribute} (it has: ${Object.keys(spec.attributes || {}).join(", ")})`);
  }
}

function checkRefName(where, name) {
  if (!(name in parameters) && !(name in resources) && !PSEUDO.has(name)) finding(where, `Ref to nothing: ${name}`);
}

// Every intrinsic function anywhere: its names resolve. Returns nothing; records findings.
function checkIntrinsics(v, where) {
  if (Array.isArray(v)) return v.forEach((e, i) => checkIntrinsics(e, `${where}[${i}]`));
  if (v === null || typeof v !== "object") return;
  for (const [k, arg] of Object.entries(v)) {
    if (k === "Ref" && Object.keys(v).length === 1) checkRefName(where, arg);
    else if (k.startsWith("Fn::") && !FUNCTIONS.has(k)) finding(where, `unknown function ${k}`);
    else if (k === "Fn::GetAtt") {
      const [res, att] = Array.isArray(arg) ? arg : String(arg).split(/\.(.*)/);
      checkAttribute(where, res, att);
    } else if (k === "Fn::Sub") {
      const text = Array.isArray(arg) ? arg[0] : arg;
      const vars = Array.isArray(arg) ? arg[1] || {} : {};
      if (typeof text !== "string") finding(where, "Fn::Sub needs a string");
      else {
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const ref = m[1];
          if (ref in vars) continue;
          const dot = ref.indexOf(".");
          if (dot > 0 && !PSEUDO.has(ref)) checkAttribute(where, ref.slice(0, dot), ref.slice(dot + 1));
          else checkRefName(where, ref);
        }
      }
    } else if (k === "Fn::If" && !(Array.isArray(arg) && arg.length === 3 && arg[0] in conditions)) {
      finding(where, "Fn::If needs [a condition of Conditions, a value, a value]");
    } else if (k === "Condition" && typeof arg === "string" && where.includes("Conditions.") && !(arg in conditions)) {
      finding(where, `no condition ${arg}`);
    }
    checkIntrinsics(arg, `${where}.${k}`);
  }
}

// A property's value against its type in the database; intrinsic functions stand for any value
// (their names are checked above), Fn::If for either branch.
function checkValue(v, type, where) {
  if (isFunction(v)) {
    const [k, arg] = Object.entries(v)[0];
    if (k === "Fn::If" && Array.isArray(arg)) {
      for (const b of arg.slice(1)) if (!(isFunction(b) && b.Ref === "AWS::NoValue")) checkValue(b, type, where);
    }
    return;
  }
  switch (type.type) {
    case "string":
    case "date-time":
      if (typeof v === "object" && v !== null) return finding(where, "expected a string");
      if (type.allowedValues && !type.allowedValues.includes(String(v))) {
        finding(where, `${v} is not one of ${type.allowedValues.join(", ")}`);
      }
      return;
    case "integer":
    case "number":
      if (typeof v === "number" || (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)))) {
        if (type.type === "integer" && !Number.isInteger(Number(v))) finding(where, "expected an integer");
        return;
      }
      return finding(where, `expected a ${type.type}, got ${JSON.stringify(v)}`);
    case "boolean":
      if (typeof v === "boolean" || v === "true" || v === "false") return;
      return finding(where, `expected a boolean, got ${JSON.stringify(v)}`);
    case "json":
      if (typeof v !== "object" || v === null) finding(where, "expected a JSON object");
      return;
    case "array":
      if (!Array.isArray(v)) return finding(where, "expected a list");
      return v.forEach((e, i) => checkValue(e, type.element, `${where}[${i}]`));
    case "map":
      if (typeof v !== "object" || v === null || Array.isArray(v)) return finding(where, "expected a map");
      return Object.entries(v).forEach(([k, e]) => checkValue(e, type.element, `${where}.${k}`));
    case "tag":
      if (typeof v !== "object" || v === null || !("Key" in v) || !("Value" in v)) finding(where, "expected a tag {Key, Value}");
      return;
    case "union": {
      const before = findings.length;
      for (const t of type.types) {
        const mark = findings.length;
        checkValue(v, t, where);
        if (findings.length === mark) { findings.length = before; return; }
        findings.length = mark;
      }
      return finding(where, `matches none of ${type.types.map((t) => t.type).join(", ")}`);
    }
    case "ref":
      return checkProperties(v, typeDefs.get(type.reference.$ref), where);
    default:
      return finding(where, `unknown type ${type.type} in the database`);
  }
}

function checkProperties(v, def, where) {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return finding(where, `expected an object (${def.name})`);
  const props = def.properties || {};
  for (const [k, e] of Object.entries(v)) {
    if (!(k in props)) finding(`${where}.${k}`, `${def.cloudFormationType || def.name} has no property ${k}`);
    else checkValue(e, props[k].type, `${where}.${k}`);
  }
  for (const [k, p] of Object.entries(props)) {
    if (p.required && !(k in v)) finding(where, `${def.cloudFormationType || def.name} needs ${k}`);
  }
}

function checkPolicyDocument(doc, where) {
  if (isFunction(doc)) return;
  if (doc.Version !== "2012-10-17") finding(where, "an IAM policy's Version must be 2012-10-17");
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  statements.forEach((s, i) => {
    const w = `${where}.Statement[${i}]`;
    if (isFunction(s)) {
      if (s["Fn::If"]) s["Fn::If"].slice(1).forEach((b) => { if (!isFunction(b)) checkStatement(b, w); });
      return;
    }
    checkStatement(s, w);
  });
}

function checkStatement(s, w) {
  if (!["Allow", "Deny"].includes(s.Effect)) finding(w, "Effect must be Allow or Deny");
  const actions = [].concat(s.Action || s.NotAction || []);
  if (actions.length === 0) finding(w, "no Action");
  for (const a of actions) {
    if (!isFunction(a) && !/^[a-z0-9-]+:[A-Za-z0-9*]+$/.test(a)) finding(w, `${a} is not service:Action`);
  }
  if (!("Resource" in s) && !("NotResource" in s) && !("Principal" in s)) finding(w, "no Resource");
  for (const k of Object.keys(s)) {
    if (!["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"].includes(k)) {
      finding(w, `unknown statement key ${k}`);
    }
  }
}

for (const [name, c] of Object.entries(conditions)) checkIntrinsics(c, `Conditions.${name}`);
for (const [name, r] of Object.entries(resources)) {
  const where = `Resources.${name}`;
  for (const k of Object.keys(r)) {
    if (!["Type", "Properties", "DependsOn", "Condition", "Metadata", "DeletionPolicy",
      "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy"].includes(k)) finding(where, `unknown key ${k}`);
  }
  const spec = resourceTypes.get(r.Type);
  if (!spec) { finding(where, `unknown resource type ${r.Type}`); continue; }
  checkIntrinsics(r.Properties || {}, `${where}.Properties`);
  checkProperties(r.Properties || {}, spec, `${where}.Properties`);
  for (const d of [].concat(r.DependsOn || [])) if (!(d in resources)) finding(where, `DependsOn names no resource ${d}`);
  if (r.Condition && !(r.Condition in conditions)) finding(where, `no condition ${r.Condition}`);
  const props = r.Properties || {};
  if (props.PolicyDocument) checkPolicyDocument(props.PolicyDocument, `${where}.Properties.PolicyDocument`);
  if (props.AssumeRolePolicyDocument) checkPolicyDocument(props.AssumeRolePolicyDocument, `${where}.Properties.AssumeRolePolicyDocument`);
  (props.Policies || []).forEach((p, i) => checkPolicyDocument(p.PolicyDocument || {}, `${where}.Properties.Policies[${i}].PolicyDocument`));
}
for (const [name, o] of Object.entries(template.Outputs || {})) {
  if (!("Value" in o)) finding(`Outputs.${name}`, "no Value");
  checkIntrinsics(o, `Outputs.${name}`);
}

for (const f of findings) console.log(f);
console.log(`${file}: ${Object.keys(resources).length} resources, ${Object.keys(parameters).length} parameters checked against the CloudFormation resource database (${resourceTypes.size} types): ${findings.length} findings`);
process.exit(findings.length === 0 ? 0 : 1);
